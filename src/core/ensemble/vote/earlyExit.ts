import type { ColumnSummary } from '../compare/columnSummary';
import type { ColumnEvent, FanOutRun } from '../compare/fanOut';

/**
 * Early exit for votes: once k answers agree (same normalised key), the remaining calls cannot change the
 * winner's identity enough to be worth their cost, so they are stopped. Pure decision + a fan-out hook.
 */

export interface Agreement {
  readonly reached: boolean;
  /** The key that reached k (the first in input order to do so); absent when none did. */
  readonly key?: string;
  /** Answers behind the largest key so far. */
  readonly count: number;
}

/**
 * Whether `k` of the answers in so far agree. `keys` are normalised answers (`''` = no usable answer, never
 * counted); `k` `undefined` turns early exit off.
 * @throws RangeError when `k` is not a positive integer.
 */
export function enoughAgreement(keys: readonly string[], k: number | undefined): Agreement {
  if (k !== undefined && (!Number.isInteger(k) || k < 1)) throw new RangeError(`Early exit needs k ≥ 1 agreeing answers, not ${k}.`);
  const counts = new Map<string, number>();
  let best = 0;
  for (const key of keys) {
    if (key === '') continue;
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    best = Math.max(best, count);
    if (k !== undefined && count >= k) return { reached: true, key, count };
  }
  return { reached: false, count: best };
}

/** Feeds on a fan-out's events and stops the rest of it once `k` answers agree. */
export interface EarlyExitHook {
  /**
   * Call for every event of `run` (from its `onEvent`). On the `end` that brings agreement to `k`, stops every
   * column still streaming with `stopCause: 'earlyExit'` and returns true; otherwise returns false.
   */
  observe(event: ColumnEvent, run: Pick<FanOutRun, 'stop'>): boolean;
  /** The agreement that fired the hook, once it has. */
  fired(): Agreement | undefined;
}

/**
 * `keyOf` turns a settled column into its normalised vote (`''` when it has none — failed, stopped, invalid).
 * A column that ends twice (a re-ask) votes with its latest answer only.
 */
export function earlyExitHook(k: number | undefined, keyOf: (summary: ColumnSummary) => string): EarlyExitHook {
  enoughAgreement([], k);
  const latest = new Map<string, string>();
  let fired: Agreement | undefined;
  return {
    observe(event, run) {
      if (fired !== undefined || event.type !== 'end') return false;
      latest.set(event.columnId, event.summary.status === 'done' ? keyOf(event.summary) : '');
      const agreement = enoughAgreement([...latest.values()], k);
      if (!agreement.reached) return false;
      fired = agreement;
      run.stop(undefined, 'earlyExit');
      return true;
    },
    fired: () => fired,
  };
}
