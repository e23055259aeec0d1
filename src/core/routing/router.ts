import type { ModelCatalog } from '../catalog/modelCatalog';
import type { ModelTier } from '../catalog/modelInfo';
import type { RoutingRule } from '../config/routingSchema';
import type { QuorumSettings } from '../config/settingsSchema';
import type { Availability } from '../resilience/availability';
import type { ModelRef } from '../types';
import { selectCandidates } from './candidates';
import { refineContextNeed } from './contextRefinement';
import type { CandidateSet } from './candidates';
import { formatUsd } from '../cost/formatUsd';
import { DEFAULT_OUTPUT_TOKENS, compareByCost, priceModel, tierRank } from './estimate';
import type { PricedModel } from './estimate';
import { learnedTier } from './learnedTier';
import { describeConditions, describeRule, findRule, policyTier, type TierDecision } from './policy';
import { NoRouteError } from './routeDecision';
import type { RouteDecision } from './routeDecision';
import { evalChoiceText, exclusionReasons, noRouteReasons, refText, taskReason } from './routeReasons';
import type { RouteRequest, TaskProfile, TaskType } from './taskProfile';
import type { TaskFeedback } from './feedback';
import { feedbackTier } from './feedbackTier';
import { cacheStickiness, type CacheStickiness } from './cacheStickiness';

/** What the router needs from the rest of Quorum; every member is cheap and synchronous. */
export interface RoutingContext {
  readonly catalog: ModelCatalog;
  /** True when the provider has a key, or needs none (e.g. a local endpoint). */
  providerAvailable(providerId: string): boolean;
  /** True for endpoints on this machine or network, which privacy rules may require. */
  isLocal(providerId: string): boolean;
  /** Whether the model can take a call now, the verdict the fallback runner acts on (`availability.ts`). */
  availability(ref: ModelRef): Availability;
  readonly settings: Pick<QuorumSettings, 'routing' | 'privacy'>;
  /** The workspace's learned tier offset for a task type (`feedback.ts`), when it has one; applied after rules and floors. */
  feedback?(task: TaskType): TaskFeedback | undefined;
  /** The clock cache stickiness reads (is the previous model's cache still warm?); `Date.now` by default. */
  now?(): number;
}

/**
 * Longest fallback chain. Five covers every vendor (three built in, plus local or compatible endpoints) with
 * room for a second model, while keeping the worst case — every hop failing slowly — inside the total
 * deadline; past five failures a clear error serves the user better than more waiting.
 */
export const MAX_CHAIN_LENGTH = 5;

/**
 * Picks the cheapest capable model for the request and the chain to fall back along. Pure and synchronous.
 *
 * 1. Candidates: enabled, allowed, keyed, private-file-safe, capable, available (`selectCandidates`).
 * 2. Tier: the first matching user rule decides (a model, or a tier); otherwise max(task table, feature minimum),
 *    moved by the workspace's feedback (`feedbackTier`).
 * 3. Chosen: the rule's model, else the cheapest candidate at or above the tier by estimated cost, else (none
 *    that good) the best candidate below it.
 * 4. Chain: after the chosen one, the preferred model of each *other* provider, then the rest — so one vendor's
 *    outage cannot take the whole chain down. At most `MAX_CHAIN_LENGTH` entries.
 *
 * @throws NoRouteError when no model can take the request, with one reason per excluded model.
 */
