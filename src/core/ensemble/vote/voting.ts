import type { ModelRef } from '../../types';
import { type Ballot } from './ballot';
import {
  ballotKey, bySize, byWeight, clusterBallots, rankClusters, tieBreakReason, type Cluster, type ClusterMeasure,
} from './clusters';
import { judgeCandidates, type JudgeVerdict } from './judge';
import { sumCosts, type VoteCost } from './voteCost';

/**
 * The three tallies over ballots (pure; `voteRun.ts` drives the calls). Every strategy clusters the valid
 * answers with `normaliseAnswer` and differs only in how clusters are ranked:
 * - majority: most members;
 * - confidence: highest summed confidence (then most members);
 * - judge: most judges' picks (then most members); with no valid verdict it falls back to majority.
 * Equal clusters are ordered by the tie-break of `clusters.ts` (earliest finish, then model id).
 * Failed, stopped and invalid ballots are listed but do not vote; the vote completes with the rest.
 */

export type VoteStrategy = 'majority' | 'confidence' | 'judge';

/** A cluster as the result shows it: `index` 0 is the winner, 1 the runner-up… (shown 1-based). */
export interface RankedCluster extends Cluster {
  readonly index: number;
  /** Judges' picks for it (judge strategy only). */
  readonly picks?: number;
}

/** A ballot with its place in the result. */
export interface VotedAnswer extends Ballot {
  /** True when the ballot voted (valid outcome and a non-empty normalised answer). */
  readonly valid: boolean;
  /** `index` of the ranked cluster it voted with (0 = the winner's). */
  readonly cluster?: number;
  /** The key it was compared by (`normaliseAnswer`); valid answers only. */
  readonly normalised?: string;
}

export interface VoteResult {
  readonly strategy: VoteStrategy;
  /** Every ballot, in the order given. */
  readonly answers: readonly VotedAnswer[];
  /** Best first; `clusters[0]` is the winner when there is one. */
  readonly clusters: readonly RankedCluster[];
  readonly winner?: RankedCluster;
  /** One or two sentences for the panel: who won, by how much, how ties and failures went. */
  readonly why: string;
  /** Agreement: winner's members / valid votes, 0..1 (×100 for %); `undefined` with no valid vote. */
  readonly agreement?: number;
  readonly validVotes: number;
  /** Judge strategy: every judge's verdict. */
  readonly judges?: readonly JudgeVerdict[];
  /** Judge strategy: the first judge (in panel order) that picked the winner and gave a rationale. */
  readonly winnerRationale?: { readonly ref: ModelRef; readonly rationale: string };
  /** Answers, re-asks and judges together. */
  readonly cost: VoteCost;
  /** Wall time of the whole vote, ms. */
  readonly totalMs: number;
}

/** Largest cluster wins. */
export function majorityVote(ballots: readonly Ballot[], totalMs: number): VoteResult {
  const ranked = rankClusters(clusterBallots(ballots), bySize);
  return assemble('majority', ballots, ranked, bySize, totalMs, []);
}

/** Highest summed confidence wins. A valid ballot without a confidence does not vote here. */
export function confidenceVote(ballots: readonly Ballot[], totalMs: number): VoteResult {
  const usable = ballots.map((b): Ballot => (b.outcome === 'valid' && b.confidence === undefined ? { ...b, outcome: 'invalid', problem: 'no confidence given' } : b));
  const ranked = rankClusters(clusterBallots(usable), byWeight);
  return assemble('confidence', usable, ranked, byWeight, totalMs, []);
}

/**
 * The candidate most judges picked wins (one judge, or a panel). Candidates are `judgeCandidates(ballots)`,
 * the same labels the judges were shown. With no valid verdict the answers' majority decides, and `why` says so.
 */
export function judgeVote(ballots: readonly Ballot[], verdicts: readonly JudgeVerdict[], totalMs: number): VoteResult {
  const candidates = judgeCandidates(ballots);
  const picks = new Map<string, number>();
  for (const verdict of verdicts) {
    const key = candidates.find((c) => c.label === verdict.label)?.key;
    if (verdict.outcome === 'valid' && key !== undefined) picks.set(key, (picks.get(key) ?? 0) + 1);
  }
  const clusters = clusterBallots(ballots);
  if (picks.size === 0) {
    const ranked = rankClusters(clusters, bySize);
    return assemble('judge', ballots, ranked, bySize, totalMs, verdicts, judgeFallbackNote(verdicts, clusters.length));
  }
  const byPicks: ClusterMeasure = (a, b) => (picks.get(b.key) ?? 0) - (picks.get(a.key) ?? 0) || bySize(a, b);
  const ranked = rankClusters(clusters, byPicks).map((c) => ({ ...c, picks: picks.get(c.key) ?? 0 }));
  return assemble('judge', ballots, ranked, byPicks, totalMs, verdicts, judgeNote(ranked[0], verdicts, candidates));
}

