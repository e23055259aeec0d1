import type { ModelInfo, ModelTier } from '../../catalog/modelInfo';
import { DEFAULT_FEATURE_TIERS } from '../../routing/policy';
import { compareByCost, priceModel, tierRank, type PricedModel } from '../../routing/estimate';
import type { ModelRef } from '../../types';
import { MAX_COLUMNS } from '../compare/fanOut';

/**
 * Default model choices for the ensemble features. `candidates` are the models that can take the request
 * (`selectCandidates(...).candidates` from routing: enabled, keyed, allowed, capable). Ranking is the router's
 * own "cheaper first" (`compareByCost` over the request's estimated tokens), so every view agrees on cheap.
 */

/** The judge panel's size when the user asks for a panel. */
export const JUDGE_PANEL_SIZE = 3;

function ranked(candidates: readonly ModelInfo[], promptTokens: number, outputTokens: number): PricedModel[] {
  return candidates.map((m) => priceModel(m, promptTokens, outputTokens)).sort(compareByCost);
}

function refOf(p: PricedModel): ModelRef {
  return { provider: p.model.provider, model: p.model.id };
}

/**
 * The vote's default models: the cheapest capable model of each provider, cheapest first, at most `max`.
 * One per provider so that one vendor's shared blind spots cannot outvote the others.
 */
export function defaultVoteModels(candidates: readonly ModelInfo[], promptTokens: number, outputTokens: number, max: number = MAX_COLUMNS): ModelRef[] {
  const seen = new Set<string>();
  const out: ModelRef[] = [];
  for (const p of ranked(candidates, promptTokens, outputTokens)) {
    if (seen.has(p.model.provider) || out.length >= max) continue;
    seen.add(p.model.provider);
    out.push(refOf(p));
  }
  return out;
}

/**
 * Cheap judges: the cheapest models at or above `minTier` (routing's judge floor, `standard`: a judge weaker
 * than the answers adds noise), preferring in turn models outside `avoid` (the voters: a model tends to
 * prefer its own answer) and distinct providers. Falls back to avoided models, then to lower tiers, rather
 * than return fewer than `count` when the catalog has them.
 */
export function defaultJudges(
  candidates: readonly ModelInfo[],
  promptTokens: number,
  outputTokens: number,
  options: { readonly count?: number; readonly avoid?: readonly ModelRef[]; readonly minTier?: ModelTier } = {},
): ModelRef[] {
  const count = options.count ?? JUDGE_PANEL_SIZE;
  const floor = tierRank(options.minTier ?? DEFAULT_FEATURE_TIERS.judge);
  const avoided = new Set((options.avoid ?? []).map((r) => `${r.provider}/${r.model}`));
  const all = ranked(candidates, promptTokens, outputTokens);
  const chosen: PricedModel[] = [];
  const eligible = (p: PricedModel) => tierRank(p.model.tier) >= floor;
  const fresh = (p: PricedModel) => !avoided.has(`${p.model.provider}/${p.model.id}`);
  const passes: ((p: PricedModel) => boolean)[] = [
    (p) => eligible(p) && fresh(p) && !chosen.some((c) => c.model.provider === p.model.provider),
    (p) => eligible(p) && fresh(p),
    eligible,
    () => true,
  ];
  for (const pass of passes) {
    for (const p of all) {
      if (chosen.length >= count) break;
      if (!chosen.includes(p) && pass(p)) chosen.push(p);
    }
  }
  return chosen.map(refOf);
}

/** The cascade's ladder: the cheapest candidate of each tier, budget → standard → premium (missing tiers skipped). */
export function cascadeLadder(candidates: readonly ModelInfo[], promptTokens: number, outputTokens: number): ModelRef[] {
  const byTier = new Map<ModelTier, PricedModel>();
  for (const p of ranked(candidates, promptTokens, outputTokens)) {
    if (!byTier.has(p.model.tier)) byTier.set(p.model.tier, p);
  }
  return [...byTier.values()].sort((a, b) => tierRank(a.model.tier) - tierRank(b.model.tier)).map(refOf);
}
