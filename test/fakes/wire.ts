import type { ServerResponse } from 'node:http';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export function sendText(res: ServerResponse, status: number, text: string, contentType = 'text/html'): void {
  res.writeHead(status, { 'content-type': contentType });
  res.end(text);
}

/** Sends stream headers now; without flushHeaders Node waits for the first write. */
export function sseStart(res: ServerResponse, headers: Record<string, string> = {}): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', ...headers });
  res.flushHeaders();
}

/** One SSE event: optional `event:` line, exactly one `data:` line (the Gemini parser needs that), blank line. */
export function sseFrame(data: string, options: { event?: string; crlf?: boolean } = {}): string {
  const nl = options.crlf ? '\r\n' : '\n';
  return `${options.event === undefined ? '' : `event: ${options.event}${nl}`}data: ${data}${nl}${nl}`;
}
