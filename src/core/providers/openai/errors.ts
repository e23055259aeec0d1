import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { ProviderError, type ProviderErrorInit, type ProviderErrorReason } from '../../errors';
import { classifyTransport, parseRetryAfter, parseShouldRetry } from '../transportErrors';

export interface OpenAIErrorContext {
  readonly provider: string;
  /** Shown to the user: `OpenAI`, or the compatible endpoint's display name. */
  readonly providerName: string;
  readonly model?: string;
  /** Whether the endpoint is OpenAI itself (decides the wording of "what to do next"). */
  readonly compatible: boolean;
}

/**
 * Context overflow at compatible servers that send no `context_length_exceeded` code (DeepSeek: 400
 * `invalid_request_error`, "This model's maximum context length is 131072 tokens. However, you requested…"):
 * the wording OpenAI itself documents for this error, which they copied. The one message pattern read here.
 */
const CONTEXT_OVERFLOW_MESSAGE = /maximum context length is \d+ tokens/;

/**
 * The one place an OpenAI-SDK failure becomes a `ProviderError`: by SDK class, HTTP status and the structured
 * `code`/`type` of the error body — never by message text, except the one context-overflow pattern above
 * (tested on a recorded body). Provider messages are never copied into ours: OpenAI's 401 message echoes part
 * of the key.
 */
export function classifyOpenAIError(error: unknown, context: OpenAIErrorContext): ProviderError {
  if (error instanceof ProviderError) return error;
  const { provider, providerName, model } = context;
  const make: Make = (reason, message, extra = {}) =>
    new ProviderError({ reason, provider, model, message, cause: error, ...extra });

  // The abort, timeout and connection classes extend APIError, so they go first.
  if (error instanceof APIUserAbortError) return make('aborted', `Request to ${providerName}${forModel(model)} was cancelled.`);
  if (error instanceof APIConnectionTimeoutError) {
    return make('timeout', `${providerName} did not start answering in time${forModel(model)}. Check the endpoint or raise the timeout.`);
  }
  if (error instanceof APIConnectionError) {
    return classifyTransport(error, { provider, providerName, model })
      ?? make('network', `Could not connect to ${providerName}. Check its base URL and your network.`);
  }
  if (error instanceof APIError) return fromApiError(error, context, make);
  return classifyTransport(error, { provider, providerName, model })
    ?? make('network', `Unexpected failure talking to ${providerName}${forModel(model)}.`);
}

/** The structured facts an HTTP error carries besides its reason. */
type ErrorFields = Pick<ProviderErrorInit, 'status' | 'providerCode' | 'retryAfterMs' | 'shouldRetry'>;
type Make = (reason: ProviderErrorReason, message: string, extra?: ErrorFields) => ProviderError;

function fromApiError(error: APIError, context: OpenAIErrorContext, make: Make): ProviderError {
  const { providerName, model } = context;
  const status = error.status;
  const code = typeof error.code === 'string' ? error.code : undefined;
  const type = typeof error.type === 'string' ? error.type : undefined;
  const fields: ErrorFields = {
    status,
    providerCode: code ?? type,
    retryAfterMs: parseRetryAfter(error.headers),
    shouldRetry: parseShouldRetry(error.headers),
  };
  const at = status === undefined ? 'mid-stream' : `(${status})`;
  const setKey = context.compatible
    ? "Run 'Quorum: Set API Key' or check the endpoint's settings."
    : "Run 'Quorum: Set API Key'.";

  // Structured codes first: they refine statuses that mean more than one thing (a 429 can be a quota).
  if (code === 'insufficient_quota' || type === 'insufficient_quota') {
    return make('quotaExceeded', `${providerName} quota exhausted ${at}. Check the plan and billing of this key.`, fields);
  }
  if (code === 'context_length_exceeded' || (status === 400 && CONTEXT_OVERFLOW_MESSAGE.test(apiMessage(error)))) {
    return make('contextLength', `The prompt is too long for ${model ?? 'this model'}'s context window ${at}. Shorten it or pick a model with a larger context.`, fields);
  }
  if (code === 'invalid_api_key' || status === 401) {
    return make('auth', `${providerName} rejected the API key ${at}. ${setKey}`, fields);
  }
  if (status === undefined) return fromStreamError(code, type, providerName, model, make, fields);
  if (status === 403) {
    return make('permission', `${providerName} refused access (403)${forModel(model)}: this key, project or region may not use it. Check the key's permissions.`, fields);
  }
  if (status === 404) {
    return make('notFound', model === undefined
      ? `${providerName} has no such endpoint (404). Check its base URL (OpenAI-style URLs end in /v1).`
      : `${providerName} does not serve model '${model}' (404). Pick another model or check the model id.`, fields);
  }
  if (status === 413) return make('requestTooLarge', `Request too large for ${providerName} (413). Send less context or fewer images.`, fields);
  if (status === 429) {
    const when = fields.retryAfterMs === undefined ? 'Wait a moment' : `Retry after ${Math.ceil(fields.retryAfterMs / 1000)} s`;
    return make('rateLimited', `${providerName} rate limit reached (429). ${when} or use another model.`, fields);
  }
  if (status === 408) return make('timeout', `${providerName} timed out the request (408).`, fields);
  if (status === 503 || status === 529) return make('overloaded', `${providerName} is overloaded (${status}). Try again shortly or use another model.`, fields);
  if (status >= 500 || status === 409) return make('serverError', `${providerName} had a server error (${status}). Try again or use another model.`, fields);
  // `param` is a structured field naming the offending parameter, safe to show (unlike the message).
  const param = typeof error.param === 'string' ? `, parameter '${error.param}'` : '';
  return make('invalidRequest', `${providerName} rejected the request as invalid (${status}${param})${forModel(model)}. Check the request settings.`, fields);
}

/** An `{"error":…}` chunk after HTTP 200: the SDK gives no status, only the body's `type`/`code`. */
function fromStreamError(
  code: string | undefined,
  type: string | undefined,
  providerName: string,
  model: string | undefined,
  make: Make,
  fields: ErrorFields,
): ProviderError {
  const what = code ?? type ?? 'unknown';
  if (code === 'rate_limit_exceeded' || type === 'requests' || type === 'tokens') {
    return make('rateLimited', `${providerName} hit a rate limit mid-stream${forModel(model)}.`, fields);
  }
  if (type === 'invalid_request_error') {
    return make('invalidRequest', `${providerName} rejected the request mid-stream (${what})${forModel(model)}.`, fields);
  }
  if (code === 'overloaded' || type === 'overloaded_error') {
    return make('overloaded', `${providerName} became overloaded mid-stream${forModel(model)}.`, fields);
  }
  return make('serverError', `${providerName} reported an error mid-stream (${what})${forModel(model)}. Try again or use another model.`, fields);
}

/** The body's own `error.message` (read only for the context-overflow pattern, never shown). */
function apiMessage(error: APIError): string {
  const body = error.error as { message?: unknown } | undefined;
  return typeof body?.message === 'string' ? body.message : '';
}

function forModel(model: string | undefined): string {
  return model === undefined ? '' : ` (${model})`;
}
