import type { QualityDial } from './learnedModel';
import { routerModel } from './learnedClassify';
import { FIXED_TIER_FEATURES } from './policy';
import type { TierDecision } from './policy';
import { chooseTier, type TierChoice, type TierFeedback } from './tierChoice';
import { percentText } from './routeReasons';
import type { RoutingFeature, TaskProfile, TaskType } from './taskProfile';

/** The dial position when `quorum.routing.quality` is not set. */
export const DEFAULT_QUALITY_DIAL: QualityDial = 'balanced';

/** The learned tier choice and the sentence the policy reports for it. */
export interface LearnedTier {
  readonly choice: TierChoice;
  readonly dial: QualityDial;
  readonly decision: TierDecision;
}


/**
 * The tier from the learned router's calibrated probabilities and the dial, with the user's feedback offset
 * for this task applied after calibration. `undefined` when the profile has no probabilities (heuristic or
 * LLM-classified profiles keep the policy table) or the feature's tier is fixed.
 * @param thresholds per-dial risk thresholds; the shipped model's by default.
 */
export function learnedTier(
  profile: Pick<TaskProfile, 'type' | 'source' | 'tierProbabilities'>,
  feature: RoutingFeature,
  dial: QualityDial = DEFAULT_QUALITY_DIAL,
  feedback?: (task: TaskType) => TierFeedback | undefined,
  thresholds: Readonly<Record<QualityDial, number>> = routerModel().thresholds,
): LearnedTier | undefined {
  const probabilities = profile.tierProbabilities;
  if (profile.source !== 'learned' || probabilities === undefined || FIXED_TIER_FEATURES.has(feature)) return undefined;
  const threshold = thresholds[dial];
  const choice = chooseTier(probabilities, dial, threshold, feedback?.(profile.type));
  const [budget, standard, premium] = probabilities;
  const reason = `Tier ${choice.needed}: the learned router puts budget ${percentText(budget)}, standard ${percentText(standard)}, premium ${percentText(premium)}; the ${dial} dial (quorum.routing.quality) takes the cheapest tier with under ${percentText(threshold)} chance of a too-weak answer.`;
  return { choice, dial, decision: { tier: choice.needed, reason } };
}
