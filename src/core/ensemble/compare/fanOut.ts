import type { ModelPricing } from '../../catalog/modelInfo';
import { priceCall } from '../../cost/pricing';
import type { ProviderErrorReason } from '../../errors';
import type { Clock, Logger } from '../../ports';
import type { RunEvent, RunResult } from '../../resilience/runEvents';
import type { ChatRequest, ModelRef, Usage } from '../../types';
import { columnFailure, failedCost, isAbort, type ColumnSummary, type StopCause } from './columnSummary';

/** Most columns one fan-out runs (the Compare view's limit; votes and judge panels stay within it). */
export const MAX_COLUMNS = 6;
/** Fewest columns the Compare view runs; a vote or a judge may run one. */
export const MIN_COMPARE_COLUMNS = 2;

/** What every column is asked: a chat request without its model. */
export type ColumnRequest = Omit<ChatRequest, 'model'>;

/**
 * The seam to the fallback runner, as `AskEngine.run` is for Ask: the request path adapts the runner to it
 * (src/app/ensemble/columnEngine.ts), running each column as a one-model chain. A column is a chain of
 * exactly ONE model — no failover — so a model's failure shows in its own column; the runner's retries of the
 * same model still apply. Must stop promptly (throwing an `aborted` error) when `signal` aborts.
 */
export interface ColumnEngine {
  run(ref: ModelRef, request: ColumnRequest, options: { readonly signal: AbortSignal }): AsyncIterator<RunEvent, RunResult | undefined>;
}

export interface FanOutDeps {
  readonly engine: ColumnEngine;
  /** Times every column (ttft, total); tests move it by hand. */
  readonly clock: Clock;
  /** The catalog's prices for a model; `undefined` makes its cost unknown. */
  pricingOf(ref: ModelRef): ModelPricing | undefined;
  /** Told when an `onEvent` listener throws (the columns keep running). */
  readonly logger?: Logger;
  /**
   * Sees every column's snapshot as its text, usage or status changes, with the request it was sent: the
   * request path watches a run's live cost here and records each settled call (`status` no longer `streaming`).
   */
  readonly onColumn?: (summary: ColumnSummary, request: ColumnRequest) => void;
}

/** One column to run. `id` is the caller's (unique within the run); `request` overrides the shared one. */
export interface FanOutColumn {
  readonly id: string;
  readonly ref: ModelRef;
  readonly request?: ColumnRequest;
}

/**
 * What a fan-out reports, in the order things happen in each column; columns interleave freely.
 * - `start`: a run of the column began (again after `retry`); `at` is clock ms.
 * - `delta`: new answer text.
 * - `usage`: the provider's usage for the run, with its cost (`undefined` = unknown).
 * - `retrying`: the runner is retrying this model after a transient failure (`delayMs` before it does).
 * - `end`: the run settled — `summary.status` is `done`, `failed` or `stopped`. Exactly one per `start`;
 *   each `end` is one call for the ledger.
 */
export type ColumnEvent =
  | { readonly type: 'start'; readonly columnId: string; readonly ref: ModelRef; readonly run: number; readonly at: number }
  | { readonly type: 'delta'; readonly columnId: string; readonly text: string }
  | { readonly type: 'usage'; readonly columnId: string; readonly usage: Usage; readonly costUsd?: number }
  | { readonly type: 'retrying'; readonly columnId: string; readonly reason: ProviderErrorReason; readonly status?: number; readonly delayMs?: number }
  | { readonly type: 'end'; readonly columnId: string; readonly summary: ColumnSummary };

export interface FanOutOptions {
  /** Aborting it stops every column (`stopCause: 'cancelled'`) and refuses later retries. */
  readonly signal?: AbortSignal;
  /**
   * Called synchronously for every event, as soon as its column produces it: no column waits for another.
   * May call `stop`/`retry` on the run (the vote's early exit and re-ask do).
   */
  readonly onEvent?: (event: ColumnEvent) => void;
}

