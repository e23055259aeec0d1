import type { ModelCatalog } from '../core/catalog/modelCatalog';
import type { ModelInfo } from '../core/catalog/modelInfo';
import type { QuorumSettings } from '../core/config/settingsSchema';
import { selectCandidates, type CandidateSet } from '../core/routing/candidates';
import { classify } from '../core/routing/classify';
import type { RoutingContext } from '../core/routing/router';
import type { RouteRequest } from '../core/routing/taskProfile';
import type { ModelRef } from '../core/types';

/**
 * Which models may take a request — the one answer for the router and for every way in that picks models
 * itself (Compare, Vote, judges, cascade, chat): the provider is allowed (`quorum.privacy.allowedProviders`)
 * and available (a key, or none needed), local when an attached file matches `quorum.privacy.localOnlyGlobs`,
 * meeting `quorum.privacy.require` by its data policy, and the model can take the request (context window, images, JSON). The rules are
 * `core/routing/candidates.ts`; this reads the live state they are checked against, once per request.
 */
export interface EligibilityDeps {
  readonly catalog: () => ModelCatalog;
  readonly settings: () => Pick<QuorumSettings, 'routing' | 'privacy'>;
  /** Provider ids that can take requests now (a key, none needed, or hosted). */
  readonly availableProviders: () => Promise<ReadonlySet<string>>;
  /** Provider ids of endpoints on this machine or network. */
  readonly localProviders: () => ReadonlySet<string>;
  /** Whether the model can take a call now: the verdict the fallback runner acts on (one availability model). */
  readonly availability: RoutingContext['availability'];
  /** The workspace's learned tier offset per task (routing feedback), when there is any. */
  readonly feedback?: RoutingContext['feedback'];
  /** Lists the models of compatible endpoints that are now available, before anything is chosen. */
  readonly discover?: (available: ReadonlySet<string>) => Promise<void>;
}

export interface Eligibility {
  /** What the router checks every model against, read now. */
  routingContext(): Promise<RoutingContext>;
  /** The models that may take `request` and why each other one may not. */
  candidates(request: RouteRequest): Promise<CandidateSet>;
  /**
   * Models someone may pick for a request without attachments (the panel's and chat's model lists): enabled
   * models of allowed, available providers — cooling-down ones included, as the user's explicit choice.
   */
  models(feature: RouteRequest['feature']): Promise<readonly ModelInfo[]>;
  /** Why `refs` may not all take `request` (one sentence per model left out), or `undefined` when they may. */
  problem(refs: readonly ModelRef[], request: RouteRequest): Promise<string | undefined>;
}

export function createEligibility(deps: EligibilityDeps): Eligibility {
  const routingContext = async (): Promise<RoutingContext> => {
    const available = await deps.availableProviders();
    await deps.discover?.(available);
    const local = deps.localProviders();
    return {
      catalog: deps.catalog(),
      providerAvailable: (id) => available.has(id),
      isLocal: (id) => local.has(id),
      availability: (ref) => deps.availability(ref),
      settings: deps.settings(),
      ...(deps.feedback === undefined ? {} : { feedback: deps.feedback }),
    };
  };
  const candidates = async (request: RouteRequest): Promise<CandidateSet> => selectCandidates(classify(request), request, await routingContext());
  return {
    routingContext,
    candidates,
    async models(feature) {
      const request: RouteRequest = { messages: [], feature };
      const context = await routingContext();
      const set = selectCandidates(classify(request), request, context);
      const demoted = set.exclusions.filter((e) => e.kind === 'demoted').map((e) => e.model);
      const picked = new Set([...set.candidates, ...demoted].map((m) => `${m.provider}/${m.id}`));
      return context.catalog.enabled().filter((m) => picked.has(`${m.provider}/${m.id}`));
    },
    async problem(refs, request) {
      const set = await candidates(request);
      const problems: string[] = [];
      for (const ref of refs) {
        const excluded = set.exclusions.find((e) => e.model.provider === ref.provider && e.model.id === ref.model);
        const known = excluded !== undefined || set.candidates.some((m) => m.provider === ref.provider && m.id === ref.model);
        // A cooling-down model the user picked is still tried: its breaker or health check may lag.
        if (excluded !== undefined && excluded.kind !== 'demoted') problems.push(`${ref.provider}/${ref.model}: ${excluded.reason}.`);
        else if (!known) problems.push(`${ref.provider}/${ref.model} is not an enabled model (see quorum.models).`);
      }
      return problems.length === 0 ? undefined : problems.join(' ');
    },
  };
}
