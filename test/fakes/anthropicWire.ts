import { STATUS_CODES, type ServerResponse } from 'node:http';
import { citationFrame, dataText, leadBlocks, startInputTokens } from './anthropicWireFeatures';
import type { Fault, WireFeature } from './scenario';
import type { FakeUsage } from './script';
import type { StreamPlan } from './streamWriter';
import { sseFrame } from './wire';

/** Anthropic's error `type` values (https://platform.claude.com/docs/en/api/errors). */
export type AnthropicErrorType =
  | 'invalid_request_error' | 'authentication_error' | 'billing_error' | 'permission_error' | 'not_found_error'
  | 'request_too_large' | 'rate_limit_error' | 'api_error' | 'timeout_error' | 'overloaded_error';

/** An error reply before any stream: the vendor envelope, or a proxy's non-JSON page when `html` is set. */
export interface AnthropicErrorReply {
  readonly status: number;
  readonly type: AnthropicErrorType;
  readonly message: string;
  readonly headers?: Record<string, string>;
  /** Sent as text/html instead of the JSON envelope (a proxy or Cloudflare answered before the API). */
  readonly html?: string;
}

let requestCounter = 0;

/** Every Anthropic response carries a `request-id` header (and errors repeat it in the body). */
export function newRequestId(): string {
  requestCounter += 1;
  return `req_fake${Date.now().toString(36)}${requestCounter.toString(36).padStart(4, '0')}`;
}

export function sendAnthropicError(res: ServerResponse, reply: AnthropicErrorReply, requestId: string): void {
  const headers = { 'request-id': requestId, ...reply.headers };
  if (reply.html !== undefined) {
    res.writeHead(reply.status, { 'content-type': 'text/html', ...headers });
    res.end(reply.html);
    return;
  }
  res.writeHead(reply.status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ type: 'error', error: { type: reply.type, message: reply.message }, request_id: requestId }));
}

export function sendAnthropicJson(res: ServerResponse, body: unknown, requestId: string): void {
  res.writeHead(200, { 'content-type': 'application/json', 'request-id': requestId });
  res.end(JSON.stringify(body));
}

/** The envelope type Anthropic uses for a status, for faults that only name a status (#24). */
export function typeForStatus(status: number): AnthropicErrorType {
  switch (status) {
    case 400: case 422: return 'invalid_request_error';
    case 401: return 'authentication_error';
    case 402: return 'billing_error';
    case 403: return 'permission_error';
    case 404: return 'not_found_error';
    case 413: return 'request_too_large';
    case 429: return 'rate_limit_error';
    case 504: return 'timeout_error';
    case 529: return 'overloaded_error';
    default: return status >= 500 ? 'api_error' : 'invalid_request_error';
  }
}

const PROXY_PAGE = (status: number): string =>
  `<html><head><title>${status} ${STATUS_CODES[status] ?? 'Error'}</title></head><body><center><h1>${status} ${STATUS_CODES[status] ?? 'Error'}</h1>`
  + '</center><hr><center>nginx</center></body></html>\n';
const CLOUDFLARE_413 = '<html><head><title>413 Request Entity Too Large</title></head><body><center>'
  + '<h1>413 Request Entity Too Large</h1></center><hr><center>cloudflare</center></body></html>\n';

/**
 * The error reply a pre-stream fault turns into, the way the Anthropic API (or the proxy in front of it) sends it.
 * `undefined` for faults that happen inside a 200 response (or are not Anthropic's).
 */
