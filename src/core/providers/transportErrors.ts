import { ProviderError, type ProviderErrorReason } from '../errors';

/** undici / Node socket codes that mean "the network failed", not "the provider said no". */
const NETWORK_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ETIMEDOUT',
  'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT',
]);
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/** Walks `cause` links looking for a Node/undici error `code`. */
export function findErrorCode(error: unknown, depth = 0): string | undefined {
  if (depth > 5 || typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
  return findErrorCode((error as { cause?: unknown }).cause, depth + 1);
}

/**
 * Classifies what every SDK lets through unchanged: undici transport failures (`TypeError: terminated`,
 * connection refused…) and `SyntaxError` from a malformed stream. `undefined` when it is neither.
 */
export function classifyTransport(
  error: unknown,
  context: { provider: string; providerName: string; model?: string },
): ProviderError | undefined {
  const code = findErrorCode(error);
  let reason: ProviderErrorReason | undefined;
  let message: string | undefined;
  if (code !== undefined) {
    reason = TIMEOUT_CODES.has(code) ? 'timeout' : 'network';
    message = code === 'ECONNREFUSED'
      ? `${context.providerName} is unreachable (connection refused). Check its base URL.`
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? `${context.providerName} host could not be resolved. Check its base URL and your network.`
        : `Network error talking to ${context.providerName} (${code}).`;
  } else if (error instanceof SyntaxError) {
    reason = 'malformedResponse';
    message = `${context.providerName} sent a response that is not valid JSON.`;
  }
  if (reason === undefined || message === undefined) return undefined;
  return new ProviderError({ reason, provider: context.provider, model: context.model, providerCode: code, message, cause: error });
}

/** Reads a header from the shapes the SDKs expose (`Headers` or a plain record). */
export function readHeader(headers: unknown, name: string): string | undefined {
  if (headers === null || headers === undefined) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, unknown>;
  const hit = Object.keys(record).find((key) => key.toLowerCase() === name);
  const value = hit === undefined ? undefined : record[hit];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The wait a provider asked for, in ms: `retry-after-ms`, then `retry-after` as seconds or an HTTP date.
 * `undefined` when absent or unparsable; `now` is injectable for tests.
 */
export function parseRetryAfter(headers: unknown, now: number = Date.now()): number | undefined {
  const ms = readHeader(headers, 'retry-after-ms');
  if (ms !== undefined && ms.trim() !== '' && Number.isFinite(Number(ms)) && Number(ms) >= 0) return Number(ms);
  const value = readHeader(headers, 'retry-after');
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** `x-should-retry: true|false`, which OpenAI and Anthropic send to override the status-based default. */
export function parseShouldRetry(headers: unknown): boolean | undefined {
  const value = readHeader(headers, 'x-should-retry');
  return value === 'true' ? true : value === 'false' ? false : undefined;
}
