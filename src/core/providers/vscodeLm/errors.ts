import { ProviderError, type ProviderErrorReason } from '../../errors';

/**
 * What `vscode.LanguageModelError` (and whatever else `LanguageModelChat.sendRequest` or its stream throws)
 * looks like to this pure module. VS Code's class sets `name = 'LanguageModelError'` and `code` to the name of
 * its factory (`NoPermissions`, `Blocked`, `NotFound`), or `''`/`Unknown` with the real error in `cause`.
 */
export interface LanguageModelErrorLike {
  readonly name?: string;
  readonly code?: string;
  readonly message?: string;
  readonly cause?: unknown;
}

export interface VscodeLmErrorContext {
  /** Provider instance id, `vscodeLm`. */
  readonly provider: string;
  readonly providerName: string;
  readonly model?: string;
  /** True once `sendRequest` resolved: a failure now broke an answer stream that had started. */
  readonly afterHeaders?: boolean;
}

/** `LanguageModelError.name` as VS Code sets it (extHostTypes.ts). */
export const LANGUAGE_MODEL_ERROR_NAME = 'LanguageModelError';

/**
 * `LanguageModelError.code` → reason. Keys are compared case-insensitively. Besides the three documented
 * codes, codes some model-contributing extensions use for quota and rate limits are accepted, so they are
 * classified by structure the day they appear rather than falling to `serverError`.
 * - `NoPermissions`: the user refused (or has not yet given) consent → `permission`; fail over.
 * - `Blocked`: the d.ts says "quota limits exceeded"; Copilot also uses it for rate limits, with no Retry-After
 *   and no way to tell the two apart. It is mapped to `rateLimited` with `shouldRetry: false`: fail over at
 *   once and cool down *that model only* — `quotaExceeded` would put every VS Code model on a 15-minute
 *   provider-wide cooldown, while Copilot blocks its premium models and keeps serving the base ones.
 * - `NotFound`: the model is gone (extension uninstalled, signed out) → `notFound`.
 */
const CODE_REASONS: ReadonlyMap<string, { reason: ProviderErrorReason; shouldRetry?: boolean }> = new Map([
  ['nopermissions', { reason: 'permission' }],
  ['blocked', { reason: 'rateLimited', shouldRetry: false }],
  ['notfound', { reason: 'notFound' }],
  ['chatquotaexceeded', { reason: 'quotaExceeded' }],
  ['quotaexceeded', { reason: 'quotaExceeded' }],
  ['chatratelimited', { reason: 'rateLimited' }],
  ['ratelimited', { reason: 'rateLimited' }],
  ['contextlengthexceeded', { reason: 'contextLength' }],
  ['contentfiltered', { reason: 'contentFilter' }],
  ['canceled', { reason: 'aborted' }],
  ['cancelled', { reason: 'aborted' }],
]);

/** Error names meaning "cancelled": VS Code's `CancellationError` is named `Canceled`; DOM/Node aborts `AbortError`. */
const CANCEL_NAMES = new Set(['Canceled', 'Cancelled', 'AbortError']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The HTTP status an unspecified error's `cause` carries, when it is a number (Copilot's fetch errors). */
function causeStatus(cause: unknown): number | undefined {
  if (!isRecord(cause)) return undefined;
  const status = cause.status ?? cause.statusCode;
  return typeof status === 'number' && Number.isInteger(status) ? status : undefined;
}

function reasonForStatus(status: number): ProviderErrorReason {
  if (status === 401) return 'auth';
  if (status === 403) return 'permission';
  if (status === 404) return 'notFound';
  if (status === 408) return 'timeout';
  if (status === 413) return 'requestTooLarge';
  if (status === 429) return 'rateLimited';
  if (status === 503 || status === 529) return 'overloaded';
  if (status >= 500) return 'serverError';
  return 'invalidRequest';
}

/**
 * The reason for one failure, by class name and `code` only — never by message text (DESIGN.md §3).
 * An unknown `LanguageModelError` (code `''` or `Unknown`) is the model's own failure: `serverError`
 * (transient: retried, then failed over), unless its `cause` has an HTTP status. Anything else that is not a
 * LanguageModelError is a bug or a broken stream: `malformedResponse` once the answer started, else
 * `serverError` (the request could not be made; the lm API has no network layer of ours to blame).
 */
export function vscodeLmReason(error: unknown, afterHeaders = false): { reason: ProviderErrorReason; shouldRetry?: boolean; code?: string; status?: number } {
  const e: LanguageModelErrorLike = isRecord(error) ? error : {};
  const code = typeof e.code === 'string' && e.code !== '' ? e.code : undefined;
  if (typeof e.name === 'string' && CANCEL_NAMES.has(e.name)) return { reason: 'aborted', code: e.name };
  if (code !== undefined) {
    const known = CODE_REASONS.get(code.toLowerCase());
    if (known !== undefined) return { ...known, code };
  }
  if (e.name === LANGUAGE_MODEL_ERROR_NAME) {
    const status = causeStatus(e.cause);
    if (status !== undefined) return { reason: reasonForStatus(status), status, ...(code === undefined ? {} : { code }) };
    return { reason: 'serverError', code: code ?? 'Unknown' };
  }
  return { reason: afterHeaders ? 'malformedResponse' : 'serverError' };
}

function messageFor(reason: ProviderErrorReason, name: string, model: string): string {
  switch (reason) {
    case 'permission': return `${name}: Quorum may not use ${model} yet. Allow it in the consent dialog (or under Accounts → Manage Language Model Access), then ask again.`;
    case 'rateLimited': return `${name}: ${model} is blocked for now (rate or quota limit). Use another model, or try again later.`;
    case 'quotaExceeded': return `${name}: the quota for ${model} is used up. Use another model.`;
    case 'notFound': return `${name}: ${model} is no longer available (extension disabled or signed out). Pick another model.`;
    case 'aborted': return `Request to ${name} (${model}) was cancelled.`;
    case 'auth': return `${name}: ${model} needs you to sign in again.`;
    case 'contextLength': return `${name}: the prompt is longer than ${model} accepts.`;
    case 'malformedResponse': return `${name}: the answer stream of ${model} broke off.`;
    default: return `${name}: ${model} failed (${reason}). Try again or use another model.`;
  }
}

/** The one place a `vscode.lm` failure becomes a `ProviderError`, so the fallback chain treats it like any other. */
export function classifyVscodeLmError(error: unknown, context: VscodeLmErrorContext): ProviderError {
  if (error instanceof ProviderError) return error;
  const verdict = vscodeLmReason(error, context.afterHeaders === true);
  return new ProviderError({
    reason: verdict.reason,
    provider: context.provider,
    model: context.model,
    ...(verdict.status === undefined ? {} : { status: verdict.status }),
    ...(verdict.code === undefined ? {} : { providerCode: verdict.code }),
    ...(verdict.shouldRetry === undefined ? {} : { shouldRetry: verdict.shouldRetry }),
    message: messageFor(verdict.reason, context.providerName, context.model ?? 'this model'),
    cause: error,
  });
}