export function faultReply(fault: Fault | undefined, model: string | undefined, promptTokenCount: number): AnthropicErrorReply | undefined {
  switch (fault?.kind) {
    case 'server-error': {
      const status = fault.status ?? 500;
      return fault.nonJson
        ? { status, type: typeForStatus(status), message: '', html: PROXY_PAGE(status) }
        : { status, type: typeForStatus(status), message: status === 504 ? 'Request timed out' : 'Internal server error' };
    }
    case 'overloaded':
      return { status: 529, type: 'overloaded_error', message: 'Overloaded' };
    case 'rate-limit':
      return {
        status: 429,
        type: 'rate_limit_error',
        message: 'This request would exceed the rate limit for your organization of 50 requests per minute.',
        headers: rateLimitHeaders(fault.retryAfter, fault.retryAfterMs),
      };
    case 'quota':
      return {
        status: 402,
        type: 'billing_error',
        message: 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.',
      };
    case 'auth':
      return fault.forbidden
        ? { status: 403, type: 'permission_error', message: 'Your API key does not have permission to use the specified resource.' }
        : { status: 401, type: 'authentication_error', message: 'invalid x-api-key' };
    case 'context-length':
      return {
        status: 400,
        type: 'invalid_request_error',
        message: `prompt is too long: ${Math.max(promptTokenCount, 200_001) + 8_309} tokens > 200000 maximum`,
      };
    case 'bad-request':
      return { status: fault.status ?? 400, type: 'invalid_request_error', message: 'temperature: Input should be less than or equal to 1' };
    case 'not-found':
      return { status: 404, type: 'not_found_error', message: `model: ${model ?? 'unknown'}` };
    case 'too-large':
      return fault.nonJson
        ? { status: 413, type: 'request_too_large', message: '', html: CLOUDFLARE_413 }
        : { status: 413, type: 'request_too_large', message: 'Request exceeds the maximum allowed number of bytes.' };
    case 'should-retry':
      return {
        status: fault.status,
        type: typeForStatus(fault.status),
        message: fault.status >= 500 ? 'Internal server error' : 'Invalid request',
        headers: { 'x-should-retry': String(fault.value) },
      };
    default:
      return undefined;
  }
}

