import { MODEL_TIERS, type ModelTier } from '../catalog/modelInfo';
import type { RoutingSettings, UserFeature } from '../config/routingSchema';
import { tierRank } from './estimate';
import type { TaskFeedback } from './feedback';
import { DEFAULT_FEATURE_TIERS, FIXED_TIER_FEATURES } from './policy';
import type { RouteFeedback } from './routeDecision';
import type { RouteRequest } from './taskProfile';

/** The tier after the workspace's feedback, what moved it (absent when nothing did), and why in one sentence. */
export interface FeedbackTier {
  readonly tier: ModelTier;
  readonly feedback?: RouteFeedback;
  readonly reason?: string;
}

/**
 * Moves the needed tier by the workspace's feedback offset for the task (±1 at most), clamped to the tiers
 * that exist and never below the feature's minimum or the request's own floor (a judge stays ≥ standard).
 * Fixed-tier features (Quorum's own housekeeping calls) are never moved. Called by the router once the tier
 * is decided and no user rule decided it — an explicit rule outranks learned habits.
 */
export function feedbackTier(
  tier: ModelTier,
  request: Pick<RouteRequest, 'feature' | 'minimumTier'>,
  featureTiers: RoutingSettings['featureTiers'],
  feedback: TaskFeedback | undefined,
): FeedbackTier {
  if (feedback === undefined || feedback.offset === 0 || FIXED_TIER_FEATURES.has(request.feature)) return { tier };
  const featureFloor = featureTiers[request.feature as UserFeature] ?? DEFAULT_FEATURE_TIERS[request.feature];
  const floor = Math.max(tierRank(featureFloor), request.minimumTier === undefined ? 0 : tierRank(request.minimumTier.tier));
  const step = Math.sign(feedback.offset);
  const rank = Math.min(MODEL_TIERS.length - 1, Math.max(floor, tierRank(tier) + step));
  const to = MODEL_TIERS[rank] ?? tier;
  if (to === tier) return { tier };
  const note = `${feedback.note} to ${to} here`;
  return {
    tier: to,
    feedback: { offset: rank - tierRank(tier), from: tier, to, note },
    reason: `Tier ${to} (from ${tier}): ${note}. 'Quorum: Reset Routing Feedback' forgets them.`,
  };
}
