import type { ModelInfo } from '../catalog/modelInfo';
import { describeUnavailable, type Unavailable } from '../resilience/availability';
import { formatCount } from './estimate';
import { policyGap, providerPolicy } from '../privacy/providerPolicy';
import { findGlobMatch } from './glob';
import type { RoutingContext } from './router';
import type { RouteRequest, TaskProfile } from './taskProfile';

/**
 * Step one of routing: which enabled catalog models may take this request at all, and why each other one may
 * not. Checks run in the order below; a model is reported with the first check it fails.
 */

/** Why a model was left out, in the order the checks run. */
export type ExclusionKind = 'notAllowed' | 'noKey' | 'privacy' | 'policy' | 'context' | 'vision' | 'json' | 'demoted';
/** The checks before availability; `demoted` is worded by `availability.ts`. */
type FilterKind = Exclude<ExclusionKind, 'demoted' | 'policy'>;

export interface Exclusion {
  readonly model: ModelInfo;
  readonly kind: ExclusionKind;
  /** A short clause without the model name, e.g. "context 128,000 < 200,000 needed". */
  readonly reason: string;
  /** For `demoted`: the availability verdict (the one the fallback runner would skip the model for). */
  readonly unavailable?: Unavailable;
  /** For `policy`: what the provider's policy lacks, e.g. "no zero data retention, region us". */
  readonly policyGap?: string;
}

/** A context file that matched `quorum.privacy.localOnlyGlobs`. */
export interface PrivateFile {
  readonly file: string;
  readonly glob: string;
}

export interface CandidateSet {
  /** Models that can take the request, in catalog order. */
  readonly candidates: readonly ModelInfo[];
  readonly exclusions: readonly Exclusion[];
  /** Set when a context file restricts the request to local endpoints. */
  readonly privateFile?: PrivateFile;
  /**
   * True when every capable model was demoted and they were kept anyway: failing outright would be certain,
   * whereas a demoted model may have recovered (a breaker's cooldown or a health check may simply lag).
   */
  readonly allDemoted: boolean;
}

/**
 * Filters `context.catalog.enabled()`: provider allowed by `allowedProviders`, provider available (has a key or
 * needs none), local when a context file matches a local-only glob, meeting `quorum.privacy.require` by its
 * policy (`providerPolicy.ts`), context window ≥ `profile.needs.contextTokens`
 * (an unknown window is kept: unknown is not "too small"), vision when images are attached, JSON mode when
 * JSON is needed, and available (`availability.ts`: not suspended, failing checks or behind an open breaker).
 */
export function selectCandidates(profile: TaskProfile, request: RouteRequest, context: RoutingContext): CandidateSet {
  const { allowedProviders, localOnlyGlobs, require, providerPolicies } = context.settings.privacy;
  const privateFile = findGlobMatch(request.contextFiles ?? [], localOnlyGlobs);
  const policyGaps = new Map<string, string>();
  const providerVerdicts = new Map<string, FilterKind | 'policy' | null>();
  const providerVerdict = (provider: string): FilterKind | 'policy' | null => {
    let verdict = providerVerdicts.get(provider);
    if (verdict === undefined) {
      if (allowedProviders !== undefined && !allowedProviders.includes(provider)) verdict = 'notAllowed';
      else if (!context.providerAvailable(provider)) verdict = 'noKey';
      else if (privateFile !== undefined && !context.isLocal(provider)) verdict = 'privacy';
      else verdict = null;
      const gap = verdict === null ? policyGap(providerPolicy(provider, providerPolicies, context.isLocal(provider)), require) : undefined;
      if (gap !== undefined) {
        verdict = 'policy';
        policyGaps.set(provider, gap);
      }
      providerVerdicts.set(provider, verdict);
    }
    return verdict;
  };

  const capable: ModelInfo[] = [];
  const exclusions: Exclusion[] = [];
  const demoted: Exclusion[] = [];
  for (const model of context.catalog.enabled()) {
    const kind = providerVerdict(model.provider) ?? capabilityGap(model, profile);
    if (kind !== null) {
      if (kind === 'policy') {
        const gap = policyGaps.get(model.provider) ?? 'policy unknown';
        exclusions.push({ model, kind, reason: `does not meet quorum.privacy.require (${gap})`, policyGap: gap });
      } else {
        exclusions.push({ model, kind, reason: describeExclusion(kind, model, profile, privateFile) });
      }
    } else {
      const availability = context.availability({ provider: model.provider, model: model.id });
      if (availability.state === 'unavailable') demoted.push({ model, kind: 'demoted', reason: `demoted (${describeUnavailable(availability)})`, unavailable: availability });
      else capable.push(model);
    }
  }

  const allDemoted = capable.length === 0 && demoted.length > 0;
  const candidates = allDemoted ? demoted.map((exclusion) => exclusion.model) : capable;
  const result = { candidates, exclusions: allDemoted ? exclusions : [...exclusions, ...demoted], allDemoted };
  return privateFile === undefined ? result : { ...result, privateFile };
}

function capabilityGap(model: ModelInfo, profile: TaskProfile): FilterKind | null {
  if (model.contextWindow !== undefined && model.contextWindow < profile.needs.contextTokens) return 'context';
  if (profile.needs.vision && !model.capabilities.vision) return 'vision';
  if (profile.needs.json && !model.capabilities.json) return 'json';
  return null;
}

function describeExclusion(kind: FilterKind, model: ModelInfo, profile: TaskProfile, privateFile: PrivateFile | undefined): string {
  switch (kind) {
    case 'notAllowed':
      return `provider ${model.provider} is not in quorum.privacy.allowedProviders`;
    case 'noKey':
      return `${model.provider} is not configured (no API key)`;
    case 'privacy':
      return `not a local endpoint, and the context includes ${privateFile?.file ?? 'a private file'} (quorum.privacy.localOnlyGlobs: ${privateFile?.glob ?? '?'})`;
    case 'context':
      return `context ${formatCount(model.contextWindow ?? 0)} < ${formatCount(profile.needs.contextTokens)} needed`;
    case 'vision':
      return 'no image input, and the prompt has images';
    case 'json':
      return 'no JSON mode, and the answer must be JSON';
  }
}
