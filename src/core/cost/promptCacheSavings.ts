import type { ModelPricing } from '../catalog/modelInfo';
import type { Usage } from '../types';
import { formatUsd } from './formatUsd';
import { priceCall } from './pricing';

/**
 * What the provider's prompt cache did for one call, in USD: the call's price (`priceCall`) against the same
 * tokens billed as plain input. Positive = saved (cache reads, at ~10 % of input); negative = the cache cost
 * extra this time (a write, at 1.25× input on Anthropic, is paid back by the next turn's read). `undefined`
 * when either price is unknown — never a false $0 — or when the call touched no cache.
 */
export function promptCacheSavedUsd(usage: Usage | undefined, pricing: ModelPricing | undefined): number | undefined {
  if (usage === undefined || !touchedCache(usage)) return undefined;
  const actual = priceCall(usage, pricing);
  const plain = priceCall({ ...usage, cachedInputTokens: 0, cacheWriteTokens: 0 }, pricing);
  return actual === undefined || plain === undefined ? undefined : plain - actual;
}

/** The answer header's cache line, e.g. "read 5,955 tokens, wrote 17 · saved $0.0005"; absent without cache use. */
export function promptCacheLine(usage: Usage | undefined, pricing: ModelPricing | undefined): string | undefined {
  if (usage === undefined || !touchedCache(usage)) return undefined;
  const n = (value: number | undefined) => (value ?? 0).toLocaleString('en-US');
  const saved = promptCacheSavedUsd(usage, pricing);
  const effect = saved === undefined ? 'saving unknown (a cache rate is not in the catalog)'
    : saved >= 0 ? `saved ${formatUsd(saved)}` : `cost ${formatUsd(-saved)} extra to write (repaid by a follow-up's read)`;
  return `read ${n(usage.cachedInputTokens)} tokens, wrote ${n(usage.cacheWriteTokens)} · ${effect}`;
}

function touchedCache(usage: Usage): boolean {
  return (usage.cachedInputTokens ?? 0) > 0 || (usage.cacheWriteTokens ?? 0) > 0;
}
