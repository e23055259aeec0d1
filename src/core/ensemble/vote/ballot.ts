import type { ModelRef } from '../../types';
import type { ColumnSummary } from '../compare/columnSummary';
import { parseConfidenceReply } from './confidence';

/**
 * One model's vote, whatever became of it. The tallies in `voting.ts` read only ballots, so they are pure and
 * can be tested without any stream.
 */

/** `valid` votes; `invalid` answered but unusable (bad JSON, empty); `failed` errored; `stopped` cut short. */
export type BallotOutcome = 'valid' | 'invalid' | 'failed' | 'stopped';

export interface Ballot {
  /** The column id (unique within a vote). */
  readonly id: string;
  readonly ref: ModelRef;
  readonly outcome: BallotOutcome;
  /** What the model voted for: the whole answer, or the JSON's `answer` in a confidence vote. */
  readonly answer?: string;
  /** 0..1, confidence-weighted votes only. */
  readonly confidence?: number;
  /** USD of every call this ballot took (a re-ask included); `undefined` = unknown. */
  readonly costUsd?: number;
  /** When the answer finished, ms after the vote started; the tie-break prefers earlier. */
  readonly finishedAfterMs?: number;
  /** Why the ballot is not valid, for the panel. */
  readonly problem?: string;
}

/** How a column's answer is read: as it stands, or as `{answer, confidence}` JSON. */
export type BallotReading = 'plain' | 'confidence';

/**
 * The ballot of a settled column. `voteStartedAt` is clock ms; `costUsd` is the column's total over its runs
 * (the vote driver adds a re-ask's first call).
 */
export function ballotFromColumn(summary: ColumnSummary, reading: BallotReading, voteStartedAt: number, costUsd: number | undefined): Ballot {
  const base = {
    id: summary.id,
    ref: summary.ref,
    ...(costUsd === undefined ? {} : { costUsd }),
    ...(summary.totalMs === undefined ? {} : { finishedAfterMs: summary.startedAt + summary.totalMs - voteStartedAt }),
  };
  switch (summary.status) {
    case 'streaming':
    case 'stopped':
      return { ...base, outcome: 'stopped', problem: summary.stopCause === 'earlyExit' ? 'stopped early: enough answers agreed' : 'stopped' };
    case 'failed':
      return { ...base, outcome: 'failed', problem: summary.error?.message ?? 'failed' };
    case 'done':
      break;
  }
  if (reading === 'plain') {
    return summary.text.trim() === '' ? { ...base, outcome: 'invalid', problem: 'empty answer' } : { ...base, outcome: 'valid', answer: summary.text };
  }
  const reply = parseConfidenceReply(summary.text);
  return reply.ok
    ? { ...base, outcome: 'valid', answer: reply.answer, confidence: reply.confidence }
    : { ...base, outcome: 'invalid', answer: summary.text, problem: `invalid reply: ${reply.problem}` };
}

/** `provider/model`, as ballots and tie-breaks name a model. */
export function modelName(ref: ModelRef): string {
  return `${ref.provider}/${ref.model}`;
}
