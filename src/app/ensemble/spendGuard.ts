import type { ModelPricing } from '../../core/catalog/modelInfo';
import { columnLedgerDraft } from '../../core/cost/columnRecord';
import type { LedgerDraft } from '../../core/cost/ledger';
import type { LedgerFeature } from '../../core/cost/ledgerRecord';
import type { ColumnSummary } from '../../core/ensemble/compare/columnSummary';
import type { ColumnRequest, FanOutDeps } from '../../core/ensemble/compare/fanOut';
import { countMessageTokens } from '../../core/routing/tokenEstimate';
import type { ModelRef } from '../../core/types';
import type { BudgetAdmission, BudgetGate } from '../budgetGate';
import { liveCallCostUsd } from '../liveCost';

/**
 * The run and record steps of the request path for a fan-out (Compare, Vote and its judges, cascade steps,
 * chat /compare and /vote): every column of an admitted request runs through these deps, so each settled
 * call is recorded in the ledger and the request's live cost — all its columns together — is checked against
 * the budget while it streams. When the budget says stop, `signal` aborts and every column stops.
 */
export interface SpendGuard {
  /** The fan-out deps to run every column of this request with. */
  readonly deps: FanOutDeps;
  /** Aborts when the budget stops the request; pass it to the fan-out, vote or cascade. */
  readonly signal: AbortSignal;
  /** Why the budget stopped the request, once it did. */
  stopReason(): string | undefined;
}

export interface SpendGuardOptions {
  readonly base: FanOutDeps;
  readonly budget?: BudgetGate;
  readonly admission: BudgetAdmission;
  readonly record: (draft: LedgerDraft) => void;
  readonly feature: LedgerFeature;
  /** The ledger's route reason of one settled call, e.g. `vote (judge): member`. */
  readonly describe: (summary: ColumnSummary) => string;
  /** The caller's own stop (the user's Stop, a closed view); aborting it stops the request too. */
  readonly signal?: AbortSignal;
}

export function spendGuard(options: SpendGuardOptions): SpendGuard {
  const controller = new AbortController();
  const forward = (): void => controller.abort(options.signal?.reason);
  if (options.signal?.aborted === true) forward();
  else options.signal?.addEventListener('abort', forward, { once: true });
  const live = new LiveSpend(options.base.pricingOf.bind(options.base));
  let stopped: string | undefined;

  const onColumn = (summary: ColumnSummary, request: ColumnRequest): void => {
    options.base.onColumn?.(summary, request);
    live.update(summary, request);
    if (summary.status !== 'streaming') {
      const draft = columnLedgerDraft(summary, options.feature, options.describe(summary));
      if (draft !== undefined) options.record(draft);
      return;
    }
    if (stopped !== undefined || options.budget === undefined) return;
    stopped = options.budget.liveCheck(() => live.totalUsd(), options.admission);
    if (stopped !== undefined) controller.abort();
  };
  return {
    deps: { ...options.base, onColumn },
    signal: controller.signal,
    stopReason: () => stopped,
  };
}

/**
 * The live cost of a request's columns: settled calls at their priced cost (or, for a stopped one, what was
 * streamed), streaming ones from their usage or streamed text. Unknown parts are left out, so the total is a
 * lower bound — enough to stop at a cap, never a reason to stop early.
 */
class LiveSpend {
  private settledUsd = 0;
  private anyKnown = false;
  private readonly streaming = new Map<string, number | undefined>();
  private readonly promptTokens = new WeakMap<ColumnRequest, number>();

  constructor(private readonly pricingOf: (ref: ModelRef) => ModelPricing | undefined) {}

  update(summary: ColumnSummary, request: ColumnRequest): void {
    const cost = summary.costUsd ?? liveCallCostUsd(summary.usage, this.tokensOf(request), summary.text, this.pricingOf(summary.ref));
    if (summary.status === 'streaming') {
      this.streaming.set(summary.id, cost);
      return;
    }
    this.streaming.delete(summary.id);
    if (cost === undefined) return;
    this.settledUsd += cost;
    this.anyKnown = true;
  }

  totalUsd(): number | undefined {
    let total = this.settledUsd;
    let known = this.anyKnown;
    for (const cost of this.streaming.values()) {
      if (cost === undefined) continue;
      total += cost;
      known = true;
    }
    return known ? total : undefined;
  }

  private tokensOf(request: ColumnRequest): number {
    let tokens = this.promptTokens.get(request);
    if (tokens === undefined) {
      tokens = countMessageTokens(request.messages).tokens;
      this.promptTokens.set(request, tokens);
    }
    return tokens;
  }
}
