import type { BatchPlan } from './batchJobs';

/**
 * The fault vocabulary of the fake providers: one kind per row of shared/reference/fault-matrix.md.
 * Each vendor fake renders a fault in its own wire format (status codes, envelopes, stream framing).
 */
export type VendorId = 'openai' | 'openaiCompatible' | 'anthropic' | 'gemini';

export type Fault =
  /** #1 5xx before the stream; `nonJson` sends a proxy's text/html body instead of the vendor envelope. */
  | { kind: 'server-error'; status?: 500 | 502 | 503 | 504; nonJson?: boolean }
  /** #2 overload: Anthropic 529 `overloaded_error`, OpenAI 503, Gemini 503 `UNAVAILABLE`. */
  | { kind: 'overloaded' }
  /** #3 error object after HTTP 200 and `afterChunks` content chunks. */
  | { kind: 'in-stream-error'; afterChunks?: number }
  /** #4 429 rate limit; headers sent as given (seconds or HTTP date / ms). Gemini: RetryInfo.retryDelay. */
  | { kind: 'rate-limit'; retryAfter?: string; retryAfterMs?: string }
  /**
   * #5 quota: OpenAI 429 `insufficient_quota`, Anthropic 402 `billing_error`, Gemini 429 RESOURCE_EXHAUSTED quota.
   * `bare` (Gemini): the daily quota as it also arrives, with neither QuotaFailure nor RetryInfo, only a Help link.
   */
  | { kind: 'quota'; bare?: boolean }
  /** #6 bad key: 401 (or 403 with `forbidden`); Gemini 400 `API_KEY_INVALID` (403 PERMISSION_DENIED with `forbidden`). */
  | { kind: 'auth'; forbidden?: boolean }
  /** #7 context length exceeded (400); `noCode`: a compatible server's (DeepSeek) 400 without `context_length_exceeded`. */
  | { kind: 'context-length'; noCode?: boolean }
  /** #8 other 400 (or 422 with `status: 422`). */
  | { kind: 'bad-request'; status?: 400 | 422 }
  /** #9 404 model not found. */
  | { kind: 'not-found' }
  /** #10 413; `nonJson` as a Cloudflare text body. */
  | { kind: 'too-large'; nonJson?: boolean }
  /** #11-ish: accept the connection, then destroy the socket before any response. (Refused ports: `refusedPort()`.) */
  | { kind: 'drop-connection' }
  /** #12 read the request, never send headers. */
  | { kind: 'hang-headers' }
  /** #13 headers at once, first content after `delayMs`. */
  | { kind: 'slow-first-token'; delayMs: number }
  /** #14 headers, then only keep-alives every `intervalMs`, never content. */
  | { kind: 'keepalive-only'; intervalMs?: number }
  /** #15 `afterChunks` content chunks, then silence with the socket open. */
  | { kind: 'stall'; afterChunks?: number }
  /** #16 TCP RST after `afterChunks` content chunks. */
  | { kind: 'reset'; afterChunks?: number }
  /** #17 clean `res.end()` after `afterChunks` chunks (no terminal event), or destroy after `afterBytes` bytes. */
  | { kind: 'truncate'; afterChunks?: number; afterBytes?: number }
  /** #18 a malformed `data:` event after `afterChunks` chunks. */
  | { kind: 'malformed'; afterChunks?: number }
  /** #19 the whole body in 1–3-byte writes (split UTF-8 and CRLF), from a seeded PRNG. */
  | { kind: 'sliced'; seed?: number }
  /** #20 delay before each chunk: `perChunkMs` ± `jitterMs` (seeded). */
  | { kind: 'latency'; perChunkMs: number; jitterMs?: number; seed?: number }
  /** #21/#22/#23 content policy: OpenAI `content_filter`, Gemini `SAFETY` (or a prompt block), Anthropic `refusal`. */
  | { kind: 'content-filter'; promptBlock?: boolean }
  /** #24 `x-should-retry` header on an error of the given status (vendor envelope chosen by status). */
  | { kind: 'should-retry'; status: number; value: boolean }
  /** #25 OpenAI-compatible quirks. */
  | { kind: 'compat-quirk'; quirk: 'choices-null' | 'no-choices' | 'no-usage' | 'no-done' | 'no-finish-reason' | 'keepalive-comments' };

