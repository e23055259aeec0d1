import type { ChatMessage, ModelRef } from '../../types';
import { ballotFromColumn, type Ballot, type BallotReading } from './ballot';
import { ballotKey } from './clusters';
import type { ColumnSummary } from '../compare/columnSummary';
import { confidenceMessages, needsReask, parseConfidenceReply, reaskMessages } from './confidence';
import { earlyExitHook } from './earlyExit';
import { MAX_COLUMNS, startFanOut, type ColumnEvent, type ColumnRequest, type FanOutDeps, type FanOutRun } from '../compare/fanOut';
import {
  buildJudgePrompt, judgeCandidates, JUDGE_MAX_OUTPUT_TOKENS, verdictFromColumn, type JudgeCandidate,
} from './judge';
import { confidenceVote, judgeVote, majorityVote, type VoteResult, type VoteStrategy } from './voting';

/**
 * Drives one vote over the fan-out: the models answer in parallel; a confidence reply that fails validation
 * is re-asked once in its own column; early exit stops the rest once k answers agree (majority and confidence:
 * a judge needs the different answers to compare); then, for the judge strategy, the judges run in parallel
 * over the distinct answers. A failed model stays failed and the vote completes with the rest.
 */

export interface VoteInput {
  /** The user's question (and any attached context) as chat messages. */
  readonly messages: readonly ChatMessage[];
  /** 1 to `MAX_COLUMNS` models; see `defaultVoteModels`. */
  readonly models: readonly ModelRef[];
  readonly strategy: VoteStrategy;
  /** Judge strategy only: one judge or a panel (see `defaultJudges`); required there. */
  readonly judges?: readonly ModelRef[];
  /** Stop the remaining answers once this many agree; `undefined` = never (the setting's "off"). */
  readonly earlyExitK?: number;
  /** Output allowance of each answer, in tokens. */
  readonly maxOutputTokens?: number;
  /** Stops everything; the result still resolves, with what came in. */
  readonly signal?: AbortSignal;
}

/**
 * What the panel sees while a vote runs.
 * - `column`: a fan-out event of an answer column (`answer-<i>`, i = index in `models`) or a judge column
 *   (`judge-<i>`); each `end` is one call for the ledger.
 * - `reask`: the column's reply was invalid; it is being asked again (its next `start` follows).
 * - `early-exit`: `count` answers agree; the columns still streaming are stopped.
 * - `judging`: the answers are in; the judges are asked to choose among `candidates`.
 */
export type VoteEvent =
  | { readonly type: 'column'; readonly phase: 'answer' | 'judge'; readonly event: ColumnEvent }
  | { readonly type: 'reask'; readonly columnId: string; readonly problem: string }
  | { readonly type: 'early-exit'; readonly key: string; readonly count: number }
  | { readonly type: 'judging'; readonly candidates: readonly JudgeCandidate[] };

export interface VoteRun {
  /**
   * Stops one column (answer or judge) — it then shows as stopped and does not vote — or, without an id,
   * the whole vote: nothing new starts and the result resolves with what came in.
   */
  stop(columnId?: string): void;
  /** The tally; resolves once every call has settled. Rejects only on a bug. */
  readonly result: Promise<VoteResult>;
}

/**
 * Starts a vote at once.
 * @throws RangeError for 0 or more than `MAX_COLUMNS` models or judges, a judge strategy without judges, or
 *   an `earlyExitK` that is not a positive integer.
 */
