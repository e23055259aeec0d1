import type { ModelPricing } from '../catalog/modelInfo';
import type { Usage } from '../types';

/**
 * Cost of one answer in USD from provider-reported usage and the catalog's per-MTok prices, or
 * `undefined` when either the token counts or the needed prices are unknown (never a false $0).
 * An estimate: base-band prices only; cache reads/writes without their own price are billed as input.
 */
export function estimateCostUsd(usage: Usage | undefined, pricing: ModelPricing | undefined): number | undefined {
  if (usage === undefined || pricing === undefined) return undefined;
  const { inputTokens, outputTokens } = usage;
  const { inputPerMTok, outputPerMTok } = pricing;
  if (inputTokens === undefined || outputTokens === undefined) return undefined;
  if (inputPerMTok === undefined || outputPerMTok === undefined) return undefined;
  const cached = usage.cachedInputTokens ?? 0;
  const written = usage.cacheWriteTokens ?? 0;
  const uncached = Math.max(0, inputTokens - cached - written);
  const perToken = (perMTok: number) => perMTok / 1_000_000;
  return uncached * perToken(inputPerMTok)
    + cached * perToken(pricing.cachedInputPerMTok ?? inputPerMTok)
    + written * perToken(pricing.cacheWritePerMTok ?? inputPerMTok)
    + outputTokens * perToken(outputPerMTok);
}

/** `$0.0123 est.`; "unknown" when the cost is unknown. */
export function formatEstimatedCost(costUsd: number | undefined): string {
  if (costUsd === undefined) return 'unknown';
  if (costUsd > 0 && costUsd < 0.0001) return '<$0.0001 est.';
  return `$${costUsd < 1 ? costUsd.toFixed(4) : costUsd.toFixed(2)} est.`;
}