/**
 * Shapes recorded from the real APIs (shared/reference/real-wire-findings.md, "Real wire features our fakes do
 * not model yet") that a scenario switches on; each vendor fake applies the ones of its dialect.
 */
export type WireFeature =
  // OpenAI-compatible servers
  /** xAI: `total_tokens` = prompt + completion + reasoning (reasoning billed outside `completion_tokens`). */
  | 'reasoning-outside-completion'
  /** Mistral magistral: `delta.content` as an array of typed parts (a `thinking` part, then `text` parts). */
  | 'content-parts'
  /** DeepSeek, Qwen: `delta.reasoning_content` deltas before the answer. */
  | 'reasoning-content'
  /** Azure AI Foundry: `usage.reasoning_tokens` at the top level, `prompt_tokens_details: null`. */
  | 'top-level-reasoning-tokens'
  /** DeepSeek: `usage.prompt_cache_hit_tokens` / `prompt_cache_miss_tokens`. */
  | 'prompt-cache-hit-tokens'
  /** Azure OpenAI: a first chunk with `choices: []`, `prompt_filter_results` and an empty id/model. */
  | 'prompt-filter-preamble'
  /** DeepSeek: `finish_reason` and `usage` in the same chunk (no usage-only chunk). */
  | 'usage-with-finish'
  /** Groq: `x_groq` on the first chunk and, with its own usage, on the finish chunk. */
  | 'vendor-extras'
  // Anthropic
  /** A `redacted_thinking` block before the answer. */
  | 'redacted-thinking'
  /** Web search: `server_tool_use` and `web_search_tool_result` blocks, then text with `citations_delta`. */
  | 'citations'
  /** `stop_reason: pause_turn` (a server tool loop paused). */
  | 'pause-turn'
  /** `message_delta` carries a final `input_tokens` that differs from `message_start`'s. */
  | 'final-input-tokens'
  /** Whitespace after the JSON on `data:` lines. */
  | 'data-padding'
  // Gemini
  /** `candidatesTokenCount` absent until the last chunk. */
  | 'late-candidates-count'
  /** `promptTokenCount` changing between chunks (the last one is right). */
  | 'prompt-count-drift'
  /** Finish `MAX_TOKENS` with no parts at all: the budget went on thoughts. */
  | 'thoughts-only-max-tokens';

/** Extra usage a scenario makes the fake report (prompt caching, reasoning). */
export interface UsageExtras {
  readonly cachedInputTokens?: number;
  readonly cacheWriteTokens?: number;
  readonly reasoningTokens?: number;
}

/**
 * One queued behaviour. The first queued scenario matching a request's vendor and model is applied to it;
 * `times` (default 1) counts down, `-1` never expires.
 */
export interface Scenario {
  readonly vendor?: VendorId;
  readonly model?: string;
  readonly times?: number;
  readonly fault?: Fault;
  /** Replaces the scripted answer text. */
  readonly answer?: string;
  readonly usage?: UsageExtras;
  /** Send CRLF instead of LF event separators. */
  readonly crlf?: boolean;
  /** Real-wire shapes to switch on (those of other dialects are ignored). */
  readonly wire?: readonly WireFeature[];
  /** How the batch job this (batch-create) request starts behaves; match it with `model: BATCH_SCENARIO_MODEL`. */
  readonly batch?: BatchPlan;
}

export interface RecordedRequest {
  readonly vendor: VendorId | 'control' | 'unknown';
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: unknown;
  readonly model?: string;
  readonly fault?: Fault['kind'];
  readonly at: number;
  /** Set when the client closed the connection before the fake finished its response (cancel, timeout). */
  clientAborted?: boolean;
}
