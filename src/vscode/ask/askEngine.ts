import type { AskEngine } from '../../core/ask/askPipeline';
import type { ModelCatalog } from '../../core/catalog/modelCatalog';
import type { QuorumSettings } from '../../core/config/settingsSchema';
import type { ProviderService } from '../../core/providers/providerService';
import type { FallbackRunner } from '../../core/resilience/fallbackRunner';
import type { HealthMonitor } from '../../core/resilience/health';
import { classify } from '../../core/routing/classify';
import { route } from '../../core/routing/router';

export interface AskEngineParts {
  readonly providers: ProviderService;
  readonly catalog: () => ModelCatalog;
  readonly health: HealthMonitor;
  readonly runner: FallbackRunner;
  /** Read on every request, so setting changes apply at once. */
  readonly settings: () => QuorumSettings;
}

/** How long a failed model discovery is not retried, so a dead local endpoint cannot slow every ask. */
const DISCOVERY_RETRY_MS = 60_000;

/** Adapts the classifier, the router and the fallback runner to the Ask pipeline's seam. */
export function createAskEngine(parts: AskEngineParts): AskEngine {
  const discoveryTried = new Map<string, number>();
  /**
   * An OpenAI-compatible endpoint's models are known only once it has been listed: list the available
   * ones the catalog knows no models of yet (in parallel, bounded by the provider check timeout).
   */
  const discover = async (available: ReadonlySet<string>): Promise<void> => {
    const catalog = parts.catalog();
    const now = Date.now();
    const pending = [...available].filter((id) => id.startsWith('compat:') && catalog.forProvider(id).length === 0
      && now - (discoveryTried.get(id) ?? -Infinity) > DISCOVERY_RETRY_MS);
    for (const id of pending) discoveryTried.set(id, now);
    await Promise.all(pending.map((id) => parts.providers.check(id)));
  };
  return {
    classify: (request) => classify(request),
    route: async (request, profile) => {
      // The router is synchronous; key states come from secret storage, so they are read up front.
      const descriptors = parts.providers.descriptors();
      const available = new Set<string>();
      for (const d of descriptors) if (await parts.providers.keyState(d) !== 'missing') available.add(d.id);
      await discover(available);
      const local = new Set(descriptors.filter((d) => d.local).map((d) => d.id));
      const settings = parts.settings();
      return route(request, profile, {
        catalog: parts.catalog(),
        providerAvailable: (id) => available.has(id),
        isLocal: (id) => local.has(id),
        isDemoted: (ref) => parts.health.isDemoted(ref),
        settings,
      });
    },
    run: (chain, request, options) => {
      const { fallback, timeouts } = parts.settings();
      return parts.runner.run(chain, request, {
        signal: options.signal,
        deadlineMs: fallback.totalDeadlineMs,
        timeouts,
        maxRetriesPerModel: fallback.maxRetriesPerModel,
        tryAnotherOnContentFilter: fallback.tryAnotherOnContentFilter,
      });
    },
  };
}
