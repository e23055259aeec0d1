import type { OpenAIDialect } from './openaiChunks';
import type { Fault } from './scenario';

/** One error response as OpenAI (or an OpenAI-compatible server) sends it before any stream starts. */
export interface OpenAIErrorResponse {
  readonly status: number;
  /** JSON body, or raw text when a proxy in front of the API answered (`contentType` says which). */
  readonly body: unknown;
  readonly contentType: 'application/json' | 'text/html' | 'text/plain';
  readonly headers: Record<string, string>;
}

/** OpenAI's envelope: all four keys are always present (`openapi.yaml` `ErrorResponse`). */
export function envelope(message: string, type: string, code: string | null, param: string | null = null): unknown {
  return { error: { message, type, param, code } };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): OpenAIErrorResponse =>
  ({ status, body, contentType: 'application/json', headers });

const html = (status: number, title: string): OpenAIErrorResponse => ({
  status,
  body: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n`,
  contentType: 'text/html',
  headers: {},
});

const STATUS_TEXT: Readonly<Record<number, string>> = {
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

/** 401 for a bad key. OpenAI echoes a masked copy of the key, which is why adapters must never copy its message. */
export function invalidKey(key: string | undefined): OpenAIErrorResponse {
  if (key === undefined || key === '') {
    return json(401, envelope(
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth "
        + '(i.e. Authorization: Bearer YOUR_KEY), or as the password field (i.e. sk-xxx) when using HTTP Basic auth.',
      'invalid_request_error', 'invalid_api_key',
    ));
  }
  const masked = key.length > 8 ? `${key.slice(0, 3)}${'*'.repeat(key.length - 7)}${key.slice(-4)}` : key;
  return json(401, envelope(
    `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    'invalid_request_error', 'invalid_api_key',
  ));
}

/** An error-status response for `status` in this dialect's words (used directly and by `should-retry`). */
export function errorForStatus(dialect: OpenAIDialect, status: number, model: string): OpenAIErrorResponse {
  if (status === 400) {
    return json(400, envelope(
      "Invalid value for 'temperature': expected a decimal between 0 and 2, but got 7 instead.",
      'invalid_request_error', 'decimal_above_max_value', 'temperature',
    ));
  }
  if (status === 401) return invalidKey('sk-fake-rejected-key-0000');
  if (status === 403) {
    return json(403, envelope('Country, region, or territory not supported', 'request_forbidden', 'unsupported_country_region_territory'));
  }
  if (status === 404) {
    return dialect === 'openai'
      ? json(404, envelope(`The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found'))
      : json(404, envelope(`model "${model}" not found, try pulling it first`, 'api_error', null));
  }
  if (status === 413) {
    return json(413, envelope('Request too large. The request body exceeds the maximum size allowed.', 'invalid_request_error', 'request_too_large'));
  }
  if (status === 422) {
    // Compatible servers built on FastAPI (vLLM, LiteLLM) answer validation errors in FastAPI's own shape.
    return dialect === 'openai'
      ? json(422, envelope("Unprocessable value for 'response_format'.", 'invalid_request_error', 'invalid_value', 'response_format'))
      : json(422, { detail: [{ type: 'less_than_equal', loc: ['body', 'temperature'], msg: 'Input should be less than or equal to 2', input: 7 }] });
  }
  if (status === 429) {
    return json(429, envelope(
      `Rate limit reached for ${model} in organization org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.`,
      'requests', 'rate_limit_exceeded',
    ));
  }
  if (status === 503) {
    return json(503, envelope('That model is currently overloaded with other requests. You can retry your request.', 'server_error', null));
  }
  if (status >= 500) {
    return json(status, envelope('The server had an error while processing your request. Sorry about that!', 'server_error', null));
  }
  return json(status, envelope(`Request failed with status ${status}.`, 'invalid_request_error', null));
}

/**
 * The response for a fault that answers before any stream (#1, #2, #4–#10, #24), or `undefined` when the
 * fault belongs to the stream phase or the transport.
 */
export function errorForFault(dialect: OpenAIDialect, fault: Fault | undefined, model: string): OpenAIErrorResponse | undefined {
  switch (fault?.kind) {
    case 'server-error': {
      const status = fault.status ?? 500;
      return fault.nonJson ? html(status, `${status} ${STATUS_TEXT[status] ?? 'Error'}`) : errorForStatus(dialect, status, model);
    }
    case 'overloaded':
      return errorForStatus(dialect, 503, model);
    case 'rate-limit': {
      const base = errorForStatus(dialect, 429, model);
      const headers: Record<string, string> = {
        'x-ratelimit-limit-requests': '3', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '20s',
        'x-ratelimit-limit-tokens': '150000', 'x-ratelimit-remaining-tokens': '149984', 'x-ratelimit-reset-tokens': '6ms',
      };
      if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
      if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = fault.retryAfterMs;
      return { ...base, headers };
    }
    case 'quota':
      return json(429, envelope(
        'You exceeded your current quota, please check your plan and billing details. For more information on this error, '
          + 'read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
        'insufficient_quota', 'insufficient_quota',
      ));
    case 'auth':
      return fault.forbidden ? errorForStatus(dialect, 403, model) : invalidKey('sk-fake-rejected-key-0000');
    case 'context-length':
      if (fault.noCode === true) {
        // DeepSeek's wording, with its generic code where OpenAI says `context_length_exceeded`.
        return json(400, envelope(
          "This model's maximum context length is 65536 tokens. However, you requested 70210 tokens (62018 in the messages, "
            + '8192 in the completion). Please reduce the length of the messages or completion.',
          'invalid_request_error', 'invalid_request_error',
        ));
      }
      return json(400, envelope(
        "This model's maximum context length is 128000 tokens. However, your messages resulted in 130412 tokens. "
          + 'Please reduce the length of the messages.',
        'invalid_request_error', 'context_length_exceeded', 'messages',
      ));
    case 'bad-request':
      return errorForStatus(dialect, fault.status ?? 400, model);
    case 'not-found':
      return errorForStatus(dialect, 404, model);
    case 'too-large':
      return fault.nonJson ? html(413, '413 Request Entity Too Large') : errorForStatus(dialect, 413, model);
    case 'should-retry': {
      const base = errorForStatus(dialect, fault.status, model);
      return { ...base, headers: { ...base.headers, 'x-should-retry': String(fault.value) } };
    }
    default:
      return undefined;
  }
}
