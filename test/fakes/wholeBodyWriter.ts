import type { ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { Fault } from './scenario';
import { seededRandom } from './script';
import { whenClosed, writeSliced } from './streamWriter';

export interface WholeBodyOptions {
  readonly contentType: string;
  readonly headers?: Record<string, string>;
  /** Without a stream, a failure "after HTTP 200" arrives as an error status: the vendor sends its own. */
  readonly sendServerError: (res: ServerResponse) => void;
}

/**
 * A whole (non-SSE) JSON body under the stream-phase faults that still make sense without SSE events:
 * delays, hangs, cuts, resets, garbage and 1–3-byte slicing. Shared by the vendor fakes.
 */
export async function writeWholeBody(res: ServerResponse, text: string, fault: Fault | undefined, options: WholeBodyOptions): Promise<void> {
  const closed = whenClosed(res);
  if (fault?.kind === 'in-stream-error') return options.sendServerError(res);
  if (fault?.kind === 'slow-first-token') await Promise.race([delay(fault.delayMs), closed]);
  if (fault?.kind === 'latency') await Promise.race([delay(fault.perChunkMs), closed]);
  if (fault?.kind === 'keepalive-only') return closed; // no events to keep alive: a hang before headers
  res.writeHead(200, { 'content-type': options.contentType, ...options.headers });
  const half = text.slice(0, Math.floor(text.length / 2));
  switch (fault?.kind) {
    case 'malformed':
      res.end(text.slice(0, 24));
      return;
    case 'stall':
      res.write(half);
      return closed;
    case 'reset':
      res.write(half);
      await delay(5);
      res.socket?.resetAndDestroy();
      return;
    case 'truncate':
      res.write(fault.afterBytes === undefined ? half : text.slice(0, fault.afterBytes));
      await delay(5);
      res.socket?.destroy();
      return;
    case 'sliced':
      return writeSliced(res, text, seededRandom(fault.seed ?? 7));
    default:
      res.end(text);
  }
}