/** A running fan-out: N columns, each its own stream with its own AbortController. */
export interface FanOutRun {
  /** Stops one column, or every streaming column when `columnId` is omitted; other columns are untouched. */
  stop(columnId?: string, cause?: StopCause): void;
  /**
   * Runs a settled column again (after a failure, a stop, or an invalid answer), optionally with another
   * request. `false` when the column is unknown, still streaming, or the run's signal has aborted.
   */
  retry(columnId: string, request?: ColumnRequest): boolean;
  summary(columnId: string): ColumnSummary | undefined;
  /** Every column's latest snapshot, in the order given to `startFanOut`. */
  summaries(): readonly ColumnSummary[];
  /** Resolves with `summaries()` once no column is streaming (at once if none is); again after a retry. */
  idle(): Promise<readonly ColumnSummary[]>;
}

interface LiveColumn {
  readonly id: string;
  readonly ref: ModelRef;
  request: ColumnRequest;
  summary: ColumnSummary;
  controller: AbortController;
}

/**
 * Starts every column at once. Each column is pumped by its own loop, so events reach `onEvent` the moment
 * their column yields them — a slow column never delays a fast one, and the run takes as long as its slowest
 * member. Never throws after validation: a column's failure settles that column only.
 * @throws RangeError for no columns, more than `MAX_COLUMNS`, or a repeated column id.
 */
export function startFanOut(columns: readonly FanOutColumn[], request: ColumnRequest, deps: FanOutDeps, options: FanOutOptions = {}): FanOutRun {
  if (columns.length === 0 || columns.length > MAX_COLUMNS) throw new RangeError(`A fan-out runs 1 to ${MAX_COLUMNS} models, not ${columns.length}.`);
  const ids = new Set(columns.map((c) => c.id));
  if (ids.size !== columns.length) throw new RangeError('Fan-out column ids must be unique.');
  return new FanOut(columns, request, deps, options);
}

class FanOut implements FanOutRun {
  private readonly columns: LiveColumn[] = [];
  private waiters: Array<(summaries: readonly ColumnSummary[]) => void> = [];

  constructor(columns: readonly FanOutColumn[], request: ColumnRequest, private readonly deps: FanOutDeps, private readonly options: FanOutOptions) {
    const now = deps.clock.now();
    for (const column of columns) {
      // A placeholder `run: -1` summary; `launch` replaces it before anyone can see it.
      const summary: ColumnSummary = { id: column.id, ref: column.ref, run: -1, status: 'stopped', text: '', startedAt: now, retries: 0 };
      this.columns.push({ id: column.id, ref: column.ref, request: column.request ?? request, summary, controller: new AbortController() });
    }
    for (const column of this.columns) this.launch(column);
    const signal = options.signal;
    if (signal?.aborted === true) this.stop(undefined, 'cancelled');
    else signal?.addEventListener('abort', () => this.stop(undefined, 'cancelled'), { once: true });
  }

  stop(columnId?: string, cause: StopCause = 'user'): void {
    for (const column of this.columns) {
      if (columnId !== undefined && column.id !== columnId) continue;
      if (column.summary.status !== 'streaming') continue;
      // Settle first, abort second: the pump then sees a settled column and drops whatever the engine still says.
      this.settle(column, { status: 'stopped', stopCause: cause });
      column.controller.abort();
    }
    this.checkIdle();
  }

  retry(columnId: string, request?: ColumnRequest): boolean {
    const column = this.columns.find((c) => c.id === columnId);
    if (column === undefined || column.summary.status === 'streaming' || this.options.signal?.aborted === true) return false;
    if (request !== undefined) column.request = request;
    this.launch(column);
    return true;
  }

  summary(columnId: string): ColumnSummary | undefined {
    return this.columns.find((c) => c.id === columnId)?.summary;
  }

  summaries(): readonly ColumnSummary[] {
    return this.columns.map((c) => c.summary);
  }