export function route(request: RouteRequest, classified: TaskProfile, context: RoutingContext): RouteDecision {
  const profile = refineContextNeed(request, classified, context.catalog.enabled());
  const set = selectCandidates(profile, request, context);
  if (set.candidates.length === 0) {
    throw new NoRouteError(`No model can take this ${request.feature} request.`, noRouteReasons(set, profile));
  }
  const inputTokens = profile.features.promptTokens;
  const outputTokens = outputBudget(request, profile);
  const priced = set.candidates.map((model) => priceModel(model, inputTokens, outputTokens));
  const reasons: string[] = [taskReason(profile)];

  const { routing } = context.settings;
  // Feedback is applied once, below, after rules and floors (feedbackTier), not inside the learned choice.
  const learned = learnedTier(profile, request.feature, routing.quality);
  const policy = policyTier(profile, request.feature, routing.featureTiers, request.minimumTier, learned?.decision);
  const subject = { profile, feature: request.feature, messages: request.messages };
  const rule = findRule(routing.rules, request.languageId === undefined ? subject : { ...subject, languageId: request.languageId });
  const ruled = tierFromRule(rule, policy, priced, set, context, reasons);
  const { pinned } = ruled;
  if (rule === undefined && learned !== undefined) reasons.push(...learned.choice.reasons);
  const fed = rule === undefined ? feedbackTier(ruled.tier, request, routing.featureTiers, context.feedback?.(profile.type)) : { tier: ruled.tier };
  const { tier } = fed;
  if (fed.reason !== undefined) reasons.push(fed.reason);
  reasons.push(...exclusionReasons(set));

  const ranked = [...priced].sort(preferenceFor(tier));
  const cheapest = pinned ?? ranked[0];
  if (cheapest === undefined) throw new NoRouteError('No model can take this request.', noRouteReasons(set, profile));
  if (pinned === undefined) reasons.push(choiceReason(cheapest, ranked, tier));
  const { chosen, cache } = stickToWarmCache(request, context, { cheapest, priced, tier, pinned: pinned !== undefined, inputTokens }, reasons);

  const chain = buildChain(chosen, ranked);
  if (chain.length > 1) {
    reasons.push(`Fallbacks: ${chain.slice(1).map((entry) => refText(entry.estimate.ref)).join(', ')} (other providers first).`);
  }
  return {
    chosen: chain[0]?.estimate.ref ?? chosen.estimate.ref,
    chain: chain.map((entry) => entry.estimate.ref),
    task: {
      type: profile.type,
      ...(profile.probability === undefined ? {} : { probability: profile.probability }),
      complexity: profile.complexity,
      needs: profile.needs,
    },
    tier: {
      needed: tier,
      ...(profile.tierProbabilities === undefined ? {} : { probabilities: profile.tierProbabilities }),
      ...(learned === undefined ? {} : { dial: learned.dial }),
    },
    evidence: profile.evidence,
    reasons,
    estimates: chain.map((entry) => entry.estimate),
    ...(fed.feedback === undefined ? {} : { feedback: fed.feedback }),
    ...(rule === undefined ? {} : { rule: rule.name }),
    ...(cache === undefined ? {} : { cache }),
    ...(rule?.eval === undefined || pinned === undefined ? {} : { ruleEval: rule.eval }),
    profile,
  };
}

/**
 * The tier set by the first matching rule (and the model, when the rule pins a usable one), else the policy's
 * tier; says why in `reasons`.
 */
function tierFromRule(
  rule: RoutingRule | undefined,
  policy: TierDecision,
  priced: readonly PricedModel[],
  set: CandidateSet,
  context: RoutingContext,
  reasons: string[],
): { tier: ModelTier; pinned: PricedModel | undefined } {
  let tier: ModelTier = policy.tier;
  let pinned: PricedModel | undefined;
  if (rule === undefined) {
    reasons.push(policy.reason);
  } else if ('tier' in rule.use) {
    tier = rule.use.tier;
    reasons.push(`Tier ${tier}: set by ${describeRule(rule)}, which matched ${describeConditions(rule)}.`);
  } else {
    const ref = rule.use.model;
    pinned = priced.find((entry) => entry.model.provider === ref.provider && entry.model.id === ref.model);
    const matched = `${describeRule(rule)} matched ${describeConditions(rule)}`;
    if (pinned !== undefined) {
      tier = pinned.model.tier;
      const byEval = rule.eval === undefined ? '' : ` (${evalChoiceText(rule.eval)})`;
      reasons.push(`Chose ${refText(ref)}: ${matched}${byEval}. Fallbacks start at its tier, ${tier}.`);
    } else {
      const info = context.catalog.get(ref);
      if (info === undefined) {
        reasons.push(`${matched}, but ${refText(ref)} is not in the model catalog (add it with quorum.models), so the rule is ignored.`);
        reasons.push(policy.reason);
      } else {
        tier = info.tier;
        reasons.push(`${matched}, but ${refText(ref)} cannot be used (${unusable(set, ref)}), so the cheapest capable model at its tier, ${tier}, or above is used instead.`);
      }
    }
  }
  return { tier, pinned };
}

/**
 * Output tokens to price: the request's budget, else the part of the profile's required context beyond the
 * prompt (the classifier's own output budget), else `DEFAULT_OUTPUT_TOKENS`.
 */
function outputBudget(request: RouteRequest, profile: TaskProfile): number {
  if (request.maxOutputTokens !== undefined) return request.maxOutputTokens;
  const fromProfile = profile.features.requiredContextTokens - profile.features.promptTokens;
  return fromProfile > 0 ? fromProfile : DEFAULT_OUTPUT_TOKENS;
}

