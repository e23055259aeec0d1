import { anthropicMinimumCacheTokens } from '../providers/anthropic/cacheBreakpoints';
import { promptCacheTtlMs } from '../routing/cacheStickiness';
import type { ChatMessage, ModelRef, Usage } from '../types';
import type { ConversationRef } from './conversationRef';
import { roughTokens } from './promptCacheHint';

/**
 * Why a conversation's request did not read the provider's prompt cache:
 * - `firstTurn`: nothing was cached yet (the first turn writes);
 * - `modelSwitched`: another model answered than the one holding the cache;
 * - `expired`: the previous turn was longer ago than the vendor keeps a cache;
 * - `belowMinimum`: the stable prefix is shorter than the vendor caches (e.g. 1,024 or 4,096 tokens);
 * - `notSupported`: the endpoint reports no prompt caching we know of (OpenAI-compatible servers);
 * - `prefixChanged`: none of the above, so the earlier turns or attachments must have changed (a chip removed,
 *   a file edited), or the vendor evicted the cache early.
 */
export const PROMPT_CACHE_MISSES = ['firstTurn', 'modelSwitched', 'expired', 'belowMinimum', 'notSupported', 'prefixChanged'] as const;
export type PromptCacheMiss = (typeof PROMPT_CACHE_MISSES)[number];

/** What a ledger record keeps about the prompt cache of one conversation request. */
export interface PromptCacheOutcome {
  readonly conversation: string;
  readonly turn: number;
  /** The call read from the cache (cache read tokens > 0). */
  readonly hit: boolean;
  readonly miss?: PromptCacheMiss;
}

/** Smallest prefix each vendor caches, in tokens; `undefined` for endpoints without a known prompt cache. */
export function minimumCachedPrefix(ref: ModelRef): number | undefined {
  if (ref.provider === 'anthropic') return anthropicMinimumCacheTokens(ref.model);
  if (ref.provider === 'openai' || ref.provider === 'gemini') return 1_024;
  return undefined;
}

export interface CacheOutcomeInput {
  readonly conversation?: ConversationRef;
  readonly messages: readonly ChatMessage[];
  /** The model billed for the call (the one that answered). */
  readonly model: ModelRef;
  readonly usage?: Usage;
  /** When the call was sent, ms since the epoch. */
  readonly sentAt: number;
}

/** The prompt-cache outcome of a conversation request (hit, or why it missed); `undefined` outside a conversation. */
export function promptCacheOutcome(input: CacheOutcomeInput): PromptCacheOutcome | undefined {
  const conversation = input.conversation;
  if (conversation === undefined || input.usage === undefined) return undefined;
  const base = { conversation: conversation.id, turn: conversation.turn };
  if ((input.usage.cachedInputTokens ?? 0) > 0) return { ...base, hit: true };
  return { ...base, hit: false, miss: missReason(conversation, input) };
}

function missReason(conversation: ConversationRef, input: CacheOutcomeInput): PromptCacheMiss {
  const previous = conversation.previous;
  const ttl = promptCacheTtlMs(input.model.provider);
  const minimum = minimumCachedPrefix(input.model);
  if (ttl === undefined || minimum === undefined) return 'notSupported';
  if (conversation.turn === 0 || previous === undefined) return 'firstTurn';
  if (previous.model.provider !== input.model.provider || previous.model.model !== input.model.model) return 'modelSwitched';
  if (input.sentAt - previous.at > ttl) return 'expired';
  if (roughTokens(input.messages.slice(0, -1)) < minimum) return 'belowMinimum';
  return 'prefixChanged';
}
