import { MODEL_TIERS } from '../catalog/modelInfo';
import { priceCall } from '../cost/pricing';
import type { ModelInfo, ModelTier } from '../catalog/modelInfo';
import type { RouteEstimate } from './routeDecision';

/**
 * Pre-call cost estimates and the one ordering the router uses everywhere ("cheaper first"), so the choice,
 * the chain and the explanation can never disagree about which model is cheaper.
 */

/** Output budget assumed when neither the request nor the profile gives one, in tokens. */
export const DEFAULT_OUTPUT_TOKENS = 1024;

/** Rank of a tier, cheapest first: budget 0, standard 1, premium 2. */
export function tierRank(tier: ModelTier): number {
  return MODEL_TIERS.indexOf(tier);
}

/**
 * Estimated USD for one call: input tokens × input price + output budget × output price, priced by the one
 * pricing implementation (so a long prompt gets the model's long-prompt rates, as the bill will).
 * `undefined` when either price is unknown — an unknown price is never treated as $0.
 */
export function estimateCost(model: ModelInfo, inputTokens: number, outputTokens: number): number | undefined {
  return priceCall({ inputTokens, outputTokens }, model.pricing);
}

/** A model with its estimate, as the router ranks it. */
export interface PricedModel {
  readonly model: ModelInfo;
  readonly estimate: RouteEstimate;
}

export function priceModel(model: ModelInfo, inputTokens: number, outputTokens: number): PricedModel {
  const costUsd = estimateCost(model, inputTokens, outputTokens);
  const ref = { provider: model.provider, model: model.id };
  return { model, estimate: costUsd === undefined ? { ref, inputTokens, outputTokens } : { ref, inputTokens, outputTokens, costUsd } };
}

/**
 * Cheaper first, deterministically:
 * 1. known estimates before unknown ones, known ones by cost;
 * 2. at equal known cost, the higher tier (more quality for the same money);
 *    among unknown costs, the lower tier (the tier is then the only hint of price);
 * 3. then provider id, then model id.
 */
export function compareByCost(a: PricedModel, b: PricedModel): number {
  const costA = a.estimate.costUsd;
  const costB = b.estimate.costUsd;
  if (costA !== undefined && costB !== undefined) {
    if (costA !== costB) return costA - costB;
    const byTier = tierRank(b.model.tier) - tierRank(a.model.tier);
    if (byTier !== 0) return byTier;
  } else if (costA !== undefined) {
    return -1;
  } else if (costB !== undefined) {
    return 1;
  } else {
    const byTier = tierRank(a.model.tier) - tierRank(b.model.tier);
    if (byTier !== 0) return byTier;
  }
  return compareText(a.model.provider, b.model.provider) || compareText(a.model.id, b.model.id);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Thousands separated with commas, e.g. 1,048,576; without `Intl`, which is slow on the routing hot path. */
export function formatCount(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
