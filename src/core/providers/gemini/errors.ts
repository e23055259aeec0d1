import { ApiError } from '@google/genai';
import { ProviderError, type ProviderErrorReason } from '../../errors';
import { classifyTransport } from '../transportErrors';

export interface GeminiErrorContext {
  readonly provider: string;
  readonly providerName: string;
  readonly model?: string;
  /** True once HTTP 200 headers arrived: an `ApiError` now is an error object sent inside the stream. */
  readonly afterHeaders?: boolean;
}

/** The `google.rpc.Status` Gemini puts under `error`. */
export interface GeminiRpcStatus {
  readonly code?: number;
  readonly message?: string;
  readonly status?: string;
  readonly details?: readonly Readonly<Record<string, unknown>>[];
}

/**
 * The structured marker of a *daily* quota: Gemini answers a per-minute rate limit and an exhausted daily
 * quota with the same 429 `RESOURCE_EXHAUSTED` and the same message; only `QuotaFailure.violations[].quotaId`
 * differs (`GenerateRequestsPerMinute…` vs `GenerateRequestsPerDay…`, bodies in
 * github.com/diegosouzapw/OmniRoute/issues/9504). A daily quota will not clear within any retry window.
 */
const DAILY_QUOTA_MARKER = 'PerDay';

/** The availability note of a 429 with neither RetryInfo nor QuotaFailure. */
export const POSSIBLE_DAILY_QUOTA = 'possibly the daily quota (429 without a retry time)';

/**
 * A `google.rpc` status or ErrorInfo reason (`RESOURCE_EXHAUSTED`, `API_KEY_INVALID`). These end up in messages, so
 * anything else an endpoint puts there (a key, a paragraph with a link) is dropped rather than shown.
 */
const RPC_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

function rpcCode(value: unknown): string | undefined {
  return typeof value === 'string' && RPC_CODE.test(value) ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The `error` object inside an `ApiError` message, parsed as JSON — never read as prose. The SDK's message is
 * the response body (`{"error":{…}}`); for in-stream errors it is prefixed `got status: X. `, so parsing
 * starts at the first `{` that begins a JSON value. When the error response was not `application/json`
 * (Gemini sends stream errors as `text/event-stream`), the SDK wraps the raw body as `error.message`, so a
 * message that is itself an envelope is unwrapped.
 */
export function parseGeminiErrorBody(message: string): GeminiRpcStatus | undefined {
  let parsed = tryJson(message);
  for (let at = message.indexOf('{'), tries = 0; parsed === undefined && at >= 0 && tries < 8; tries++) {
    parsed = tryJson(message.slice(at));
    at = message.indexOf('{', at + 1);
  }
  if (!isRecord(parsed) || !isRecord(parsed.error)) return undefined;
  let error: Record<string, unknown> = parsed.error;
  const inner = typeof error.message === 'string' ? tryJson(error.message) : undefined;
  if (isRecord(inner) && isRecord(inner.error)) error = inner.error;
  return {
    code: typeof error.code === 'number' ? error.code : undefined,
    message: typeof error.message === 'string' ? error.message : undefined,
    status: typeof error.status === 'string' ? error.status : undefined,
    details: Array.isArray(error.details) ? error.details.filter(isRecord) : undefined,
  };
}

function detailsOf(body: GeminiRpcStatus | undefined, type: string): readonly Readonly<Record<string, unknown>>[] {
  return (body?.details ?? []).filter((d) => d['@type'] === `type.googleapis.com/google.rpc.${type}`);
}

/** A protobuf-JSON duration (`"2s"`, `"36.429760048s"`) in ms; `undefined` when absent or not one. */
export function parseRetryDelay(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d+(\.\d+)?s$/.test(value)) return undefined;
  return Math.round(Number(value.slice(0, -1)) * 1000);
}

function dailyQuotaId(body: GeminiRpcStatus | undefined): string | undefined {
  for (const failure of detailsOf(body, 'QuotaFailure')) {
    const violations = Array.isArray(failure.violations) ? failure.violations : [];
    for (const violation of violations) {
      const quotaId = isRecord(violation) ? violation.quotaId : undefined;
      if (typeof quotaId === 'string' && quotaId.includes(DAILY_QUOTA_MARKER)) return quotaId;
    }
  }
  return undefined;
}

/**
 * Gemini's context overflow is a 400 `INVALID_ARGUMENT` with no structured detail; only its documented message
 * says so ("The input token count (3475108) exceeds the maximum number of tokens allowed (1048576)."). The one
 * message pattern read here, so the runner can fail over to a model with a larger window.
 */
const CONTEXT_OVERFLOW_MESSAGE = /input token count \(\d+\) exceeds the maximum number of tokens allowed/;

/**
 * What a 429 is: a daily quota (QuotaFailure says so), a rate limit (a per-minute QuotaFailure or a RetryInfo
 * wait), or a bare one with neither, which may be either.
 */
type Exhaustion = 'daily' | 'bare' | 'timed';

function reasonFor(status: number, errorInfo: string | undefined, exhaustion: Exhaustion, overflow: boolean): ProviderErrorReason {
  if (errorInfo === 'API_KEY_INVALID' || status === 401) return 'auth';
  if (status === 403) return 'permission';
  if (status === 404) return 'notFound';
  if (status === 408) return 'timeout';
  if (status === 413) return 'requestTooLarge';
  // A bare 429 (no RetryInfo, no QuotaFailure) is how the daily quota sometimes arrives: retrying it soon is
  // wasted, so it is handled as a quota (long provider cooldown) and the message says it may be one.
  if (status === 429) return exhaustion === 'timed' ? 'rateLimited' : 'quotaExceeded';
  if (status === 503) return 'overloaded';
  if (status >= 500) return 'serverError';
  if (status === 400 && overflow) return 'contextLength';
  return 'invalidRequest';
}

