import type { PromptCacheHint } from './conversation/conversationRef';

/** The vendor families Quorum speaks to; each has one adapter in `core/providers`. */
export type ProviderKind = 'openai' | 'anthropic' | 'gemini' | 'openaiCompatible';

/**
 * A model as the rest of Quorum names it. `provider` is a provider *instance* id:
 * `openai`, `anthropic`, `gemini`, or `compat:<endpoint id>` for an OpenAI-compatible endpoint.
 */
export interface ModelRef {
  readonly provider: string;
  readonly model: string;
}

export type ChatRole = 'system' | 'user' | 'assistant';

export interface TextPart {
  readonly type: 'text';
  readonly text: string;
}

/** An image sent as input; `data` is base64 without a `data:` prefix. */
export interface ImagePart {
  readonly type: 'image';
  readonly mediaType: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';
  readonly data: string;
}

export type ContentPart = TextPart | ImagePart;

export interface ChatMessage {
  readonly role: ChatRole;
  readonly content: string | readonly ContentPart[];
}

/** One vendor-neutral chat request. System messages may appear anywhere; adapters place them as each API requires. */
export interface ChatRequest {
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  /** Upper bound on generated tokens. Anthropic requires one; adapters supply a default there. */
  readonly maxOutputTokens?: number;
  readonly temperature?: number;
  /** `json` asks the provider for a JSON object where the API supports it. */
  readonly responseFormat?: 'text' | 'json';
  readonly stop?: readonly string[];
  /** Ask the provider to cache the stable prefix of `messages` (see PromptCacheHint). */
  readonly cache?: PromptCacheHint;
}

/**
 * Token usage as the provider reported it. Every field is `undefined` when unknown — never a false 0.
 * - `inputTokens`: all prompt tokens processed, *including* cache reads and cache writes.
 * - `cachedInputTokens`: the part of `inputTokens` read from the provider's prompt cache.
 * - `cacheWriteTokens`: the part of `inputTokens` written to the prompt cache.
 * - `outputTokens`: all tokens billed as output, *including* reasoning/thinking tokens.
 * - `reasoningTokens`: the part of `outputTokens` spent on reasoning.
 */
export interface Usage {
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  readonly cachedInputTokens?: number;
  readonly cacheWriteTokens?: number;
  readonly reasoningTokens?: number;
}

export type FinishReason = 'stop' | 'length' | 'content-filter' | 'tool' | 'other';

/**
 * What a provider stream yields.
 * - `text-delta`: new answer text, in order.
 * - `usage`: the latest *cumulative* usage snapshot; a later one replaces an earlier one.
 * - `finish`: the provider's terminal signal; `raw` is the vendor's own value (e.g. `end_turn`, `SAFETY`).
 */
export type StreamEvent =
  | { readonly type: 'text-delta'; readonly text: string }
  | { readonly type: 'usage'; readonly usage: Usage }
  | { readonly type: 'finish'; readonly reason: FinishReason; readonly raw?: string };

/** A model a provider endpoint says it serves (from its models listing). */
export interface RemoteModel {
  readonly id: string;
  readonly displayName?: string;
  /** What the listing says the model supports, where it says (Gemini's `supportedGenerationMethods`). */
  readonly methods?: readonly string[];
  /** Largest prompt, in tokens, where the listing says (Gemini's `inputTokenLimit`). */
  readonly inputTokenLimit?: number;
  /** Largest output, in tokens, where the listing says (Gemini's `outputTokenLimit`). */
  readonly outputTokenLimit?: number;
  /** The listing says the model thinks before answering (Gemini's `thinking`). */
  readonly thinking?: boolean;
}
