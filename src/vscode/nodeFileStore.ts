import { promises as fs } from 'node:fs';
import type { FileStore } from '../core/ports';

/**
 * The FileStore port over `node:fs` (no `vscode` import, so unit tests and benchmarks use it as is).
 * The ledger lives under the extension's global storage, a local folder, so plain fs is the right tool:
 * `vscode.workspace.fs` has no append, and an append must be one `write` to stay whole between windows.
 */
export const nodeFileStore: FileStore & { remove(path: string): Promise<void> } = {
  async append(path, data) {
    const bytes = Buffer.from(data, 'utf8');
    // 'a' = O_WRONLY | O_APPEND | O_CREAT: the kernel positions every write at the end of the file
    // atomically, so two windows appending at once each get a whole line of their own. Opened per call
    // (not cached) so that after another window archives the files we never write into the moved one.
    const handle = await fs.open(path, 'a');
    try {
      const { bytesWritten } = await handle.write(bytes, 0, bytes.length);
      // A second write for the rest could land after another process's line and split ours: report the
      // record as not written instead (readers skip the torn part).
      if (bytesWritten !== bytes.length) throw new Error(`short write to ${path}: ${bytesWritten} of ${bytes.length} bytes`);
    } finally {
      await handle.close();
    }
  },

  async read(path, offset, maxBytes) {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(path, 'r');
    } catch (error) {
      if (isNotFound(error)) return new Uint8Array(0);
      throw error;
    }
    try {
      const buffer = Buffer.allocUnsafe(maxBytes);
      let filled = 0;
      // read() may return fewer bytes than asked before the end of the file; loop until EOF or full.
      while (filled < maxBytes) {
        const { bytesRead } = await handle.read(buffer, filled, maxBytes - filled, offset + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return buffer.subarray(0, filled);
    } finally {
      await handle.close();
    }
  },

  async list(dir) {
    try {
      return await fs.readdir(dir);
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
  },

  async rename(from, to) {
    try {
      await fs.rename(from, to);
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  },

  async mkdir(dir) {
    await fs.mkdir(dir, { recursive: true });
  },

  /** Deletes a file; no-op when it is missing (the data-sent log prunes with it). */
  async remove(path: string) {
    try {
      await fs.unlink(path);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  },

  async size(path) {
    try {
      return (await fs.stat(path)).size;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  },
};

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}
