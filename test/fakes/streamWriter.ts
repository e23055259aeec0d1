import type { ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { Fault } from './scenario';
import { seededRandom } from './script';
import { sseStart } from './wire';

/** A vendor's stream, already rendered as SSE frames; the writer applies the stream-phase faults. */
export interface StreamPlan {
  /** Frames before any content (OpenAI role chunk, Anthropic message_start + content_block_start). */
  readonly preamble: readonly string[];
  /** One frame per content token. */
  readonly content: readonly string[];
  /** Frames after content, including the terminal signal ([DONE], message_stop, the finishReason chunk). */
  readonly epilogue: readonly string[];
  /** The vendor's error-after-200 frame (#3). */
  readonly errorFrame: string;
  /** The vendor's keep-alive (Anthropic `ping`, an SSE comment). */
  readonly keepAliveFrame: string;
  /**
   * The vendor's broken frame (#18); default a data-only one. Anthropic needs its own: its SDK skips frames
   * without an `event:` line, so the default would never reach a JSON parser there.
   */
  readonly malformedFrame?: string;
  readonly headers?: Record<string, string>;
}

export interface StreamWriteOptions {
  readonly fault?: Fault;
  /** Global pacing of content chunks; 0 or undefined = as fast as possible. */
  readonly tokensPerSecond?: number;
}

/** Resolves when the client goes away (or the server closes the socket). */
export function whenClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed || res.socket?.destroyed) resolve();
    else res.once('close', () => resolve());
  });
}

const MALFORMED = 'data: {"choices":[{"delta":\n\n';
/** Faults that interrupt the content at a chunk boundary (`afterChunks`, default 2). */
const CUT_KINDS: ReadonlySet<Fault['kind']> = new Set(['in-stream-error', 'stall', 'reset', 'truncate', 'malformed']);

export async function writeStream(res: ServerResponse, plan: StreamPlan, options: StreamWriteOptions = {}): Promise<void> {
  const fault = options.fault;
  const closed = whenClosed(res);
  let gone = false;
  void closed.then(() => (gone = true));
  const pace = options.tokensPerSecond ? 1000 / options.tokensPerSecond : 0;
  const jitter = fault?.kind === 'latency' ? seededRandom(fault.seed ?? 1) : undefined;

  if (fault?.kind === 'sliced') {
    sseStart(res, plan.headers);
    await writeSliced(res, [...plan.preamble, ...plan.content, ...plan.epilogue].join(''), seededRandom(fault.seed ?? 7));
    return;
  }

  sseStart(res, plan.headers);
  for (const frame of plan.preamble) res.write(frame);

  if (fault?.kind === 'keepalive-only') {
    const interval = fault.intervalMs ?? 200;
    while (!gone) {
      res.write(plan.keepAliveFrame);
      await Promise.race([delay(interval), closed]);
    }
    return;
  }
  if (fault?.kind === 'slow-first-token') await Promise.race([delay(fault.delayMs), closed]);

  // By kind, not by `'afterChunks' in fault`: a fault that omits `afterChunks` must still cut (default 2).
  const cutAt = fault !== undefined && CUT_KINDS.has(fault.kind) ? ((fault as { afterChunks?: number }).afterChunks ?? 2) : undefined;
  let bytes = 0;
  for (let i = 0; i < plan.content.length; i++) {
    if (gone) return;
    if (cutAt !== undefined && i === Math.min(cutAt, plan.content.length)) {
      if (await applyCut(res, fault as Fault, plan, closed)) return;
    }
    if (pace > 0) await delay(pace);
    if (jitter && fault?.kind === 'latency') {
      await delay(Math.max(0, fault.perChunkMs + (jitter() * 2 - 1) * (fault.jitterMs ?? 0)));
    }
    const frame = plan.content[i] as string;
    if (fault?.kind === 'truncate' && fault.afterBytes !== undefined && bytes + frame.length >= fault.afterBytes) {
      res.write(frame.slice(0, Math.max(0, fault.afterBytes - bytes)));
      await delay(5);
      res.socket?.destroy();
      return;
    }
    bytes += frame.length;
    res.write(frame);
  }
  if (cutAt !== undefined && cutAt >= plan.content.length) {
    if (await applyCut(res, fault as Fault, plan, closed)) return;
  }
  for (const frame of plan.epilogue) res.write(frame);
  res.end();
}

/** Applies a fault that interrupts the content at a chunk boundary. Returns true when the response is over. */
async function applyCut(res: ServerResponse, fault: Fault, plan: StreamPlan, closed: Promise<void>): Promise<boolean> {
  switch (fault.kind) {
    case 'in-stream-error':
      res.end(plan.errorFrame);
      return true;
    case 'stall':
      await closed; // silence with the socket open until the client gives up
      return true;
    case 'reset':
      await delay(5); // let the earlier chunks reach the client first
      res.socket?.resetAndDestroy();
      return true;
    case 'truncate':
      if (fault.afterBytes !== undefined) return false;
      res.end();
      return true;
    case 'malformed':
      res.end(plan.malformedFrame ?? MALFORMED);
      return true;
    default:
      return false;
  }
}

/** 1–3-byte writes, deliberately splitting multi-byte UTF-8 sequences and CRLF pairs. */
export async function writeSliced(res: ServerResponse, body: string, random: () => number): Promise<void> {
  const buffer = Buffer.from(body, 'utf8');
  res.socket?.setNoDelay(true);
  for (let i = 0; i < buffer.length;) {
    const n = 1 + Math.floor(random() * 3);
    res.write(buffer.subarray(i, i + n));
    i += n;
    await new Promise((resolve) => setImmediate(resolve));
  }
  res.end();
}