function assemble(
  strategy: VoteStrategy,
  ballots: readonly Ballot[],
  ranked: readonly Cluster[],
  measure: ClusterMeasure,
  totalMs: number,
  verdicts: readonly JudgeVerdict[],
  lead?: string,
): VoteResult {
  const clusters: RankedCluster[] = ranked.map((c, index) => ({ ...c, index }));
  const indexOf = new Map(clusters.map((c) => [c.key, c.index]));
  const answers: VotedAnswer[] = ballots.map((b) => {
    const key = ballotKey(b);
    const cluster = indexOf.get(key);
    if (cluster !== undefined) return { ...b, valid: true, cluster, normalised: key };
    return b.outcome === 'valid' ? { ...b, valid: false, outcome: 'invalid', problem: b.problem ?? 'empty answer' } : { ...b, valid: false };
  });
  const validVotes = answers.filter((a) => a.valid).length;
  const winner = clusters[0];
  const cost = sumCosts([...ballots.map((b) => b.costUsd), ...verdicts.map((v) => v.costUsd)]);
  const base = { strategy, answers, clusters, validVotes, cost, totalMs, ...(strategy === 'judge' ? { judges: verdicts } : {}) };
  if (winner === undefined) return { ...base, why: join(lead, `No model gave a valid answer.${lostNote(answers)}`) };
  const agreement = winner.members.length / validVotes;
  const parts = [lead, `${agreementText(winner, validVotes, agreement)}${measureNote(strategy, clusters)}`];
  const tie = tieBreakReason(winner, clusters[1], measure);
  const rationale = winnerRationale(winner, verdicts, ballots);
  return { ...base, winner, agreement, ...(rationale === undefined ? {} : { winnerRationale: rationale }), why: `${join(...parts)}${tie === undefined ? '' : ` ${capitalise(tie)}.`}${lostNote(answers)}` };
}

function agreementText(winner: Cluster, validVotes: number, agreement: number): string {
  const n = winner.members.length;
  if (n === validVotes) return validVotes === 1 ? 'Only one valid answer.' : `All ${validVotes} valid answers agree.`;
  return `${n} of ${validVotes} valid answers agree (${Math.round(agreement * 100)}%).`;
}

function winnerRationale(winner: Cluster, verdicts: readonly JudgeVerdict[], ballots: readonly Ballot[]): VoteResult['winnerRationale'] {
  const label = judgeCandidates(ballots).find((c) => c.key === winner.key)?.label;
  const verdict = verdicts.find((v) => v.outcome === 'valid' && v.label === label && v.rationale !== undefined);
  return verdict?.rationale === undefined ? undefined : { ref: verdict.ref, rationale: verdict.rationale };
}

function measureNote(strategy: VoteStrategy, clusters: readonly RankedCluster[]): string {
  if (strategy !== 'confidence' || clusters.length === 0) return '';
  const weights = clusters.slice(0, 2).map((c) => c.weight.toFixed(2));
  return clusters.length === 1 ? ` Total confidence ${weights[0]}.` : ` Total confidence ${weights[0]} against ${weights[1]}.`;
}

function judgeNote(winner: (Cluster & { readonly picks?: number }) | undefined, verdicts: readonly JudgeVerdict[], candidates: ReturnType<typeof judgeCandidates>): string {
  const label = candidates.find((c) => c.key === winner?.key)?.label ?? '?';
  const valid = verdicts.filter((v) => v.outcome === 'valid');
  const rationale = valid.find((v) => v.label === label)?.rationale;
  const head = verdicts.length === 1 && valid[0] !== undefined
    ? `Judge ${valid[0].ref.provider}/${valid[0].ref.model} picked ${label}`
    : `${winner?.picks ?? 0} of ${verdicts.length} judges picked ${label}`;
  return rationale === undefined ? `${head}.` : `${head}: ${rationale}`;
}

function judgeFallbackNote(verdicts: readonly JudgeVerdict[], clusterCount: number): string {
  if (verdicts.length === 0) return clusterCount <= 1 ? 'No judge was needed.' : 'No judge ran; the majority decided.';
  return 'No judge gave a valid verdict; the majority decided.';
}

/** " 1 failed, 1 stopped, 1 invalid." for the ballots that did not vote. */
function lostNote(answers: readonly VotedAnswer[]): string {
  const counts = (['failed', 'stopped', 'invalid'] as const)
    .map((outcome) => [outcome, answers.filter((a) => !a.valid && a.outcome === outcome).length] as const)
    .filter(([, n]) => n > 0)
    .map(([outcome, n]) => `${n} ${outcome}`);
  return counts.length === 0 ? '' : ` Not counted: ${counts.join(', ')}.`;
}

function join(...parts: readonly (string | undefined)[]): string {
  return parts.filter((p): p is string => p !== undefined && p !== '').join(' ');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
