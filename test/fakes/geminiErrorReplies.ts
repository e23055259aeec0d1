import type { Fault } from './scenario';

/** A `google.rpc.Status` as the Gemini API puts it under `error`. */
export interface GeminiRpcStatus {
  readonly code: number;
  readonly message: string;
  readonly status: string;
  readonly details?: readonly Record<string, unknown>[];
}

/** An error reply: the vendor envelope (or a proxy's text body) plus the HTTP framing it travels in. */
export interface GeminiErrorReply {
  readonly status: number;
  /** `undefined` for a non-JSON body, sent as `text` with `contentType`. */
  readonly envelope?: { readonly error: GeminiRpcStatus };
  readonly text?: string;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

const ERROR_INFO = 'type.googleapis.com/google.rpc.ErrorInfo';
const RETRY_INFO = 'type.googleapis.com/google.rpc.RetryInfo';
const QUOTA_FAILURE = 'type.googleapis.com/google.rpc.QuotaFailure';
const HELP = 'type.googleapis.com/google.rpc.Help';
const BAD_REQUEST = 'type.googleapis.com/google.rpc.BadRequest';
const SERVICE = 'generativelanguage.googleapis.com';
const QUOTA_METRIC = `${SERVICE}/generate_content_free_tier_requests`;
const QUOTA_HELP = { '@type': HELP, links: [{ description: 'Learn more about Gemini API quotas', url: 'https://ai.google.dev/gemini-api/docs/rate-limits' }] };
const QUOTA_MESSAGE = 'You exceeded your current quota, please check your plan and billing details. For more information on this error, '
  + 'head to: https://ai.google.dev/gemini-api/docs/rate-limits.';

/**
 * The two 429 flavours differ only in `QuotaFailure.violations[].quotaId` (the message text is identical), as
 * the live API sends them (bodies in github.com/diegosouzapw/OmniRoute/issues/9504): `…PerMinute…` is a rate
 * limit that clears in seconds, `…PerDay…` a daily quota that stays exhausted until the reset. That `quotaId`
 * is the structured marker the adapter reads to tell `quotaExceeded` from `rateLimited`.
 */
export const GEMINI_DAILY_QUOTA_ID = 'GenerateRequestsPerDayPerProjectPerModel-FreeTier';
export const GEMINI_MINUTE_QUOTA_ID = 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier';

export function rpcError(code: number, status: string, message: string, details?: readonly Record<string, unknown>[]): GeminiErrorReply {
  return { status: code, envelope: { error: details === undefined ? { code, message, status } : { code, message, status, details } } };
}

/** 400 `API_KEY_INVALID`: how Gemini rejects a wrong key (not 401). */
export function invalidKeyReply(): GeminiErrorReply {
  return rpcError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
    { '@type': ERROR_INFO, reason: 'API_KEY_INVALID', domain: 'googleapis.com', metadata: { service: SERVICE } },
    { '@type': 'type.googleapis.com/google.rpc.LocalizedMessage', locale: 'en-US', message: 'API key not valid. Please pass a valid API key.' },
  ]);
}

/** No key at all: the live API answers 403 "unregistered callers", without details (e.g. googleapis/js-genai#898). */
export function missingKeyReply(): GeminiErrorReply {
  return rpcError(403, 'PERMISSION_DENIED', 'Method doesn\'t allow unregistered callers (callers without established identity). '
    + 'Please use API Key or other form of API consumer identity to call this API.');
}

export function notFoundReply(model: string, apiVersion: string): GeminiErrorReply {
  return rpcError(404, 'NOT_FOUND', `models/${model} is not found for API version ${apiVersion}, or is not supported for `
    + 'generateContent. Call ListModels to see the list of available models and their supported methods.');
}

