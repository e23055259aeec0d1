import type { LedgerDraft } from '../../core/cost/ledger';
import type { LedgerFeature } from '../../core/cost/ledgerRecord';
import { runCascade, type CascadeOptions, type CascadeResult } from '../../core/ensemble/cascade/cascade';
import { confidenceAsk } from '../../core/ensemble/cascade/cascadeAsk';
import type { ColumnSummary } from '../../core/ensemble/compare/columnSummary';
import { startFanOut, type ColumnEngine, type ColumnRequest, type FanOutColumn, type FanOutDeps, type FanOutOptions, type FanOutRun } from '../../core/ensemble/compare/fanOut';
import { confidenceMessages } from '../../core/ensemble/vote/confidence';
import { estimateVote } from '../../core/ensemble/vote/voteEstimate';
import { startVote, type VoteEvent, type VoteInput, type VoteRun } from '../../core/ensemble/vote/voteRun';
import { DEFAULT_OUTPUT_BUDGET_TOKENS } from '../../core/routing/classify';
import { countMessageTokens } from '../../core/routing/tokenEstimate';
import type { ChatMessage, ModelRef } from '../../core/types';
import type { BudgetGate } from '../budgetGate';
import type { PrivacySession, RequestPrivacy } from '../privacy/requestPrivacy';
import { spendGuard, type SpendGuard } from './spendGuard';

/**
 * The request path for every way in that asks several models at once — Compare, Vote (its answers and its
 * judges), the cascade, chat /compare and /vote: estimate the whole request, admit it through the budget
 * (which may ask the user), then run every call through a spend guard that records it in the ledger and
 * stops the request at a cap. Nothing is sent before the admission says go.
 */

export interface EnsembleDeps {
  /** The runner as one-model chains (a column's failure is its own), with clock and prices. */
  readonly fanOut: FanOutDeps;
  readonly budget?: BudgetGate;
  /** The spend ledger: every settled call. */
  readonly record: (draft: LedgerDraft) => void;
  /** Secret screening before admission, and the data-sent log of every call. */
  readonly privacy?: RequestPrivacy;
}

/** A request the budget did not admit: `reason` is set when it was refused, absent when the user declined. */
export interface Refusal {
  readonly refused: true;
  readonly reason?: string;
}

interface Common {
  readonly feature: LedgerFeature;
  /** The caller's stop; aborting it stops the whole request. */
  readonly signal?: AbortSignal;
  /** Workspace-relative paths of files whose content is attached (for the data-sent log). */
  readonly contextFiles?: readonly string[];
}

export interface CompareRequest extends Common {
  readonly columns: readonly FanOutColumn[];
  readonly request: ColumnRequest;
  /** The ledger's route reason of every column, e.g. `compare: 3 models side by side`. */
  readonly routeReason: string;
  readonly onEvent?: FanOutOptions['onEvent'];
}

export interface VoteRequest extends Common, Omit<VoteInput, 'signal'> {
  readonly describe: (summary: ColumnSummary) => string;
  readonly onEvent?: (event: VoteEvent) => void;
}

export interface CascadeRequest extends Common {
  readonly ladder: readonly ModelRef[];
  readonly threshold: number;
  readonly messages: readonly ChatMessage[];
  readonly describe: (summary: ColumnSummary) => string;
  /** Each step's model, as it is asked. */
  readonly onAsk?: (ref: ModelRef) => void;
  /** Each settled call of a step (a re-ask is a second call). */
  readonly onCall?: (summary: ColumnSummary) => void;
  readonly onStep?: CascadeOptions['onStep'];
}

/** A started request: its run, and why the budget stopped it, if it did. */
export interface Started<T> {
  readonly run: T;
  stopReason(): string | undefined;
}

export interface EnsembleRequests {
  compare(request: CompareRequest): Promise<Refusal | Started<FanOutRun>>;
  vote(request: VoteRequest): Promise<Refusal | Started<VoteRun>>;
  cascade(request: CascadeRequest): Promise<Refusal | Started<Promise<CascadeResult>>>;
}

