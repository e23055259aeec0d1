import type { ProviderError, ProviderErrorReason } from '../errors';
import type { ModelRef, StreamEvent, Usage } from '../types';
import type { Unavailable } from './availability';

/** What happened to one attempt on one model (DESIGN.md §3 ledger `attempts[]`). */
export interface AttemptRecord {
  readonly ref: ModelRef;
  /** 0 for the first try on this model, 1 for the first retry… */
  readonly retry: number;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly outcome: 'success' | 'failed' | 'aborted' | 'skipped';
  readonly reason?: ProviderErrorReason;
  readonly status?: number;
  /** Characters of answer text this attempt delivered. */
  readonly textChars: number;
  /** Time to first token in ms, when one arrived. */
  readonly ttftMs?: number;
  /** Why it was skipped (breaker open, no key…) or what was decided after it failed. */
  readonly note?: string;
  /** On a skip for availability: the verdict of `availability.ts`, the same one the router excluded the model for. */
  readonly unavailable?: Unavailable;
}

/**
 * What the fallback runner yields: the answer's own stream events, plus what the UI needs to show
 * hops. `continued-by` marks that `to` continues an answer `from` started (text already shown stays).
 */
export type RunEvent =
  | StreamEvent
  | { readonly type: 'attempt-start'; readonly ref: ModelRef; readonly retry: number }
  | {
      readonly type: 'attempt-failed';
      readonly ref: ModelRef;
      readonly error: ProviderError;
      readonly next: 'retry' | 'failover' | 'stop';
      readonly delayMs?: number;
    }
  | { readonly type: 'continued-by'; readonly from: ModelRef; readonly to: ModelRef };

/** How a run ended; returned after the last event. */
export interface RunResult {
  /** The model whose answer finished, when one did. */
  readonly answeredBy?: ModelRef;
  readonly attempts: readonly AttemptRecord[];
  /** Usage summed over attempts where known; fields stay undefined when any part is unknown. */
  readonly usage?: Usage;
  readonly text: string;
}