/** The in-stream error (#3) and the overload reply (#2): 503 `UNAVAILABLE`. */
export function overloadedStatus(): GeminiRpcStatus {
  return { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' };
}

/** `RetryInfo.retryDelay` in protobuf-JSON duration form ("2s", "1.5s"), from the scenario's Retry-After values. */
export function retryDelayFor(fault: { retryAfter?: string; retryAfterMs?: string }, now: number = Date.now()): string {
  if (fault.retryAfterMs !== undefined && Number.isFinite(Number(fault.retryAfterMs))) return `${Number(fault.retryAfterMs) / 1000}s`;
  if (fault.retryAfter !== undefined) {
    const seconds = Number(fault.retryAfter);
    if (Number.isFinite(seconds)) return `${seconds}s`;
    const date = Date.parse(fault.retryAfter);
    if (!Number.isNaN(date)) return `${Math.max(0, Math.ceil((date - now) / 1000))}s`;
  }
  return '2s';
}

function quotaReply(quotaId: string, retryDelay: string, model: string): GeminiErrorReply {
  return rpcError(429, 'RESOURCE_EXHAUSTED', QUOTA_MESSAGE, [
    { '@type': QUOTA_FAILURE, violations: [{ quotaMetric: QUOTA_METRIC, quotaId, quotaDimensions: { location: 'global', model }, quotaValue: '20' }] },
    QUOTA_HELP,
    { '@type': RETRY_INFO, retryDelay },
  ]);
}

function serverErrorReply(status: 500 | 502 | 503 | 504, nonJson: boolean): GeminiErrorReply {
  if (nonJson) {
    // Google's front end answers with its own HTML page when the backend is unreachable.
    const text = `<!DOCTYPE html><html lang=en><meta charset=utf-8><title>Error ${status} (Server Error)!!1</title>`
      + `<p><b>${status}.</b> <ins>That’s an error.</ins><p>The server encountered a temporary error. Please try again later.</html>`;
    return { status, text, contentType: 'text/html; charset=UTF-8' };
  }
  switch (status) {
    case 503: return { status, envelope: { error: overloadedStatus() } };
    case 504: return rpcError(504, 'DEADLINE_EXCEEDED', 'Deadline expired before operation could complete.');
    case 502: return rpcError(502, 'UNAVAILABLE', 'Bad Gateway');
    default: return rpcError(500, 'INTERNAL', 'An internal error has occurred. Please retry or report in '
      + 'https://developers.generativeai.google/guide/troubleshooting');
  }
}

function statusReply(status: number, model: string, apiVersion: string): GeminiErrorReply {
  if (status === 404) return notFoundReply(model, apiVersion);
  if (status === 403) return rpcError(403, 'PERMISSION_DENIED', 'The caller does not have permission');
  if (status === 429) return quotaReply(GEMINI_MINUTE_QUOTA_ID, '2s', model);
  if (status === 500 || status === 502 || status === 503 || status === 504) return serverErrorReply(status, false);
  if (status >= 500) return rpcError(status, 'INTERNAL', 'An internal error has occurred.');
  return rpcError(status, 'INVALID_ARGUMENT', 'Request contains an invalid argument.');
}

/**
 * The Gemini rendering of every HTTP-level fault; `undefined` for faults that happen inside a stream (or in the
 * transport), which the stream writer applies.
 */
export function errorForFault(fault: Fault | undefined, model: string, apiVersion: string): GeminiErrorReply | undefined {
  switch (fault?.kind) {
    case 'server-error': return serverErrorReply(fault.status ?? 500, fault.nonJson === true);
    case 'overloaded': return serverErrorReply(503, false);
    case 'rate-limit': return quotaReply(GEMINI_MINUTE_QUOTA_ID, retryDelayFor(fault), model);
    case 'quota':
      // The daily quota also arrives bare: no QuotaFailure, no RetryInfo, only the Help link (gemini-cli reports).
      return fault.bare === true ? rpcError(429, 'RESOURCE_EXHAUSTED', QUOTA_MESSAGE, [QUOTA_HELP]) : quotaReply(GEMINI_DAILY_QUOTA_ID, '36s', model);
    case 'auth':
      return fault.forbidden === true
        ? rpcError(403, 'PERMISSION_DENIED', `Generative Language API has not been used in project 123456789 before or it is disabled.`, [
          { '@type': ERROR_INFO, reason: 'SERVICE_DISABLED', domain: 'googleapis.com', metadata: { service: SERVICE, consumer: 'projects/123456789' } },
        ])
        : invalidKeyReply();
    case 'context-length':
      // No structured code exists for this on Gemini: only the message says what went wrong.
      return rpcError(400, 'INVALID_ARGUMENT', 'The input token count (1200293) exceeds the maximum number of tokens allowed (1048576).');
    case 'bad-request':
      return rpcError(fault.status ?? 400, 'INVALID_ARGUMENT', '* GenerationConfig.temperature: must be between 0 and 2\n', [
        { '@type': BAD_REQUEST, fieldViolations: [{ field: 'generation_config.temperature', description: 'must be between 0 and 2' }] },
      ]);
    case 'not-found': return notFoundReply(model, apiVersion);
    case 'too-large':
      // Gemini itself reports an oversized payload as 400; a 413 comes from the front end (or a proxy) before it.
      return fault.nonJson === true
        ? { status: 413, text: 'Maximum request body size 20971520 exceeded, actual body size 21055012', contentType: 'text/plain' }
        : rpcError(413, 'INVALID_ARGUMENT', 'Request payload size exceeds the limit: 20971520 bytes.');
    case 'should-retry': {
      // Gemini does not send this header itself; the fake adds it on the status's usual envelope.
      const reply = statusReply(fault.status, model, apiVersion);
      return { ...reply, headers: { ...reply.headers, 'x-should-retry': String(fault.value) } };
    }
    default: return undefined;
  }
}
