import type { AskEngine } from '../../app/requestService';
import type { CompatDiscovery } from '../../core/catalog/compatDiscovery';
import type { ModelCatalog } from '../../core/catalog/modelCatalog';
import type { QuorumSettings } from '../../core/config/settingsSchema';
import type { ProviderService } from '../../core/providers/providerService';
import type { FallbackRunner } from '../../core/resilience/fallbackRunner';
import type { HealthMonitor } from '../../core/resilience/health';
import { cheapestModel } from '../../core/catalog/cheapestModel';
import { classify } from '../../core/routing/classify';
import { createModelClassifier } from '../../core/routing/modelClassifier';
import { route } from '../../core/routing/router';

export interface AskEngineParts {
  readonly providers: ProviderService;
  readonly catalog: () => ModelCatalog;
  readonly health: HealthMonitor;
  readonly runner: FallbackRunner;
  /** Read on every request, so setting changes apply at once. */
  readonly settings: () => QuorumSettings;
  readonly discovery: CompatDiscovery;
}

/** Adapts the classifier, the router and the fallback runner to the Ask pipeline's seam. */
export function createAskEngine(parts: AskEngineParts): AskEngine {
  const availableProviders = (): Promise<Set<string>> => parts.providers.availableIds();
  /** `quorum.routing.classifier: "model"`: the cheapest configured model answers the classifier's question. */
  const classifyWithModel = createModelClassifier({
    ask: async (prompt, signal) => {
      const ref = cheapestModel(parts.catalog(), await availableProviders());
      const provider = ref === undefined ? undefined : await parts.providers.provider(ref.provider);
      if (ref === undefined || provider === undefined) throw new Error('no configured model can classify');
      let text = '';
      const request = { model: ref.model, messages: [{ role: 'user' as const, content: prompt }], maxOutputTokens: 64 };
      for await (const event of provider.stream(request, { signal })) if (event.type === 'text-delta') text += event.text;
      return text;
    },
  });
  return {
    classify: (request) => {
      const heuristic = classify(request);
      if (parts.settings().routing.classifier !== 'model') return heuristic;
      // The model classifier has its own 1.5 s deadline and falls back to `heuristic` on any failure.
      return classifyWithModel(request, heuristic, new AbortController().signal);
    },
    route: async (request, profile) => {
      // The router is synchronous; key states come from secret storage, so they are read up front.
      const descriptors = parts.providers.descriptors();
      const available = await availableProviders();
      await parts.discovery.discover(available);
      const local = new Set(descriptors.filter((d) => d.local).map((d) => d.id));
      const settings = parts.settings();
      return route(request, profile, {
        catalog: parts.catalog(),
        providerAvailable: (id) => available.has(id),
        isLocal: (id) => local.has(id),
        availability: (ref) => parts.runner.availability.of(ref),
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
