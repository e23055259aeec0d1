import type { AnswerState } from '../core/ask/answerState';
import type { ModelCatalog } from '../core/catalog/modelCatalog';
import type { RoutingSettings } from '../core/config/routingSchema';
import { feedbackDirection, type FeedbackSignal, type TaskFeedback } from '../core/routing/feedback';
import { feedbackTier } from '../core/routing/feedbackTier';
import { tierRank } from '../core/routing/estimate';
import type { VoteResult } from '../core/ensemble/vote/voting';
import { policyTier } from '../core/routing/policy';
import type { TaskProfile, TaskType } from '../core/routing/taskProfile';
import type { ModelRef } from '../core/types';

/** A signal before the store stamps its time. */
export type FeedbackDraft = Omit<FeedbackSignal, 'ts'>;

/**
 * "Ask Again With" a model of another tier than the one the router chose for the previous answer: a stronger
 * one says the route was too weak, a weaker one that it was stronger than needed. Nothing when the previous
 * answer was itself pinned (the router did not choose it), or the tiers are equal (a change of vendor, not of
 * tier) or unknown.
 */
export function askAgainSignal(previous: AnswerState | undefined, picked: ModelRef, catalog: ModelCatalog | undefined): FeedbackDraft | undefined {
  const decision = previous?.decision;
  if (decision === undefined || previous?.pinned !== undefined) return undefined;
  const pickedTier = catalog?.get(picked)?.tier;
  const routedTier = catalog?.get(decision.chosen)?.tier ?? decision.tier.needed;
  if (pickedTier === undefined) return undefined;
  const direction = feedbackDirection(pickedTier, routedTier);
  return direction === 'keep' ? undefined : { task: decision.task.type, kind: 'askAgain', direction };
}

/** 👎 on a routed answer: too weak; 👍: the tier was right. Nothing for a pinned or unfinished answer. */
export function ratingSignal(state: AnswerState, rating: 'up' | 'down'): FeedbackDraft | undefined {
  if (state.decision === undefined || state.pinned !== undefined || state.phase !== 'done') return undefined;
  return { task: state.decision.task.type, kind: 'thumbs', direction: rating === 'down' ? 'raise' : 'keep' };
}

export interface PreferenceContext {
  readonly catalog: ModelCatalog;
  readonly featureTiers: RoutingSettings['featureTiers'];
  /** The workspace's current offset, so a preference is weighed against the route Ask would take today. */
  readonly feedback: (task: TaskType) => TaskFeedback | undefined;
}

/**
 * Compare's picked winner or a Vote's winners: the tier of the weakest winning model (the cheapest class that
 * gave the preferred answer) against the tier Ask would route this task to now (policy, then current feedback).
 * Nothing when no winner's tier is known.
 */
export function preferenceSignal(
  kind: 'comparePick' | 'voteWinner', profile: Pick<TaskProfile, 'type' | 'complexity'>, winners: readonly ModelRef[], context: PreferenceContext,
): FeedbackDraft | undefined {
  const tiers = winners.flatMap((ref) => context.catalog.get(ref)?.tier ?? []);
  const winnerTier = tiers.sort((a, b) => tierRank(a) - tierRank(b))[0];
  if (winnerTier === undefined) return undefined;
  const policy = policyTier(profile, 'ask', context.featureTiers);
  const routed = feedbackTier(policy.tier, { feature: 'ask' }, context.featureTiers, context.feedback(profile.type)).tier;
  return { task: profile.type, kind, direction: feedbackDirection(winnerTier, routed) };
}

/** The models whose answers formed a vote's winning cluster (valid ballots only). */
export function voteWinners(result: Pick<VoteResult, 'answers' | 'winner'>): ModelRef[] {
  if (result.winner === undefined) return [];
  return result.answers.filter((a) => a.valid && a.cluster === result.winner?.index).map((a) => a.ref);
}
