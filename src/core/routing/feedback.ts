import type { ModelTier } from '../catalog/modelInfo';
import { tierRank } from './estimate';
import { TASK_LABELS } from './policy';
import { TASK_TYPES, type TaskType } from './taskProfile';

/**
 * What the user did that says something about the tier a route needed, kept per workspace:
 * - `askAgain`: Ask Again With a model of another tier than the route chose;
 * - `comparePick`, `voteWinner`: the answer preferred, from a model above, at or below the tier routing would pick;
 * - `thumbs`: 👎 on a routed answer (too weak) or 👍 (the tier was right).
 */
export type FeedbackKind = 'askAgain' | 'comparePick' | 'voteWinner' | 'thumbs';

/** `raise`: the route was too weak; `lower`: stronger than needed; `keep`: it was right. */
export type FeedbackDirection = 'raise' | 'lower' | 'keep';

export interface FeedbackSignal {
  /** When it happened, in ms since the epoch. */
  readonly ts: number;
  readonly task: TaskType;
  readonly kind: FeedbackKind;
  readonly direction: FeedbackDirection;
}

/** A task's tier offset from feedback, and the sentence the decision card shows. */
export interface TaskFeedback {
  /** −1, 0 or +1 tiers. */
  readonly offset: number;
  readonly note: string;
}

/** Signals lose half their weight in this long, in ms (30 days): old habits should not steer new routes for ever. */
export const FEEDBACK_HALF_LIFE_MS = 30 * 24 * 60 * 60 * 1000;
/** At least this many signals in the winning direction before anything moves: one click is not a pattern. */
export const MIN_CONSISTENT_SIGNALS = 2;
/**
 * The decayed net weight (raises − lowers − half the confirmations) a direction needs: two fresh, unopposed
 * signals pass; two raises and one lower, or two month-old raises, do not.
 */
export const NET_WEIGHT_THRESHOLD = 1.5;
/** A 👍 confirms the tier; it counts half against either direction. */
const KEEP_WEIGHT = 0.5;

/**
 * The direction a preference points: the tier of the model the user preferred against the tier the route chose
 * (or would choose). Equal tiers confirm the route.
 */
export function feedbackDirection(preferred: ModelTier, routed: ModelTier): FeedbackDirection {
  const delta = tierRank(preferred) - tierRank(routed);
  return delta > 0 ? 'raise' : delta < 0 ? 'lower' : 'keep';
}

/**
 * Per-task tier offsets from the workspace's signals at `now` (ms): each signal weighs 0.5^(age / half-life);
 * a task moves one tier up (down) when at least `MIN_CONSISTENT_SIGNALS` raises (lowers) outweigh the rest by
 * `NET_WEIGHT_THRESHOLD`. Bounded to ±1 tier. Tasks without an offset are absent.
 */
export function feedbackOffsets(signals: readonly FeedbackSignal[], now: number): ReadonlyMap<TaskType, TaskFeedback> {
  const offsets = new Map<TaskType, TaskFeedback>();
  for (const task of TASK_TYPES) {
    const mine = signals.filter((s) => s.task === task);
    if (mine.length === 0) continue;
    const weight = { raise: 0, lower: 0, keep: 0 };
    const count = { raise: 0, lower: 0, keep: 0 };
    for (const signal of mine) {
      weight[signal.direction] += 0.5 ** (Math.max(0, now - signal.ts) / FEEDBACK_HALF_LIFE_MS);
      count[signal.direction]++;
    }
    const against = KEEP_WEIGHT * weight.keep;
    if (weight.raise - weight.lower - against >= NET_WEIGHT_THRESHOLD && count.raise >= MIN_CONSISTENT_SIGNALS) {
      offsets.set(task, { offset: 1, note: `${count.raise} of your overrides raised ${TASK_LABELS[task]}` });
    } else if (weight.lower - weight.raise - against >= NET_WEIGHT_THRESHOLD && count.lower >= MIN_CONSISTENT_SIGNALS) {
      offsets.set(task, { offset: -1, note: `${count.lower} of your overrides lowered ${TASK_LABELS[task]}` });
    }
  }
  return offsets;
}
