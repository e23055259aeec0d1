import {
  APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, AuthenticationError, BadRequestError,
  ContentTooLargeError, InternalServerError, NotFoundError, OverloadedError, PaymentRequiredError,
  PermissionDeniedError, RateLimitError, RequestTimeoutError, UnprocessableEntityError,
} from '@anthropic-ai/sdk';
import { ProviderError, type ProviderErrorReason } from '../../errors';
import { classifyTransport, parseRetryAfter, parseShouldRetry } from '../transportErrors';

export interface AnthropicErrorContext {
  readonly provider: string;
  readonly providerName: string;
  readonly model?: string;
  /** Redacted from any provider text we quote, so a key can never reach a message. */
  readonly apiKey?: string;
}

/** Anthropic's structured `error.type` values. The body's type is more specific than the status (a 429 billing_error). */
export const REASON_BY_TYPE: Readonly<Record<string, ProviderErrorReason>> = {
  invalid_request_error: 'invalidRequest',
  authentication_error: 'auth',
  billing_error: 'quotaExceeded',
  permission_error: 'permission',
  not_found_error: 'notFound',
  request_too_large: 'requestTooLarge',
  rate_limit_error: 'rateLimited',
  api_error: 'serverError',
  timeout_error: 'serverError',
  overloaded_error: 'overloaded',
};

/**
 * Anthropic's context overflow is a plain 400 `invalid_request_error` with no structured code; only its documented
 * message says so ("prompt is too long: 200251 tokens > 200000 maximum"). The one message pattern read here, so
 * the runner can fail over to a model with a larger window.
 */
const CONTEXT_OVERFLOW_MESSAGE = /prompt is too long: \d+ tokens > \d+ maximum/;

/** SDK 1.12.0 classes by status. `OverloadedError` (529) is a subclass of `InternalServerError`, so it comes first. */
const REASON_BY_CLASS: readonly (readonly [abstract new (...args: never[]) => APIError, ProviderErrorReason])[] = [
  [AuthenticationError, 'auth'],
  [PermissionDeniedError, 'permission'],
  [PaymentRequiredError, 'quotaExceeded'],
  [NotFoundError, 'notFound'],
  [ContentTooLargeError, 'requestTooLarge'],
  [RateLimitError, 'rateLimited'],
  [OverloadedError, 'overloaded'],
  [RequestTimeoutError, 'timeout'],
  [BadRequestError, 'invalidRequest'],
  [UnprocessableEntityError, 'invalidRequest'],
  [InternalServerError, 'serverError'], // also ServiceUnavailableError (503) and GatewayTimeoutError (504)
];

/**
 * The one place an Anthropic failure is classified: by SDK class, HTTP status and the body's error `type` —
 * never by message text, except the context-overflow pattern above. Order matters: the abort/timeout/connection
 * classes are subclasses of `APIError`.
 */
export function classifyAnthropicError(error: unknown, context: AnthropicErrorContext): ProviderError {
  const base = { provider: context.provider, model: context.model, cause: error };
  const name = context.providerName;
  if (error instanceof ProviderError) return error;
  if (error instanceof APIUserAbortError) {
    return new ProviderError({ ...base, reason: 'aborted', message: `Request to ${name} was cancelled.` });
  }
  if (error instanceof APIConnectionTimeoutError) {
    return new ProviderError({
      ...base, reason: 'timeout', providerCode: 'connect-timeout',
      message: `${name} did not answer in time (no response headers). Check your network or try again.`,
    });
  }
  if (error instanceof APIConnectionError) {
    return classifyTransport(error.cause ?? error, context)
      ?? new ProviderError({ ...base, reason: 'network', message: `Could not connect to ${name}. Check your network and its base URL.` });
  }
  if (error instanceof APIError) return fromApiError(error, context);
  return classifyTransport(error, context)
    // Anything else the SDK throws is handled like a transport failure (retryable, counted by the breaker).
    ?? new ProviderError({ ...base, reason: 'network', message: `Unexpected failure talking to ${name}.` });
}

function fromApiError(error: APIError, context: AnthropicErrorContext): ProviderError {
  const type = error.type ?? undefined;
  const status = error.status;
  const byType = type === undefined ? undefined : REASON_BY_TYPE[type];
  const byClass = REASON_BY_CLASS.find(([cls]) => error instanceof cls)?.[1];
  // Without a status the error came inside a 200 stream (`event: error`): only its type says what happened.
  const overflow = status === 400 && type === 'invalid_request_error' && CONTEXT_OVERFLOW_MESSAGE.test(error.apiMessage ?? '');
  const reason: ProviderErrorReason = overflow ? 'contextLength' : byType ?? byClass
    ?? (status === undefined || status >= 500 ? 'serverError' : 'invalidRequest');
  const retryAfterMs = parseRetryAfter(error.headers);
  return new ProviderError({
    reason,
    provider: context.provider,
    model: context.model,
    status,
    retryAfterMs,
    providerCode: type,
    shouldRetry: parseShouldRetry(error.headers),
    message: describe(reason, status, retryAfterMs, error, context),
    cause: error,
  });
}

function describe(
  reason: ProviderErrorReason,
  status: number | undefined,
  retryAfterMs: number | undefined,
  error: APIError,
  context: AnthropicErrorContext,
): string {
  const name = context.providerName;
  const model = context.model ?? 'the model';
  const code = status === undefined ? 'during the answer' : `(${status})`;
  switch (reason) {
    case 'auth':
      return `${name} rejected the API key ${code}. Run 'Quorum: Set API Key'.`;
    case 'permission':
      return `${name} denied this key access to ${model} ${code}. Check the key's workspace and model permissions in the Anthropic Console.`;
    case 'quotaExceeded':
      return `${name} refused the request for billing reasons ${code}: the account is out of credit. Check Plans & Billing in the Anthropic Console.`;
    case 'notFound':
      return `${name} does not know the model '${model}' ${code}. Check the model id in Quorum's settings.`;
    case 'requestTooLarge':
      return `The request is too large for ${name} ${code}. Send less context or fewer images.`;
    case 'rateLimited':
      return `${name} rate limit reached ${code}${retryAfterMs === undefined ? '' : `; retry in ${Math.ceil(retryAfterMs / 1000)} s`}.`;
    case 'overloaded':
      return `${name} is overloaded ${code}. Try again shortly or use another model.`;
    case 'timeout':
      return `${name} timed out ${code}. Try again.`;
    case 'contextLength':
      return `The prompt is too long for ${model}'s context window at ${name} ${code}. Shorten it or pick a model with a larger context.`;
    case 'invalidRequest': {
      const detail = providerDetail(error, context.apiKey);
      return `${name} rejected the request as invalid ${code}${detail === undefined ? '' : `: ${detail}`}. Check the request settings for ${model}.`;
    }
    default:
      return `${name} had a server error ${code}. Try again shortly or use another model.`;
  }
}

/**
 * The provider's own explanation, shown only for invalid requests (it names the parameter at fault). Quoted, never
 * parsed; bounded, and with the key redacted in case a gateway echoes it.
 */
function providerDetail(error: APIError, apiKey: string | undefined): string | undefined {
  const text = error.apiMessage;
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  const redacted = (apiKey !== undefined && apiKey !== '' ? text.split(apiKey).join('[key]') : text).trim().replace(/\.$/, '');
  return redacted.length > 300 ? `${redacted.slice(0, 297)}...` : redacted;
}
