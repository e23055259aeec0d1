import type { ChatRequest, ProviderKind, RemoteModel, StreamEvent } from '../types';

/** Per-attempt deadlines owned by Quorum, in ms (the SDKs do not time out a stalled stream). */
export interface StreamTimeouts {
  /** From sending the request to the first content event (covers connect, headers and a slow first token). */
  readonly firstTokenMs: number;
  /** Longest silence allowed between two content events; keep-alives do not count as progress. */
  readonly idleMs: number;
}

export const DEFAULT_STREAM_TIMEOUTS: StreamTimeouts = { firstTokenMs: 60_000, idleMs: 30_000 };

export interface StreamOptions {
  /** Aborting it aborts the HTTP request; the stream then throws `ProviderError` with reason `aborted`. */
  readonly signal: AbortSignal;
  readonly timeouts?: Partial<StreamTimeouts>;
}

export interface ListModelsOptions {
  readonly signal: AbortSignal;
  /** Whole-call deadline in ms. */
  readonly timeoutMs?: number;
}

/**
 * One configured provider endpoint over its official SDK. `stream` yields `StreamEvent`s and throws only
 * `ProviderError`; SDK types never leave `core/providers`.
 */
export interface Provider {
  /** Instance id: `openai`, `anthropic`, `gemini`, `compat:<endpoint id>` or `vscodeLm`. */
  readonly id: string;
  /** `vscodeLm`: VS Code's language models, built by the VS Code layer (no descriptor, no key). */
  readonly kind: ProviderKind | 'vscodeLm';
  readonly displayName: string;
  stream(request: ChatRequest, options: StreamOptions): AsyncIterable<StreamEvent>;
  /** Models the endpoint serves; also the cheapest way to test a key (no tokens are spent). */
  listModels(options: ListModelsOptions): Promise<RemoteModel[]>;
}

/** What an adapter needs to build its SDK client. */
export interface ProviderSettings {
  readonly id: string;
  readonly displayName: string;
  /** May be undefined for OpenAI-compatible endpoints that need no key (Ollama, LM Studio). */
  readonly apiKey?: string;
  /** Overrides the vendor's default endpoint; OpenAI-style URLs include `/v1`. */
  readonly baseUrl?: string;
  /** Extra headers for gateways (e.g. a LiteLLM/Portkey team header). Never logged. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeouts?: Partial<StreamTimeouts>;
}
