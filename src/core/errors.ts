/**
 * Why a provider call failed, classified once per vendor from SDK class, HTTP status and the
 * error's structured `type`/`code`/`status`. Message text is read for one thing only: context overflow, which
 * Anthropic, Gemini and some compatible servers report without a code (one documented pattern per vendor).
 */
export type ProviderErrorReason =
  | 'rateLimited'
  | 'quotaExceeded'
  | 'overloaded'
  | 'serverError'
  | 'timeout'
  | 'network'
  | 'auth'
  | 'permission'
  | 'notFound'
  | 'contextLength'
  | 'requestTooLarge'
  | 'invalidRequest'
  | 'contentFilter'
  | 'aborted'
  | 'malformedResponse';

export const PROVIDER_ERROR_REASONS: readonly ProviderErrorReason[] = [
  'rateLimited', 'quotaExceeded', 'overloaded', 'serverError', 'timeout', 'network', 'auth', 'permission',
  'notFound', 'contextLength', 'requestTooLarge', 'invalidRequest', 'contentFilter', 'aborted', 'malformedResponse',
];

export interface ProviderErrorInit {
  readonly reason: ProviderErrorReason;
  /** Provider instance id, e.g. `openai` or `compat:ollama`. */
  readonly provider: string;
  readonly model?: string;
  /** HTTP status when there was one; `undefined` for transport failures and errors after HTTP 200. */
  readonly status?: number;
  /** Wait the provider asked for (Retry-After, retry-after-ms, RetryInfo), in ms. */
  readonly retryAfterMs?: number;
  /** The provider's structured code or type (`insufficient_quota`, `overloaded_error`, `API_KEY_INVALID`…). */
  readonly providerCode?: string;
  /** The provider's `x-should-retry` verdict when it sent one. */
  readonly shouldRetry?: boolean;
  /**
   * A few plain words that qualify the reason where availability is shown ("possibly the daily quota…"),
   * when the provider's answer was ambiguous. Never provider text.
   */
  readonly note?: string;
  /** Our own one-line description; must never contain a key. */
  readonly message: string;
  readonly cause?: unknown;
}

/**
 * Marks ProviderErrors by a registry symbol rather than by class identity: the vendor adapters ship in
 * their own lazily loaded bundle with their own copy of this class, and `instanceof` must still hold.
 */
const PROVIDER_ERROR_BRAND = Symbol.for('quorum.ProviderError');

/** The only error type that leaves `core/providers`; SDK errors stay inside as `cause`. */
export class ProviderError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[PROVIDER_ERROR_BRAND] === true;
  }

  readonly [PROVIDER_ERROR_BRAND] = true;
  readonly reason: ProviderErrorReason;
  readonly provider: string;
  readonly model?: string;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly providerCode?: string;
  readonly shouldRetry?: boolean;
  readonly note?: string;

  constructor(init: ProviderErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ProviderError';
    this.reason = init.reason;
    this.provider = init.provider;
    this.model = init.model;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
    this.providerCode = init.providerCode;
    this.shouldRetry = init.shouldRetry;
    this.note = init.note;
  }
}

export function isProviderError(value: unknown): value is ProviderError {
  return value instanceof ProviderError;
}
