import type { ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { overloadedStatus } from './geminiErrorReplies';
import type { Fault } from './scenario';
import { seededRandom } from './script';
import { whenClosed } from './streamWriter';

const JSON_TYPE = 'application/json; charset=UTF-8';

/**
 * A whole (non-SSE) JSON body under the stream-phase faults that still make sense without SSE events:
 * delays, hangs, cuts, resets, garbage and 1–3-byte slicing.
 */
export async function writeUnary(res: ServerResponse, text: string, fault: Fault | undefined): Promise<void> {
  const closed = whenClosed(res);
  if (fault?.kind === 'in-stream-error') {
    // Without a stream the same failure arrives as the HTTP status.
    res.writeHead(503, { 'content-type': JSON_TYPE });
    res.end(`${JSON.stringify({ error: overloadedStatus() }, null, 2)}\n`);
    return;
  }
  if (fault?.kind === 'slow-first-token') await Promise.race([delay(fault.delayMs), closed]);
  if (fault?.kind === 'latency') await Promise.race([delay(fault.perChunkMs), closed]);
  if (fault?.kind === 'keepalive-only') return closed; // no events to keep alive: a hang before headers
  res.writeHead(200, { 'content-type': JSON_TYPE });
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
    case 'sliced': {
      const random = seededRandom(fault.seed ?? 7);
      const bytes = Buffer.from(text, 'utf8');
      res.socket?.setNoDelay(true);
      for (let i = 0; i < bytes.length;) {
        const n = 1 + Math.floor(random() * 3);
        res.write(bytes.subarray(i, i + n));
        i += n;
        await new Promise((resolve) => setImmediate(resolve));
      }
      res.end();
      return;
    }
    default:
      res.end(text);
  }
}
