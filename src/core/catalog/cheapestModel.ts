import type { ModelRef } from '../types';
import type { ModelCatalog } from './modelCatalog';
import type { ModelInfo } from './modelInfo';

/** USD per million tokens for a typical small call (input + output); undefined when a price is unknown. */
function unitPrice(model: ModelInfo): number | undefined {
  const { inputPerMTok, outputPerMTok } = model.pricing;
  return inputPerMTok === undefined || outputPerMTok === undefined ? undefined : inputPerMTok + outputPerMTok;
}

/**
 * The cheapest enabled model among `providerIds` — for tiny internal calls (health checks, the model
 * classifier). Known prices first, cheapest first; then budget-tier models of unknown price (a local
 * model is usually free); ties by provider and id so the choice is stable.
 */
export function cheapestModel(catalog: ModelCatalog, providerIds: Iterable<string>): ModelRef | undefined {
  const allowed = new Set(providerIds);
  return cheapestOf(catalog.enabled().filter((m) => allowed.has(m.provider)));
}

/** The cheapest of `models`, ranked as `cheapestModel` ranks them (e.g. the models eligible for one request). */
export function cheapestOf(models: readonly ModelInfo[]): ModelRef | undefined {
  const ranked = [...models].sort((a, b) => {
    const pa = unitPrice(a);
    const pb = unitPrice(b);
    if (pa !== undefined && pb !== undefined && pa !== pb) return pa - pb;
    if ((pa === undefined) !== (pb === undefined)) return pa === undefined ? 1 : -1;
    if (a.tier !== b.tier) return a.tier === 'budget' ? -1 : b.tier === 'budget' ? 1 : 0;
    return a.provider.localeCompare(b.provider) || a.id.localeCompare(b.id);
  });
  const best = ranked[0];
  return best === undefined ? undefined : { provider: best.provider, model: best.id };
}
