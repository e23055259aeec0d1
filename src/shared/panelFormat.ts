/**
 * Text for the Quorum panel. Kept apart from the DOM code so the wording rules — above all "an unknown
 * cost never reads as $0" — are unit-tested. No `vscode`, no DOM here.
 */
import type { ColumnStatus } from './panelFields';
import type { VoteMemberStatus, VoteResult } from './voteProtocol';
import { MAX_COMPARE_MODELS, MIN_COMPARE_MODELS } from './panelProtocol';
import { MAX_VOTE_MODELS, MIN_VOTE_MODELS } from './voteProtocol';
import { formatCount, formatUsd, plural } from './format';
import { formatPercent } from './spendFormat';

const PLACEHOLDER = '—';

export const STATUS_TEXT: Readonly<Record<VoteMemberStatus, string>> = {
  waiting: 'Waiting…',
  streaming: 'Streaming…',
  done: 'Done',
  stopped: 'Stopped',
  failed: 'Failed',
  invalid: 'Invalid',
};

/** A status that may still change: the column or member has not settled. */
export function isActive(status: ColumnStatus | VoteMemberStatus): boolean {
  return status === 'waiting' || status === 'streaming';
}

/** `850 ms` below ten seconds, `12.3 s` from there; `—` when not (yet) known. */
export function durationText(ms: number | undefined): string {
  if (ms === undefined) return PLACEHOLDER;
  if (ms < 10_000) return `${formatCount(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** `1,234 in / 56 out`; an unknown side reads `?`, both unknown `—`. */
export function tokensText(inputTokens: number | undefined, outputTokens: number | undefined): string {
  if (inputTokens === undefined && outputTokens === undefined) return PLACEHOLDER;
  const side = (n: number | undefined) => (n === undefined ? '?' : formatCount(n));
  return `${side(inputTokens)} in / ${side(outputTokens)} out`;
}

/** Why the Run button is disabled, or `undefined` when the selection can run. */
export function selectionProblem(count: number, kind: 'compare' | 'vote'): string | undefined {
  const [min, max] = kind === 'compare' ? [MIN_COMPARE_MODELS, MAX_COMPARE_MODELS] : [MIN_VOTE_MODELS, MAX_VOTE_MODELS];
  if (count < min) return `Choose ${min}–${max} models (${count} chosen).`;
  if (count > max) return `Choose at most ${max} models (${count} chosen).`;
  return undefined;
}

/** The vote's estimate before it runs: `$0.0123`, `$0.0123 + 2 unpriced models`, or `unknown`. */
export function estimateText(estimateUsd: number | undefined, unpricedModels = 0): string {
  if (estimateUsd === undefined) return 'unknown';
  if (unpricedModels === 0) return formatUsd(estimateUsd);
  return `${formatUsd(estimateUsd)} + ${plural(unpricedModels, 'unpriced model')}`;
}

/** The vote's actual cost, judge included: a lower bound when some calls had no price, `unknown` when none had. */
export function voteCostText(result: Pick<VoteResult, 'totalCostUsd' | 'unpricedCalls'>): string {
  if (result.totalCostUsd === undefined) return 'unknown';
  if (result.unpricedCalls === 0) return formatUsd(result.totalCostUsd);
  return `${formatUsd(result.totalCostUsd)} + ${plural(result.unpricedCalls, 'call')} of unknown cost`;
}

/** Clusters are 0-based in the protocol and 1-based on screen. */
export function clusterText(cluster: number | undefined): string {
  return cluster === undefined ? PLACEHOLDER : `Cluster ${cluster + 1}`;
}

export function fractionText(fraction: number | undefined): string {
  return fraction === undefined ? PLACEHOLDER : formatPercent(fraction);
}