function messageFor(reason: ProviderErrorReason, name: string, model: string, code: string, retryAfterMs?: number, bare = false): string {
  if (reason === 'quotaExceeded' && bare) {
    return `${name} refused ${model} with a 429 that gives no retry time (${code}): probably the daily quota, which resets at `
      + `midnight Pacific time. Quorum rests ${name} for a while; use another model, or check the quota in Google AI Studio.`;
  }
  switch (reason) {
    case 'contextLength': return `The prompt is too long for ${model}'s context window at ${name} (${code}). Shorten it or pick a model with a larger context.`;
    case 'auth': return `${name} rejected the API key (${code}). Run 'Quorum: Set API Key' to enter a valid Gemini key.`;
    case 'permission': return `${name} refused access to ${model} (${code}). Check that the key's Google project has the Generative Language API enabled and may use this model.`;
    case 'notFound': return `${name} has no model '${model}' (${code}). Pick another model or check the model id.`;
    case 'requestTooLarge': return `Request too large for ${name} (${code}). Remove attachments or shorten the prompt.`;
    case 'quotaExceeded': return `${name} daily quota exhausted for ${model} (${code}). Use another model, or raise the quota in Google AI Studio.`;
    case 'rateLimited': return `${name} rate limit reached for ${model}${retryAfterMs === undefined ? '' : `; retry in ${Math.ceil(retryAfterMs / 1000)} s`}.`;
    case 'overloaded': return `${name} is overloaded (${code}). Try again shortly or use another model.`;
    case 'serverError': return `${name} had a server error (${code}). Try again or use another model.`;
    case 'timeout': return `${name} timed out on its side (${code}). Try again.`;
    default: return `${name} rejected the request for ${model} as invalid (${code}). Check the request parameters, and that the prompt fits the model's context window.`;
  }
}

function fromApiError(error: ApiError, context: GeminiErrorContext): ProviderError {
  const body = parseGeminiErrorBody(error.message);
  const errorInfo = detailsOf(body, 'ErrorInfo').map((d) => rpcCode(d.reason)).find((r) => r !== undefined);
  const quotaId = dailyQuotaId(body);
  const retryAfterMs = detailsOf(body, 'RetryInfo').map((d) => parseRetryDelay(d.retryDelay)).find((ms) => ms !== undefined);
  const quotaFailure = detailsOf(body, 'QuotaFailure').length > 0;
  const exhaustion: Exhaustion = quotaId !== undefined ? 'daily' : retryAfterMs === undefined && !quotaFailure ? 'bare' : 'timed';
  const overflow = CONTEXT_OVERFLOW_MESSAGE.test(body?.message ?? '');
  const reason = reasonFor(error.status, errorInfo, exhaustion, overflow);
  const bare = error.status === 429 && exhaustion === 'bare';
  const status = rpcCode(body?.status);
  const providerCode = errorInfo ?? quotaId ?? status;
  const code = [String(error.status), errorInfo ?? status].filter(Boolean).join(' ');
  const model = context.model ?? 'this model';
  const message = messageFor(reason, context.providerName, model, code, retryAfterMs, bare);
  return new ProviderError({
    reason,
    provider: context.provider,
    model: context.model,
    // An error object inside a 200 stream carries a code, but the HTTP status was 200.
    status: context.afterHeaders === true ? undefined : error.status,
    retryAfterMs,
    providerCode,
    ...(bare ? { note: POSSIBLE_DAILY_QUOTA } : {}),
    message: context.afterHeaders === true ? `${message} (The error arrived inside the answer stream.)` : message,
    cause: error,
  });
}

/**
 * The one place a Gemini failure is classified: by SDK class, HTTP status and the structured body (`status`,
 * `details[]` ErrorInfo / RetryInfo / QuotaFailure) — never by message text, except the context-overflow pattern.
 * Messages name the provider and what to do, and never include the key (nothing from the request is echoed).
 */
export function classifyGeminiError(error: unknown, context: GeminiErrorContext): ProviderError {
  if (error instanceof ProviderError) return error;
  if (error instanceof ApiError) return fromApiError(error, context);
  const base = { provider: context.provider, model: context.model, cause: error };
  if (isRecord(error) && error.name === 'AbortError') {
    // We never set `httpOptions.timeout`, so an SDK AbortError can only come from an abort of ours.
    return new ProviderError({ ...base, reason: 'aborted', message: `Request to ${context.providerName} was cancelled.` });
  }
  const transport = classifyTransport(error, context);
  if (transport !== undefined) return transport;
  // Anything else is a plain Error from the SDK: after headers that is an unusable stream (e.g. `Incomplete
  // JSON segment at the end`, `Response body is empty`); before them, a failure to send the request at all.
  return context.afterHeaders === true
    ? new ProviderError({ ...base, reason: 'malformedResponse', message: `${context.providerName} sent a stream that could not be read (${context.model ?? 'unknown model'}).` })
    : new ProviderError({ ...base, reason: 'network', message: `Could not send the request to ${context.providerName}. Check its base URL and your network.` });
}
