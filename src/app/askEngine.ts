import { cheapestOf } from '../core/catalog/cheapestModel';
import type { ModelCatalog } from '../core/catalog/modelCatalog';
import type { QuorumSettings } from '../core/config/settingsSchema';
import type { ProviderService } from '../core/providers/providerService';
import type { FallbackRunner } from '../core/resilience/fallbackRunner';
import { classifyLearned } from '../core/routing/learnedClassify';
import { createModelClassifier } from '../core/routing/modelClassifier';
import { route } from '../core/routing/router';
import type { AskEngine } from './askFlow';
import type { Eligibility } from './eligibility';

export interface AskEngineParts {
  readonly providers: Pick<ProviderService, 'provider'>;
  readonly catalog: () => ModelCatalog;
  readonly eligibility: Pick<Eligibility, 'routingContext' | 'candidates'>;
  readonly runner: Pick<FallbackRunner, 'run'>;
  /** Read on every request, so setting changes apply at once. */
  readonly settings: () => QuorumSettings;
}

/** Adapts the classifier, the router (over the one eligibility read) and the fallback runner to the Ask flow. */
export function createAskEngine(parts: AskEngineParts): AskEngine {
  /**
   * `quorum.routing.classifier: "model"`: the cheapest model that may take THIS request answers the classifier's
   * question — the question quotes the request, attached files included, so it obeys the request's eligibility
   * (allowed providers, local-only files, keys). None eligible: the heuristic profile stands, nothing is sent.
   */
  const classifyWithModel = createModelClassifier({
    ask: async (prompt, signal, request) => {
      const ref = cheapestOf((await parts.eligibility.candidates(request)).candidates);
      const provider = ref === undefined ? undefined : await parts.providers.provider(ref.provider);
      if (ref === undefined || provider === undefined) throw new Error('no model may classify this request');
      let text = '';
      const question = { model: ref.model, messages: [{ role: 'user' as const, content: prompt }], maxOutputTokens: 64 };
      for await (const event of provider.stream(question, { signal })) if (event.type === 'text-delta') text += event.text;
      return text;
    },
  });
  return {
    classify: (request) => {
      // The learned router (heuristic facts + trained model) is the default; "model" asks an LLM on top of it.
      const learned = classifyLearned(request);
      if (parts.settings().routing.classifier !== 'model') return learned;
      // The model classifier has its own 1.5 s deadline and falls back to `learned` on any failure.
      return classifyWithModel(request, learned, new AbortController().signal);
    },
    route: async (request, profile) => route(request, profile, await parts.eligibility.routingContext()),
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