export function startVote(input: VoteInput, deps: FanOutDeps, onEvent?: (event: VoteEvent) => void): VoteRun {
  checkJudges(input);
  const startedAt = deps.clock.now();
  const reading: BallotReading = input.strategy === 'confidence' ? 'confidence' : 'plain';
  const limit = input.maxOutputTokens === undefined ? {} : { maxOutputTokens: input.maxOutputTokens };
  const request: ColumnRequest = { messages: reading === 'confidence' ? confidenceMessages(input.messages) : input.messages, ...limit };
  const early = input.strategy === 'judge' ? undefined : earlyExitHook(input.earlyExitK, (s) => ballotKey(ballotFromColumn(s, reading, startedAt, undefined)));
  const reasks = new Map<string, number>();
  /** Cost of a column's runs before its latest one (a re-ask's first call); `undefined` entry = unknown. */
  const earlierCost = new Map<string, number | undefined>();
  const state: VoteState = { stopped: input.signal?.aborted === true, answers: undefined, judges: undefined };
  input.signal?.addEventListener('abort', () => { state.stopped = true; }, { once: true });

  const onAnswer = (event: ColumnEvent): void => {
    onEvent?.({ type: 'column', phase: 'answer', event });
    const run = state.answers;
    // `run` is unset only while the fan-out is being built (an already-aborted signal settles columns then).
    if (event.type !== 'end' || run === undefined) return;
    if (reading === 'confidence' && event.summary.status === 'done' && !state.stopped && early?.fired() === undefined) {
      const reply = parseConfidenceReply(event.summary.text);
      const asked = reasks.get(event.columnId) ?? 0;
      if (!reply.ok && needsReask(reply, asked)) {
        reasks.set(event.columnId, asked + 1);
        earlierCost.set(event.columnId, addCost(earlierCost, event.columnId, event.summary.costUsd));
        onEvent?.({ type: 'reask', columnId: event.columnId, problem: reply.problem });
        run.retry(event.columnId, { ...request, messages: reaskMessages(input.messages, event.summary.text, reply.problem) });
        return;
      }
    }
    if (early?.observe(event, run) === true) {
      const fired = early.fired();
      if (fired?.key !== undefined) onEvent?.({ type: 'early-exit', key: fired.key, count: fired.count });
    }
  };
  state.answers = startFanOut(input.models.map((ref, i) => ({ id: `answer-${i}`, ref })), request, deps, {
    onEvent: onAnswer,
    ...(input.signal === undefined ? {} : { signal: input.signal }),
  });

  const columnCost = (s: ColumnSummary): number | undefined => (earlierCost.has(s.id) ? addCost(earlierCost, s.id, s.costUsd) : s.costUsd);

  const tally = async (answersRun: FanOutRun): Promise<VoteResult> => {
    const summaries = await answersRun.idle();
    const ballots = summaries.map((s) => ballotFromColumn(s, reading, startedAt, columnCost(s)));
    const totalMs = (): number => deps.clock.now() - startedAt;
    if (input.strategy === 'majority') return majorityVote(ballots, totalMs());
    if (input.strategy === 'confidence') return confidenceVote(ballots, totalMs());
    return judgeBallots(ballots, input, deps, state, totalMs, onEvent);
  };

  return {
    stop(columnId) {
      if (columnId === undefined) state.stopped = true;
      state.answers?.stop(columnId, 'user');
      state.judges?.stop(columnId, 'user');
    },
    result: tally(state.answers),
  };
}

function checkJudges(input: VoteInput): void {
  if (input.strategy === 'judge' && (input.judges === undefined || input.judges.length === 0)) {
    throw new RangeError('The judge strategy needs at least one judge model.');
  }
  if ((input.judges?.length ?? 0) > MAX_COLUMNS) throw new RangeError(`A vote has at most ${MAX_COLUMNS} judges.`);
}

/** What a running vote shares between its phases and `stop`. */
interface VoteState {
  stopped: boolean;
  answers: FanOutRun | undefined;
  judges: FanOutRun | undefined;
}

/** The judge strategy's second phase: the judges choose among the distinct answers. */
async function judgeBallots(
  ballots: readonly Ballot[],
  input: VoteInput,
  deps: FanOutDeps,
  state: VoteState,
  totalMs: () => number,
  onEvent: ((event: VoteEvent) => void) | undefined,
): Promise<VoteResult> {
  const candidates = judgeCandidates(ballots);
  // One distinct answer (or none) needs no judge; a stopped vote starts nothing new.
  if (candidates.length < 2 || state.stopped) return judgeVote(ballots, [], totalMs());
  onEvent?.({ type: 'judging', candidates });
  const judges = input.judges ?? [];
  state.judges = startFanOut(
    judges.map((ref, i) => ({ id: `judge-${i}`, ref })),
    { messages: buildJudgePrompt(input.messages, candidates), maxOutputTokens: JUDGE_MAX_OUTPUT_TOKENS },
    deps,
    { onEvent: (event) => onEvent?.({ type: 'column', phase: 'judge', event }), ...(input.signal === undefined ? {} : { signal: input.signal }) },
  );
  const labels = candidates.map((c) => c.label);
  const verdicts = (await state.judges.idle()).map((s) => verdictFromColumn(s, labels));
  return judgeVote(ballots, verdicts, totalMs());
}

/** The known earlier cost of `id` plus `more`; unknown when either is. */
function addCost(earlier: ReadonlyMap<string, number | undefined>, id: string, more: number | undefined): number | undefined {
  if (!earlier.has(id)) return more;
  const before = earlier.get(id);
  return before === undefined || more === undefined ? undefined : before + more;
}
