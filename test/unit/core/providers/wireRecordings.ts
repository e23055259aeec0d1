import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';

/**
 * Responses recorded from the real provider APIs by third parties, kept beside the repository in
 * `../shared/wire-recordings` (data to replay, never committed here). Tests read them at run time; a missing
 * folder fails the test rather than skipping it, so a check against reality cannot silently vanish.
 */
export interface WireRecording {
  readonly id: string;
  readonly vendor: 'openai' | 'anthropic' | 'gemini';
  readonly kind: 'openai' | 'openaiCompatible' | 'anthropic' | 'gemini';
  /** `raw`: `body` is the bytes as sent; `*-lines`: one JSON event per entry of `lines`, framed by vendor. */
  readonly framing: 'raw' | 'openai-lines' | 'anthropic-lines' | 'gemini-lines';
  readonly response: {
    readonly status: number;
    readonly headers: Readonly<Record<string, string>>;
    readonly body?: string;
    readonly lines?: readonly string[];
  };
}

/** The repository root: the nearest folder above this (compiled) file that holds package.json. */
function repoRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no repository root above ${__dirname}`);
  }
}

/** `<repo>/../shared/wire-recordings`, as on a developer machine and in CI's fresh clone with shared/ beside it. */
export function recordingsDir(): string {
  const dir = join(repoRoot(), '..', 'shared', 'wire-recordings');
  assert.ok(existsSync(dir), `the real-wire recordings are missing: expected them in ${dir}`);
  return dir;
}

export function loadRecording(id: string): WireRecording {
  return JSON.parse(readFileSync(join(recordingsDir(), `${id}.json`), 'utf8')) as WireRecording;
}

/** Every recording of one vendor (`openai` covers OpenAI and the compatible servers). */
export function loadVendorRecordings(vendor: WireRecording['vendor']): WireRecording[] {
  return readdirSync(recordingsDir()).filter((name) => name.endsWith('.json'))
    .map((name) => loadRecording(name.slice(0, -'.json'.length)))
    .filter((recording) => recording.vendor === vendor);
}

/** One `type` per JSON event line, for Anthropic's `event:` names. */
function eventType(line: string): string {
  const parsed = JSON.parse(line) as { type?: unknown };
  return typeof parsed.type === 'string' ? parsed.type : 'message';
}

/** The body exactly as the vendor sends it: line recordings get their vendor's SSE framing (OpenAI's `[DONE]` too). */
export function wireBody(recording: WireRecording): string {
  const { body, lines } = recording.response;
  if (recording.framing === 'raw') return body ?? '';
  const all = lines ?? [];
  if (recording.framing === 'anthropic-lines') return all.map((l) => `event: ${eventType(l)}\ndata: ${l}\n\n`).join('');
  const data = all.map((l) => `data: ${l}\n\n`).join('');
  return recording.framing === 'openai-lines' ? `${data}data: [DONE]\n\n` : data;
}

/** A loopback server that answers every request with the recording currently set. */
export interface ReplayServer {
  readonly url: string;
  play(recording: WireRecording): void;
  close(): Promise<void>;
}

export async function startReplayServer(): Promise<ReplayServer> {
  let current: WireRecording | undefined;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (current === undefined) {
        res.writeHead(500).end('no recording set');
        return;
      }
      const streamed = current.framing !== 'raw';
      res.writeHead(current.response.status, {
        'content-type': streamed ? 'text/event-stream' : 'application/json',
        ...current.response.headers,
      });
      res.end(wireBody(current));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    play: (recording) => {
      current = recording;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
