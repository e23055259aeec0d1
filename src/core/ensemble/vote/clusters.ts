import { modelName, type Ballot } from './ballot';
import { normaliseAnswer } from './normalise';

/**
 * Groups valid ballots whose answers normalise to the same key, and ranks the groups. The one tie-break,
 * used by every strategy once its own measure (size, confidence, judges' picks) is equal:
 *   1. the cluster whose earliest member finished first (a cluster with no known finish time ranks after);
 *   2. then the cluster containing the lowest `provider/model` id (string order) — always decides.
 * So the same ballots always produce the same winner.
 */

export interface Cluster {
  /** The normalised key (see `normaliseAnswer`). */
  readonly key: string;
  /** The answer of the cluster's first member, in ballot order: what the panel shows as its text. */
  readonly answer: string;
  /** Ballot ids, in ballot order. */
  readonly members: readonly string[];
  /** Sum of the members' confidences (0..members); 0 when none gave one. */
  readonly weight: number;
  /** Earliest member finish, ms after the vote started; `undefined` when no member's is known. */
  readonly firstFinishMs?: number;
  /** The lowest `provider/model` among the members. */
  readonly lowestModel: string;
}

/** The normalised key a ballot votes with; `''` when it has no usable answer. */
export function ballotKey(ballot: Ballot): string {
  return ballot.outcome === 'valid' && ballot.answer !== undefined ? normaliseAnswer(ballot.answer) : '';
}

/** Clusters of the ballots that can vote (valid, non-empty key), in order of first appearance. */
export function clusterBallots(ballots: readonly Ballot[]): Cluster[] {
  const byKey = new Map<string, { answer: string; members: string[]; weight: number; firstFinishMs?: number; lowestModel: string }>();
  for (const ballot of ballots) {
    const key = ballotKey(ballot);
    if (key === '') continue;
    const name = modelName(ballot.ref);
    const finish = ballot.finishedAfterMs;
    const cluster = byKey.get(key);
    if (cluster === undefined) {
      byKey.set(key, { answer: ballot.answer ?? '', members: [ballot.id], weight: ballot.confidence ?? 0, lowestModel: name, ...(finish === undefined ? {} : { firstFinishMs: finish }) });
      continue;
    }
    cluster.members.push(ballot.id);
    cluster.weight += ballot.confidence ?? 0;
    if (name < cluster.lowestModel) cluster.lowestModel = name;
    if (finish !== undefined && (cluster.firstFinishMs === undefined || finish < cluster.firstFinishMs)) cluster.firstFinishMs = finish;
  }
  return [...byKey.entries()].map(([key, c]) => ({ key, ...c }));
}

/** The strategy's own measure, biggest first; 0 = equal (then the tie-break decides). */
export type ClusterMeasure = (a: Cluster, b: Cluster) => number;

/** Majority: more members first. */
export const bySize: ClusterMeasure = (a, b) => b.members.length - a.members.length;

/**
 * Confidence: more total confidence first, then more members. Weights are compared to 1e-9 so that sums
 * such as 0.1 + 0.2 and 0.3 count as equal.
 */
export const byWeight: ClusterMeasure = (a, b) => Math.round((b.weight - a.weight) * 1e9) || bySize(a, b);

/** The documented tie-break (see the module comment). */
export function tieBreak(a: Cluster, b: Cluster): number {
  const fa = a.firstFinishMs;
  const fb = b.firstFinishMs;
  if (fa !== fb) {
    if (fa === undefined) return 1;
    if (fb === undefined) return -1;
    return fa - fb;
  }
  return a.lowestModel < b.lowestModel ? -1 : a.lowestModel > b.lowestModel ? 1 : 0;
}

/** Clusters best first: by `measure`, then by the tie-break. */
export function rankClusters(clusters: readonly Cluster[], measure: ClusterMeasure): Cluster[] {
  return [...clusters].sort((a, b) => measure(a, b) || tieBreak(a, b));
}

/**
 * Why the winner beat the runner-up when they were equal on the strategy's measure, e.g. "tie broken: its
 * first answer finished first (120 ms vs 340 ms)"; `undefined` when the measure alone decided.
 */
export function tieBreakReason(winner: Cluster, runnerUp: Cluster | undefined, measure: ClusterMeasure): string | undefined {
  if (runnerUp === undefined || measure(winner, runnerUp) !== 0) return undefined;
  if (winner.firstFinishMs !== runnerUp.firstFinishMs) {
    const other = runnerUp.firstFinishMs === undefined ? 'an unknown time' : `${Math.round(runnerUp.firstFinishMs)} ms`;
    return `tie broken: its first answer finished first (${Math.round(winner.firstFinishMs ?? 0)} ms vs ${other})`;
  }
  return `tie broken by model id (${winner.lowestModel} before ${runnerUp.lowestModel})`;
}
