import { refusedBeforeAnyText } from '../../cost/pricing';
import { isProviderError, type ProviderErrorReason } from '../../errors';
import { FallbackError } from '../../resilience/fallbackErrors';
import type { AttemptRecord } from '../../resilience/runEvents';
import type { FinishReason, ModelRef, Usage } from '../../types';

/**
 * What one fan-out column (one model answering alone, no fallback) looks like to the panel, and the pure
 * helpers that settle it. `fanOut.ts` owns the live state; this file owns its shape and its money.
 */

/** `streaming` until the run ends; then exactly one of the other three. */
export type ColumnStatus = 'streaming' | 'done' | 'failed' | 'stopped';

/**
 * Who stopped a column: the user's Stop (`user`), the vote's early exit (`earlyExit`), or the whole run's
 * signal / an abort the engine reported on its own (`cancelled`).
 */
export type StopCause = 'user' | 'earlyExit' | 'cancelled';

/** Why a column failed, as shown in it (with a retry button). */
export interface ColumnError {
  /** `undefined` when what was thrown was not a ProviderError (a bug rather than a vendor failure). */
  readonly reason?: ProviderErrorReason;
  /** HTTP status, when the failure had one. */
  readonly status?: number;
  /** One line for the column; the provider's own message when there is one. */
  readonly message: string;
}

/** An immutable snapshot of one column; a new object after every change. */
export interface ColumnSummary {
  readonly id: string;
  readonly ref: ModelRef;
  /** 0 for the first run; +1 for each `retry()` of the column. The fields below describe the latest run only. */
  readonly run: number;
  readonly status: ColumnStatus;
  /** Answer text so far (the whole answer once `done`; what arrived before the failure or stop otherwise). */
  readonly text: string;
  /** Clock time the run started, ms since the epoch. */
  readonly startedAt: number;
  /** Time to first token, ms from `startedAt`; absent until one arrives. */
  readonly ttftMs?: number;
  /** Total time, ms from `startedAt` to the end; absent while streaming. */
  readonly totalMs?: number;
  /** Provider-reported usage (tokens in = `inputTokens`, out = `outputTokens`); `undefined` = unknown. */
  readonly usage?: Usage;
  /** USD priced from `usage` at the catalog's prices; `undefined` = unknown (never a false 0). */
  readonly costUsd?: number;
  readonly finishReason?: FinishReason;
  /** Present exactly when `status` is `failed`. */
  readonly error?: ColumnError;
  /** Present exactly when `status` is `stopped`. */
  readonly stopCause?: StopCause;
  /** Retries the runner made of this model inside this run (transient failures it recovered from or not). */
  readonly retries: number;
}

/** What a thrown value says about a failed column. */
export interface ColumnFailure {
  readonly error: ColumnError;
  /** The runner's attempts, when it threw a FallbackError. */
  readonly attempts?: readonly AttemptRecord[];
}

/**
 * Reads a column's failure from what the engine threw: a FallbackError (the runner's, carrying the last
 * ProviderError and every attempt), a bare ProviderError (an engine without the runner), or anything else.
 */
export function columnFailure(thrown: unknown): ColumnFailure {
  if (thrown instanceof FallbackError) {
    const last = thrown.lastError;
    const error: ColumnError = last === undefined
      ? { message: thrown.message }
      : { reason: last.reason, message: last.message, ...(last.status === undefined ? {} : { status: last.status }) };
    return { error, attempts: thrown.attempts };
  }
  if (isProviderError(thrown)) {
    return { error: { reason: thrown.reason, message: thrown.message, ...(thrown.status === undefined ? {} : { status: thrown.status }) } };
  }
  return { error: { message: thrown instanceof Error ? thrown.message : String(thrown) } };
}

/**
 * USD of a failed column. Same rule as the Ask ledger (`refusedBeforeAnyText` in `cost/pricing.ts`): a request
 * every attempt of which was refused with an HTTP error before any text is a known $0, so one 500 in a vote does
 * not make the vote's total unknown. Any other failure (a stream cut mid-answer, a network error after sending)
 * costs "unknown". A column answered or streaming is priced with `priceCall` from its usage.
 */
export function failedCost(failure: ColumnFailure, text: string): number | undefined {
  if (text !== '') return undefined;
  const attempts = failure.attempts ?? [];
  if (attempts.length > 0) return refusedBeforeAnyText(attempts) ? 0 : undefined;
  return failure.error.status === undefined ? undefined : 0;
}

/** Whether the failure was an abort (the user's, the run's signal, or one the engine reports as such). */
export function isAbort(failure: ColumnFailure): boolean {
  return failure.error.reason === 'aborted';
}
