import type { ModelPricing } from '../catalog/modelInfo';
import { priceUsage } from '../cost/pricing';
import type { Usage } from '../types';

/**
 * Cost of one answer in USD from provider-reported usage and the catalog's per-MTok prices, or
 * `undefined` when either the token counts or the needed prices are unknown (never a false $0).
 * Priced by `core/cost/pricing` (long-prompt rates included); it is labelled an estimate because cache
 * reads/writes without their own price are billed as input here, where `priceUsage` by default calls that unknown.
 */
export function estimateCostUsd(usage: Usage | undefined, pricing: ModelPricing | undefined): number | undefined {
  return priceUsage(usage, pricing, { missingCacheRate: 'input' }).costUsd;
}

/** `$0.0123 est.`; "unknown" when the cost is unknown. */
export function formatEstimatedCost(costUsd: number | undefined): string {
  if (costUsd === undefined) return 'unknown';
  if (costUsd > 0 && costUsd < 0.0001) return '<$0.0001 est.';
  return `$${costUsd < 1 ? costUsd.toFixed(4) : costUsd.toFixed(2)} est.`;
}