  idle(): Promise<readonly ColumnSummary[]> {
    if (!this.streaming()) return Promise.resolve(this.summaries());
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private launch(column: LiveColumn): void {
    const run = column.summary.run + 1;
    const startedAt = this.deps.clock.now();
    column.controller = new AbortController();
    column.summary = { id: column.id, ref: column.ref, run, status: 'streaming', text: '', startedAt, retries: 0 };
    this.emit({ type: 'start', columnId: column.id, ref: column.ref, run, at: startedAt });
    void this.pump(column, run, column.controller);
  }

  /** One column's loop. Stale once the column settled (stopped) or was relaunched: then it only cleans up. */
  private async pump(column: LiveColumn, run: number, controller: AbortController): Promise<void> {
    const live = (): boolean => column.summary.run === run && column.summary.status === 'streaming';
    let iterator: AsyncIterator<RunEvent, RunResult | undefined> | undefined;
    try {
      iterator = this.deps.engine.run(column.ref, column.request, { signal: controller.signal });
      for (;;) {
        const step = await iterator.next();
        if (!live()) break;
        if (step.done === true) {
          const usage = step.value?.usage ?? column.summary.usage;
          this.settle(column, { status: 'done', ...(usage === undefined ? {} : { usage }), costUsd: priceCall(usage, this.deps.pricingOf(column.ref)) });
          break;
        }
        this.apply(column, step.value);
      }
    } catch (thrown) {
      if (live()) this.fail(column, thrown, controller);
      return;
    } finally {
      this.checkIdle();
    }
    // Left early (stopped or relaunched): let the engine run its own cleanup; its errors are of no interest now.
    if (iterator?.return !== undefined) void Promise.resolve(iterator.return(undefined)).catch(() => undefined);
  }

  private apply(column: LiveColumn, event: RunEvent): void {
    const s = column.summary;
    switch (event.type) {
      case 'text-delta': {
        if (event.text === '') return;
        const ttft = s.ttftMs === undefined ? { ttftMs: this.deps.clock.now() - s.startedAt } : {};
        column.summary = { ...s, ...ttft, text: s.text + event.text };
        this.observe(column);
        this.emit({ type: 'delta', columnId: column.id, text: event.text });
        return;
      }
      case 'usage': {
        const costUsd = priceCall(event.usage, this.deps.pricingOf(column.ref));
        column.summary = { ...s, usage: event.usage, costUsd };
        this.observe(column);
        this.emit({ type: 'usage', columnId: column.id, usage: event.usage, ...(costUsd === undefined ? {} : { costUsd }) });
        return;
      }
      case 'finish':
        column.summary = { ...s, finishReason: event.reason };
        return;
      case 'attempt-failed':
        if (event.next !== 'retry') return;
        column.summary = { ...s, retries: s.retries + 1 };
        this.emit({
          type: 'retrying', columnId: column.id, reason: event.error.reason,
          ...(event.error.status === undefined ? {} : { status: event.error.status }),
          ...(event.delayMs === undefined ? {} : { delayMs: event.delayMs }),
        });
        return;
      case 'attempt-start':
      case 'continued-by':
        // A one-model chain has no hand-over to show, and `start` already marked the run.
        return;
    }
  }

  private fail(column: LiveColumn, thrown: unknown, controller: AbortController): void {
    const failure = columnFailure(thrown);
    if (isAbort(failure) || controller.signal.aborted) {
      this.settle(column, { status: 'stopped', stopCause: 'cancelled' });
      return;
    }
    this.settle(column, { status: 'failed', error: failure.error, costUsd: failedCost(failure, column.summary.text) });
  }

  /** Ends the column's run with `patch`, stamps the total time and emits `end`. */
  private settle(column: LiveColumn, patch: Partial<ColumnSummary> & Pick<ColumnSummary, 'status'>): void {
    const s = column.summary;
    // A stopped run's usage never arrives: its cost is unknown, whatever an earlier usage event said.
    const stopped = patch.status === 'stopped' ? { costUsd: undefined } : {};
    column.summary = { ...s, ...stopped, ...patch, totalMs: this.deps.clock.now() - s.startedAt };
    this.observe(column);
    this.emit({ type: 'end', columnId: column.id, summary: column.summary });
  }

  private observe(column: LiveColumn): void {
    try {
      this.deps.onColumn?.(column.summary, column.request);
    } catch (error) {
      this.deps.logger?.error(error instanceof Error ? error : String(error));
    }
  }

  private emit(event: ColumnEvent): void {
    try {
      this.options.onEvent?.(event);
    } catch (error) {
      this.deps.logger?.error(error instanceof Error ? error : String(error));
    }
  }

  private streaming(): boolean {
    return this.columns.some((c) => c.summary.status === 'streaming');
  }

  private checkIdle(): void {
    if (this.waiters.length === 0 || this.streaming()) return;
    const waiters = this.waiters;
    this.waiters = [];
    const summaries = this.summaries();
    for (const resolve of waiters) resolve(summaries);
  }
}
