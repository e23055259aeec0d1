import type { FileStore } from '../ports';

/** Bytes read per call: bounds the transient memory of a cold load of a large month (≈10k records). */
const READ_CHUNK_BYTES = 4 * 1024 * 1024;
const NEWLINE = 0x0a;

/**
 * Reads the complete lines of a file from byte `offset` to its end and hands them to `onText` (several
 * lines per call, separated by `\n`, without the final one). Resolves with the offset just past the last
 * `\n` read: a trailing partial line — still being written by another process, or torn by a crash — is
 * left for a later call. Works on bytes, so a multi-byte character split across chunks is never garbled.
 */
export async function readCompleteLines(store: FileStore, path: string, offset: number, onText: (text: string) => void): Promise<number> {
  const decoder = new TextDecoder();
  let consumed = offset;
  let carry: Uint8Array = new Uint8Array(0);
  for (;;) {
    const chunk = await store.read(path, consumed + carry.length, READ_CHUNK_BYTES);
    if (chunk.length === 0) break;
    const buffer = carry.length === 0 ? chunk : concat(carry, chunk);
    const end = buffer.lastIndexOf(NEWLINE);
    if (end < 0) {
      carry = buffer;
    } else {
      onText(decoder.decode(buffer.subarray(0, end)));
      consumed += end + 1;
      carry = buffer.slice(end + 1);
    }
    if (chunk.length < READ_CHUNK_BYTES) break;
  }
  return consumed;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
