import type { LedgerRecord } from './ledgerRecord';
import { offsetFunction, toEpoch, type LocalTime } from './ledgerQueries';

const MINUTE_MS = 60_000;

/** One local calendar day of spend; the Spend view's `SpendDay` has the same shape. */
export interface DailySpend {
  /** `YYYY-MM-DD`, the user's local date. */
  readonly day: string;
  /** Sum of the known costs; a lower bound when `unpricedCalls` > 0. */
  readonly costUsd: number;
  readonly calls: number;
  /** Calls whose cost is unknown: never counted as $0. */
  readonly unpricedCalls: number;
}

/**
 * Spend per local calendar day over the `days` days ending today, oldest first: every day present (zero
 * when it had no calls), unpriced calls counted apart so an unknown cost never reads as $0. Day boundaries
 * follow `periodRange('today')`, so a daylight-saving day is 23 or 25 hours long; records outside the
 * window (older, or after today) are left out.
 * @throws RangeError unless `days` is an integer from 1 to 366 (only a caller bug passes one)
 */
export function dailySpend(records: readonly LedgerRecord[], at: LocalTime, days = 30): DailySpend[] {
  if (!Number.isInteger(days) || days < 1 || days > 366) throw new RangeError(`days must be an integer from 1 to 366, got ${days}.`);
  const offsetAt = offsetFunction(at);
  const local = new Date(at.nowMs + offsetAt(at.nowMs) * MINUTE_MS);
  const [y, m, d] = [local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()];
  // starts[i] is the epoch ms at which day i begins locally; starts[days] is the end of today.
  const starts: number[] = [];
  const out: { day: string; costUsd: number; calls: number; unpricedCalls: number }[] = [];
  for (let i = 0; i <= days; i++) {
    // Date.UTC normalises day numbers below 1 or past the month's end into the neighbouring months.
    const localMidnight = Date.UTC(y, m, d - days + 1 + i);
    starts.push(toEpoch(localMidnight, offsetAt));
    if (i < days) out.push({ day: new Date(localMidnight).toISOString().slice(0, 10), costUsd: 0, calls: 0, unpricedCalls: 0 });
  }
  const from = starts[0] as number;
  const to = starts[days] as number;
  for (const record of records) {
    if (!(record.ts >= from && record.ts < to)) continue;
    // The last start at or before ts (binary search: 100k records × 30 days would otherwise be 3M steps).
    let lo = 0;
    let hi = days - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= record.ts) lo = mid;
      else hi = mid - 1;
    }
    const bucket = out[lo] as (typeof out)[number];
    bucket.calls++;
    if (record.costUsd === undefined) bucket.unpricedCalls++;
    else bucket.costUsd += record.costUsd;
  }
  return out;
}