function rateLimitHeaders(retryAfter: string | undefined, retryAfterMs: string | undefined): Record<string, string> {
  const reset = new Date(Date.now() + 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'); // RFC 3339, as Anthropic sends
  const headers: Record<string, string> = {
    'anthropic-ratelimit-requests-limit': '50',
    'anthropic-ratelimit-requests-remaining': '0',
    'anthropic-ratelimit-requests-reset': reset,
  };
  if (retryAfter !== undefined) headers['retry-after'] = retryAfter;
  if (retryAfterMs !== undefined) headers['retry-after-ms'] = retryAfterMs;
  return headers;
}

/** Wire usage: Anthropic's `input_tokens` EXCLUDES cache reads and writes; `output_tokens` INCLUDES thinking. */
export function wireUsage(usage: FakeUsage): {
  input_tokens: number; cache_read_input_tokens: number; cache_creation_input_tokens: number; output_tokens: number;
  output_tokens_details: { thinking_tokens: number } | null;
} {
  return {
    input_tokens: usage.input - usage.cached - usage.cacheWrite,
    cache_read_input_tokens: usage.cached,
    cache_creation_input_tokens: usage.cacheWrite,
    output_tokens: usage.output + usage.reasoning,
    output_tokens_details: usage.reasoning > 0 ? { thinking_tokens: usage.reasoning } : null,
  };
}

export interface AnthropicAnswer {
  readonly id: string;
  readonly model: string;
  /** The visible answer, one entry per streamed `text_delta`. */
  readonly tokens: readonly string[];
  readonly usage: FakeUsage;
  readonly stopReason: 'end_turn' | 'max_tokens' | 'stop_sequence' | 'refusal' | 'pause_turn';
  readonly stopSequence: string | null;
}

const REFUSAL_DETAILS = { type: 'refusal', category: null, explanation: 'The request was declined by a safety classifier.' };

/** The non-streaming `Message` body. */
export function messageBody(answer: AnthropicAnswer): unknown {
  const usage = wireUsage(answer.usage);
  const content: unknown[] = [];
  if (answer.usage.reasoning > 0) content.push({ type: 'thinking', thinking: 'Let me think.', signature: 'c2lnbmF0dXJl' });
  content.push({ type: 'text', text: answer.tokens.join(''), citations: null });
  return {
    id: answer.id, type: 'message', role: 'assistant', content, model: answer.model,
    stop_reason: answer.stopReason, stop_sequence: answer.stopSequence,
    stop_details: answer.stopReason === 'refusal' ? REFUSAL_DETAILS : null, container: null,
    usage: {
      ...usage,
      cache_creation: { ephemeral_5m_input_tokens: answer.usage.cacheWrite, ephemeral_1h_input_tokens: 0 },
      server_tool_use: null, service_tier: 'standard', inference_geo: null,
    },
  };
}

/**
 * The stream as Anthropic sends it: named events (the SDK dispatches on the `event:` line, not on the JSON
 * `type`), `message_start` usage, a `ping`, one `text_delta` per token, then `message_delta` with the stop
 * reason and CUMULATIVE usage, and `message_stop` as the terminal signal. `omitEventNames` drops the
 * `event:` lines to show that the SDK then yields nothing at all.
 */
export function anthropicStreamPlan(
  answer: AnthropicAnswer,
  options: { crlf?: boolean; requestId: string; omitEventNames?: boolean; wire?: readonly WireFeature[] },
): StreamPlan {
  const wire = new Set(options.wire);
  const frame = (event: string, payload: unknown): string =>
    sseFrame(dataText(payload, wire), { event: options.omitEventNames ? undefined : event, crlf: options.crlf });
  const usage = wireUsage(answer.usage);
  const thinking = answer.usage.reasoning > 0;
  const lead = leadBlocks(wire, frame, thinking ? 1 : 0);
  const textIndex = (thinking ? 1 : 0) + lead.count;

  const preamble = [frame('message_start', {
    type: 'message_start',
    message: {
      id: answer.id, type: 'message', role: 'assistant', content: [], model: answer.model,
      // No `container` here: real message_start events do not carry one (recordings in shared/wire-recordings).
      stop_reason: null, stop_sequence: null, stop_details: null,
      usage: {
        input_tokens: startInputTokens(usage.input_tokens, wire),
        cache_creation_input_tokens: usage.cache_creation_input_tokens,
        cache_read_input_tokens: usage.cache_read_input_tokens,
        cache_creation: { ephemeral_5m_input_tokens: usage.cache_creation_input_tokens, ephemeral_1h_input_tokens: 0 },
        // A running count, as the real API sends it; message_delta later REPLACES it.
        output_tokens: 1,
        service_tier: 'standard',
        inference_geo: 'not_available',
      },
    },
  })];
  if (thinking) {
    preamble.push(
      frame('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } }),
      frame('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Let me think.' } }),
      frame('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'c2lnbmF0dXJl' } }),
      frame('content_block_stop', { type: 'content_block_stop', index: 0 }),
    );
  }
  preamble.push(
    ...lead.frames,
    frame('content_block_start', { type: 'content_block_start', index: textIndex, content_block: { type: 'text', text: '' } }),
    frame('ping', { type: 'ping' }),
  );

  const content = answer.tokens.map((text, i) =>
    (i === 1 && wire.has('citations') ? citationFrame(frame, textIndex) : '')
    + frame('content_block_delta', { type: 'content_block_delta', index: textIndex, delta: { type: 'text_delta', text } }));

  const epilogue = [
    frame('content_block_stop', { type: 'content_block_stop', index: textIndex }),
    frame('message_delta', {
      type: 'message_delta',
      delta: {
        stop_reason: answer.stopReason, stop_sequence: answer.stopSequence,
        stop_details: answer.stopReason === 'refusal' ? REFUSAL_DETAILS : null, container: null,
      },
      usage: { ...usage, server_tool_use: wire.has('citations') ? { web_search_requests: 1, web_fetch_requests: 0 } : null },
    }),
    frame('message_stop', { type: 'message_stop' }),
  ];

  return {
    preamble,
    content,
    epilogue,
    errorFrame: frame('error', {
      type: 'error', error: { type: 'overloaded_error', message: 'Overloaded', details: null }, request_id: options.requestId,
    }),
    keepAliveFrame: frame('ping', { type: 'ping' }),
    // Cut inside a named event, so the SDK really parses broken JSON (a data-only frame would be skipped).
    malformedFrame: `${options.omitEventNames ? '' : `event: content_block_delta${options.crlf ? '\r\n' : '\n'}`}`
      + `data: {"type":"content_block_delta","index":${textIndex},"delta":{"type":"text_d${options.crlf ? '\r\n\r\n' : '\n\n'}`,
    headers: { 'request-id': options.requestId },
  };
}
