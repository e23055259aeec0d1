import type { ModelRef } from '../types';

/**
 * Which conversation a request continues, so the path can keep follow-ups cheap: the provider's prompt cache
 * is keyed by `id`, and the router may keep a follow-up on the model that holds the warm cache.
 */
export interface ConversationRef {
  /** Stable for the whole conversation (persisted with it). */
  readonly id: string;
  /** 0 for the first question, then 1, 2, … for each follow-up. */
  readonly turn: number;
  /** The model that answered the previous turn, and when (epoch ms): the cache it may still hold. */
  readonly previous?: { readonly model: ModelRef; readonly at: number };
}

/**
 * A provider prompt-cache hint on one chat request. Adapters turn it into each vendor's mechanism
 * (Anthropic `cache_control` breakpoints, OpenAI `prompt_cache_key`, Gemini cached contents).
 */
export interface PromptCacheHint {
  /** Routes requests that share a prefix to the same cache (e.g. the conversation id). */
  readonly key: string;
  /** How many leading messages are stable across turns (system, attached files, earlier turns). */
  readonly stablePrefixMessages: number;
}
