import type { ModelPricing } from '../catalog/modelInfo';
import type { ConversationRef } from '../conversation/conversationRef';
import { formatUsd } from '../cost/formatUsd';
import type { ChatMessage, ModelRef } from '../types';
import { tierRank, type PricedModel } from './estimate';
import { refText } from './routeReasons';
import type { ModelTier } from '../catalog/modelInfo';

/**
 * How long a vendor keeps a prompt cache warm after its last use, by provider instance id. Anthropic: 5 minutes
 * (the default `ephemeral` TTL, refreshed on every read). OpenAI: "5–10 minutes of inactivity" — the lower end,
 * so we never count on a cache that may be gone. Gemini implicit caching publishes no TTL; 3 minutes is a
 * cautious guess (explicit cached contents live longer, but the router only counts on what is always there).
 * OpenAI-compatible endpoints: unknown, so no stickiness.
 */
export function promptCacheTtlMs(provider: string): number | undefined {
  switch (provider) {
    case 'anthropic':
    case 'openai':
      return 5 * 60_000;
    case 'gemini':
      return 3 * 60_000;
    default:
      return undefined;
  }
}

/** What the router decided about the previous model's warm cache, and the card's sentence. */
export type CacheStickiness =
  | { readonly verdict: 'stay'; readonly model: ModelRef; readonly cachedTokens: number; readonly savesUsd: number; readonly note: string }
  | { readonly verdict: 'switch' | 'expired' | 'unavailable' | 'pinned' | 'unknownPrice'; readonly model: ModelRef; readonly note: string };

export interface StickinessInput {
  readonly conversation?: ConversationRef;
  readonly now: number;
  /** The router's choice without regard to caches. */
  readonly chosen: PricedModel;
  /** Every eligible model, priced for this request (eligibility, privacy and availability already applied). */
  readonly candidates: readonly PricedModel[];
  readonly tier: ModelTier;
  /** A user rule or pin chose the model: caches never override that. */
  readonly pinned: boolean;
  readonly messages: readonly ChatMessage[];
  /** The whole prompt's estimated tokens (the classifier's count). */
  readonly promptTokens: number;
}

/**
 * Keep a follow-up on the model that holds the warm cache unless switching saves more than that cache is worth.
 * Staying costs the previous model's estimate minus the cache's value (cached prefix tokens × (input − cache-read
 * price)); switching costs the router's choice at full price. Never overrides a pin, eligibility, availability
 * or privacy (the previous model must still be a candidate), nor the needed tier. `undefined`: no warm cache to
 * weigh (first turn, no previous model, the same model anyway, or a vendor without a known cache TTL).
 */
export function cacheStickiness(input: StickinessInput): CacheStickiness | undefined {
  const previous = input.conversation?.previous;
  if (previous === undefined || sameRef(previous.model, input.chosen.estimate.ref)) return undefined;
  const model = previous.model;
  const ttl = promptCacheTtlMs(model.provider);
  if (ttl === undefined) return undefined;
  const name = refText(model);
  if (input.pinned) return { verdict: 'pinned', model, note: `${name} holds this conversation's cache, but a rule chose the model.` };
  const idleMs = input.now - previous.at;
  if (idleMs > ttl) {
    return { verdict: 'expired', model, note: `Switched from ${name}: its cache has expired (last used ${minutes(idleMs)} ago; it lasts ~${minutes(ttl)}).` };
  }
  const held = input.candidates.find((c) => sameRef(c.estimate.ref, model));
  if (held === undefined || tierRank(held.model.tier) < tierRank(input.tier)) {
    const why = held === undefined ? 'it cannot take this request now' : `it is below the ${input.tier} tier this request needs`;
    return { verdict: 'unavailable', model, note: `Switched from ${name}: ${why}, so its cache cannot be used.` };
  }
  const cachedTokens = Math.round(input.promptTokens * previousPrefixShare(input.messages));
  const cacheValue = cacheValueUsd(cachedTokens, held.model.pricing);
  const stayFull = held.estimate.costUsd;
  const switchCost = input.chosen.estimate.costUsd;
  if (cacheValue === undefined || stayFull === undefined || switchCost === undefined) {
    return { verdict: 'unknownPrice', model, note: `Did not weigh ${name}'s cache: a price needed to compare it is unknown.` };
  }
  const switchSaves = stayFull - switchCost;
  const chosen = refText(input.chosen.estimate.ref);
  if (cacheValue >= switchSaves) {
    const note = `Stayed on ${name}: its cache of ~${cachedTokens.toLocaleString('en-US')} tokens saves ${formatUsd(cacheValue, { estimate: true })}, more than switching to ${chosen} would (${formatUsd(Math.max(0, switchSaves), { estimate: true })}).`;
    return { verdict: 'stay', model, cachedTokens, savesUsd: cacheValue, note };
  }
  const note = `Switched to ${chosen}: saves ${formatUsd(switchSaves - cacheValue, { estimate: true })} more than ${name}'s cache of ~${cachedTokens.toLocaleString('en-US')} tokens is worth (${formatUsd(cacheValue, { estimate: true })}).`;
  return { verdict: 'switch', model, note };
}

/** USD a cache read of `tokens` saves against uncached input; `undefined` when a rate is unknown. */
export function cacheValueUsd(tokens: number, pricing: ModelPricing): number | undefined {
  if (pricing.inputPerMTok === undefined || pricing.cachedInputPerMTok === undefined) return undefined;
  return (tokens * Math.max(0, pricing.inputPerMTok - pricing.cachedInputPerMTok)) / 1_000_000;
}

/**
 * The share of the prompt the previous turn cached: its stable prefix, everything before the previous question
 * and answer (the last three messages are that question, its answer and the new question), by characters.
 */
function previousPrefixShare(messages: readonly ChatMessage[]): number {
  const chars = messages.map(charsOf);
  const total = chars.reduce((sum, n) => sum + n, 0);
  const prefix = chars.slice(0, Math.max(0, messages.length - 3)).reduce((sum, n) => sum + n, 0);
  return total === 0 ? 0 : prefix / total;
}

function charsOf(message: ChatMessage): number {
  if (typeof message.content === 'string') return message.content.length;
  return message.content.reduce((sum, part) => sum + (part.type === 'text' ? part.text.length : 0), 0);
}

function sameRef(a: ModelRef, b: ModelRef): boolean {
  return a.provider === b.provider && a.model === b.model;
}

function minutes(ms: number): string {
  const value = Math.round(ms / 60_000);
  return value < 1 ? 'under a minute' : `${value} min`;
}
