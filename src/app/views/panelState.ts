import type { ModelRef } from '../../core/types';
import type { CompareColumnInfo } from '../../shared/panelProtocol';
import type { VoteMember, VoteResult as PanelVoteResult } from '../../shared/voteProtocol';
import { modelName } from '../../core/ensemble/vote/ballot';
import type { ColumnSummary } from '../../core/ensemble/compare/columnSummary';
import type { VoteResult } from '../../core/ensemble/vote/voting';

/** How a model is labelled in the panel: the catalog's display name when known. */
export type LabelOf = (ref: ModelRef) => string;

/** A fan-out column as the panel shows it (its text travels separately, as deltas). */
export function columnInfo(summary: ColumnSummary, label: LabelOf): CompareColumnInfo {
  const status = summary.status === 'streaming' ? (summary.ttftMs === undefined ? 'waiting' : 'streaming') : summary.status;
  const error = summary.error === undefined
    ? undefined
    : `${summary.error.message}${summary.error.status !== undefined && !summary.error.message.includes(String(summary.error.status)) ? ` (${summary.error.status})` : ''}`;
  return {
    id: summary.id,
    ref: modelName(summary.ref),
    label: label(summary.ref),
    provider: summary.ref.provider,
    status,
    ...(summary.ttftMs !== undefined ? { ttftMs: Math.round(summary.ttftMs) } : {}),
    ...(summary.totalMs !== undefined ? { totalMs: Math.round(summary.totalMs) } : {}),
    ...(summary.usage?.inputTokens !== undefined ? { inputTokens: summary.usage.inputTokens } : {}),
    ...(summary.usage?.outputTokens !== undefined ? { outputTokens: summary.usage.outputTokens } : {}),
    ...(summary.costUsd !== undefined ? { costUsd: summary.costUsd } : {}),
    ...(summary.finishReason !== undefined ? { finishReason: summary.finishReason } : {}),
    ...(error !== undefined ? { error } : {}),
  };
}

/** The vote's members as the panel lists them: every answer with its cluster, confidence and problem. */
export function voteMembers(result: VoteResult, label: LabelOf): VoteMember[] {
  return result.answers.map((answer) => ({
    ref: modelName(answer.ref),
    label: label(answer.ref),
    status: answer.outcome === 'valid' ? 'done' : answer.outcome,
    ...(answer.answer !== undefined ? { answer: answer.answer } : {}),
    ...(answer.normalised !== undefined ? { normalised: answer.normalised } : {}),
    ...(answer.cluster !== undefined ? { cluster: answer.cluster } : {}),
    ...(answer.confidence !== undefined ? { confidence: answer.confidence } : {}),
    ...(answer.costUsd !== undefined ? { costUsd: answer.costUsd } : {}),
    ...(answer.finishedAfterMs !== undefined ? { totalMs: Math.round(answer.finishedAfterMs) } : {}),
    ...(answer.problem !== undefined ? { error: answer.problem } : {}),
  }));
}

/** The tally as the panel shows it; `undefined` when no answer won (every model failed). */
export function voteResultView(result: VoteResult, label: LabelOf): PanelVoteResult | undefined {
  const winner = result.winner;
  if (winner === undefined) return undefined;
  const winning = result.answers.find((a) => a.cluster === winner.index && a.answer !== undefined);
  return {
    winner: winning?.answer ?? '',
    winnerCluster: winner.index,
    agreement: result.agreement ?? 0,
    why: result.why,
    ...(result.cost.knownUsd > 0 || result.cost.unknownCount === 0 ? { totalCostUsd: result.cost.knownUsd } : {}),
    unpricedCalls: result.cost.unknownCount,
    totalMs: Math.round(result.totalMs),
    ...(result.winnerRationale !== undefined ? { judge: { ref: label(result.winnerRationale.ref), rationale: result.winnerRationale.rationale } } : {}),
  };
}
