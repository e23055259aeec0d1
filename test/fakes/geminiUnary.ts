import type { ServerResponse } from 'node:http';
import { overloadedStatus } from './geminiErrorReplies';
import type { Fault } from './scenario';
import { writeWholeBody } from './wholeBodyWriter';

const JSON_TYPE = 'application/json; charset=UTF-8';

/** A whole (non-SSE) Gemini JSON body under the faults that still make sense without a stream. */
export function writeUnary(res: ServerResponse, text: string, fault: Fault | undefined): Promise<void> {
  return writeWholeBody(res, text, fault, {
    contentType: JSON_TYPE,
    sendServerError: (r) => {
      r.writeHead(503, { 'content-type': JSON_TYPE });
      r.end(`${JSON.stringify({ error: overloadedStatus() }, null, 2)}\n`);
    },
  });
}
