import type { ModelCatalog } from '../catalog/modelCatalog';
import type { RouteDecision } from '../routing/routeDecision';
import type { TaskProfile } from '../routing/taskProfile';
import type { ModelRef } from '../types';
import { priceCall } from '../cost/pricing';
import { modelRefText } from './modelRefText';

/**
 * The decision for "Ask Again With…": the user's model alone, no fallback (they asked for that model),
 * with the task as classified so the answer can be saved as a routing rule.
 */
export function pinnedDecision(ref: ModelRef, profile: TaskProfile, catalog?: ModelCatalog): RouteDecision {
  const info = catalog?.get(ref);
  const inputTokens = profile.features.promptTokens;
  const outputTokens = Math.max(0, profile.features.requiredContextTokens - inputTokens);
  const costUsd = priceCall({ inputTokens, outputTokens }, info?.pricing);
  return {
    chosen: ref,
    chain: [ref],
    task: { type: profile.type, complexity: profile.complexity, needs: profile.needs },
    tier: { needed: info?.tier ?? 'standard' },
    evidence: profile.evidence,
    reasons: [`You chose ${modelRefText(ref)} with "Ask Again With…"; the router was not asked and there is no fallback.`],
    estimates: [{ ref, inputTokens, outputTokens, ...(costUsd !== undefined ? { costUsd } : {}) }],
    profile,
  };
}