export function ensembleRequests(deps: EnsembleDeps): EnsembleRequests {
  const pricingOf = (ref: ModelRef) => deps.fanOut.pricingOf(ref);
  const admit = async (estimateUsd: number | undefined, common: Common, describe: (s: ColumnSummary) => string, session?: PrivacySession): Promise<Refusal | SpendGuard> => {
    const admission = deps.budget === undefined ? { go: true } : await deps.budget.admit(estimateUsd);
    if (!admission.go || common.signal?.aborted === true) return { refused: true, ...(admission.reason !== undefined ? { reason: admission.reason } : {}) };
    const guard = spendGuard({
      base: deps.fanOut, admission, record: deps.record, feature: common.feature, describe,
      ...(deps.budget !== undefined ? { budget: deps.budget } : {}), ...(common.signal !== undefined ? { signal: common.signal } : {}),
    });
    return session === undefined ? guard : { ...guard, deps: { ...guard.deps, engine: loggedEngine(guard.deps.engine, session) } };
  };
  const begin = (common: Common) => deps.privacy?.begin(common.feature, common.contextFiles);
  /** What the budget checks for one request: every model (and judge) answering its whole output allowance. */
  const estimateUsd = (models: readonly ModelRef[], messages: readonly ChatMessage[], maxOutputTokens: number | undefined, judges?: readonly ModelRef[]) =>
    upperBound(estimateVote({
      models, promptTokens: countMessageTokens(messages).tokens, maxOutputTokens: maxOutputTokens ?? DEFAULT_OUTPUT_BUDGET_TOKENS, pricingOf,
      ...(judges !== undefined ? { judges } : {}),
    }).cost);
  return {
    async compare(input) {
      const session = begin(input);
      const request = screenCompare(input, session);
      if ('refused' in request) return request;
      const estimate = estimateUsd(request.columns.map((c) => c.ref), request.request.messages, request.request.maxOutputTokens);
      const guard = await admit(estimate, request, () => request.routeReason, session);
      if ('refused' in guard) return guard;
      const run = startFanOut(request.columns, request.request, guard.deps, { signal: guard.signal, ...(request.onEvent !== undefined ? { onEvent: request.onEvent } : {}) });
      return { run, stopReason: guard.stopReason };
    },
    async vote(input) {
      const session = begin(input);
      const request = screenMessages(input, session);
      if ('refused' in request) return request;
      const messages = request.strategy === 'confidence' ? confidenceMessages(request.messages) : request.messages;
      const estimate = estimateUsd(request.models, messages, request.maxOutputTokens, request.judges);
      const guard = await admit(estimate, request, request.describe, session);
      if ('refused' in guard) return guard;
      const run = startVote({ ...request, signal: guard.signal }, guard.deps, request.onEvent);
      return { run, stopReason: guard.stopReason };
    },
    async cascade(input) {
      const session = begin(input);
      const request = screenMessages(input, session);
      if ('refused' in request) return request;
      // Worst case: every step of the ladder answers (re-asks of invalid replies aside, as for a vote).
      const estimate = estimateUsd(request.ladder, confidenceMessages(request.messages), undefined);
      const guard = await admit(estimate, request, request.describe, session);
      if ('refused' in guard) return guard;
      const asker = confidenceAsk(guard.deps, request.messages, request.onCall !== undefined ? { onCall: request.onCall } : {});
      const ask = (ref: ModelRef, signal: AbortSignal) => {
        request.onAsk?.(ref);
        return asker(ref, signal);
      };
      const run = runCascade(request.ladder, request.threshold, ask, { signal: guard.signal, ...(request.onStep !== undefined ? { onStep: request.onStep } : {}) });
      return { run, stopReason: guard.stopReason };
    },
  };
}

/** What the budget checks: the whole estimate, or its known part when some model has no price (a lower bound). */
function upperBound(cost: { readonly totalUsd?: number; readonly knownUsd: number }): number | undefined {
  return cost.totalUsd ?? (cost.knownUsd > 0 ? cost.knownUsd : undefined);
}

/** A vote or cascade request with its messages screened for secrets, or the refusal that blocks it. */
function screenMessages<T extends { readonly messages: readonly ChatMessage[] }>(request: T, session: PrivacySession | undefined): T | Refusal {
  const screened = session?.screen(request.messages) ?? { messages: request.messages };
  return 'blocked' in screened ? { refused: true, reason: screened.blocked } : { ...request, messages: screened.messages };
}

/** The compare request with its shared and per-column messages screened, or the refusal that blocks it. */
function screenCompare(request: CompareRequest, session: PrivacySession | undefined): CompareRequest | Refusal {
  if (session === undefined) return request;
  const screen = (column: ColumnRequest): ColumnRequest | Refusal => {
    const screened = session.screen(column.messages);
    return 'blocked' in screened ? { refused: true, reason: screened.blocked } : { ...column, messages: screened.messages };
  };
  const shared = screen(request.request);
  if ('refused' in shared) return shared;
  const columns: FanOutColumn[] = [];
  for (const column of request.columns) {
    const own = column.request === undefined ? undefined : screen(column.request);
    if (own !== undefined && 'refused' in own) return own;
    columns.push(own === undefined ? column : { ...column, request: own });
  }
  return { ...request, request: shared, columns };
}

/** The column engine, telling the data-sent log of every attempt as it is sent (retries included). */
function loggedEngine(engine: ColumnEngine, session: PrivacySession): ColumnEngine {
  return {
    run(ref, request, options) {
      const run = engine.run(ref, request, options);
      return {
        next: async () => {
          const step = await run.next();
          if (step.done !== true && step.value.type === 'attempt-start') session.sent(step.value.ref, request.messages, step.value.retry);
          return step;
        },
        // Stopping a column returns the runner's generator, which aborts the HTTP request under way.
        ...(run.return !== undefined ? { return: run.return.bind(run) } : {}),
      };
    },
  };
}