/**
 * Preference for a tier: models at or above it first, cheapest first; then those below it, best tier first
 * (a weaker model is a last resort, and among last resorts the strongest is the least bad).
 */
function preferenceFor(tier: ModelTier): (a: PricedModel, b: PricedModel) => number {
  const wanted = tierRank(tier);
  return (a, b) => {
    const rankA = tierRank(a.model.tier);
    const rankB = tierRank(b.model.tier);
    const enoughA = rankA >= wanted;
    const enoughB = rankB >= wanted;
    if (enoughA !== enoughB) return enoughA ? -1 : 1;
    if (!enoughA && rankA !== rankB) return rankB - rankA;
    return compareByCost(a, b);
  };
}

/** Chosen first; then each other provider's preferred model, in preference order; then everything else. */
function buildChain(chosen: PricedModel, ranked: readonly PricedModel[]): PricedModel[] {
  const chain = [chosen];
  const seenProviders = new Set([chosen.model.provider]);
  const rest: PricedModel[] = [];
  for (const entry of ranked) {
    if (entry === chosen) continue;
    if (seenProviders.has(entry.model.provider)) {
      rest.push(entry);
    } else {
      seenProviders.add(entry.model.provider);
      chain.push(entry);
    }
  }
  return [...chain, ...rest].slice(0, MAX_CHAIN_LENGTH);
}

/** Why the first-ranked model won: cheapest at the tier, or the best of what is left below it. */
function choiceReason(chosen: PricedModel, ranked: readonly PricedModel[], tier: ModelTier): string {
  const ref = refText(chosen.estimate.ref);
  const cost = chosen.estimate.costUsd;
  if (tierRank(chosen.model.tier) < tierRank(tier)) {
    return `Chose ${ref} (${chosen.model.tier}, ${formatUsd(cost, { estimate: true })}): no capable model at ${tier} or above is available, so the best one below it is used.`;
  }
  const runnerUp = ranked.find((entry) => entry !== chosen && tierRank(entry.model.tier) >= tierRank(tier));
  if (cost === undefined) {
    return `Chose ${ref}: no capable model at ${tier} or above has a known price, so the lowest tier and then the name decide (prices can be set in quorum.models).`;
  }
  if (runnerUp === undefined) return `Chose ${ref}: the only capable model at ${tier} or above, ${formatUsd(cost, { estimate: true })}`;
  const other = runnerUp.estimate.costUsd;
  const runnerUpRef = refText(runnerUp.estimate.ref);
  const comparison =
    other === undefined ? `${runnerUpRef} has no known price`
    : other === cost ? `${formatUsd(other)} for ${runnerUpRef}, a tie broken by tier and then name`
    : `${formatUsd(other)} for ${runnerUpRef}`;
  return `Chose ${ref}: cheapest capable model at ${tier} or above, ${formatUsd(cost, { estimate: true })} vs ${comparison}.`;
}

/**
 * A follow-up stays on the model holding the conversation's warm prompt cache when that is cheaper overall
 * (`cacheStickiness`); its first reason then says what happened to the cache. A rule's pin keeps its own first line.
 */
function stickToWarmCache(
  request: RouteRequest, context: RoutingContext,
  choice: { cheapest: PricedModel; priced: readonly PricedModel[]; tier: ModelTier; pinned: boolean; inputTokens: number },
  reasons: string[],
): { chosen: PricedModel; cache: CacheStickiness | undefined } {
  const cache = cacheStickiness({
    conversation: request.conversation, now: context.now?.() ?? Date.now(), chosen: choice.cheapest, candidates: choice.priced,
    tier: choice.tier, pinned: choice.pinned, messages: request.messages, promptTokens: choice.inputTokens,
  });
  if (cache === undefined) return { chosen: choice.cheapest, cache };
  if (cache.verdict === 'pinned' || cache.verdict === 'unknownPrice') reasons.push(cache.note);
  else reasons.unshift(cache.note);
  const held = cache.verdict === 'stay' ? choice.priced.find((entry) => sameRef(entry.estimate.ref, cache.model)) : undefined;
  return { chosen: held ?? choice.cheapest, cache };
}

function sameRef(a: ModelRef, b: ModelRef): boolean {
  return a.provider === b.provider && a.model === b.model;
}

function unusable(set: CandidateSet, ref: ModelRef): string {
  const exclusion = set.exclusions.find((entry) => entry.model.provider === ref.provider && entry.model.id === ref.model);
  return exclusion?.reason ?? 'disabled in quorum.models';
}
