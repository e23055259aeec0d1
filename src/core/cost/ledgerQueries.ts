/**
 * Spend and reliability figures over ledger records: pure functions over what `Ledger.records()` holds, so
 * the status bar, the spend view and budgets all count the same way. Single passes; 100k records take a
 * few ms (bench/ledger.bench.ts).
 */
import type { Clock } from '../ports';
import type { LedgerAttempt, LedgerRecord } from './ledgerRecord';
import { isFailover } from './ledgerRecord';

/** Half-open interval `[fromMs, toMs)` of epoch ms. */
export interface TimeRange {
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * "Now" as the user's calendar sees it. `utcOffsetMinutes` is east of UTC (UTC+2 → 120); as a function
 * of an epoch ms it also places period starts correctly across a daylight-saving change.
 */
export interface LocalTime {
  readonly nowMs: number;
  readonly utcOffsetMinutes: number | ((epochMs: number) => number);
}

export type SpendPeriod = 'today' | 'month' | 'all';

export interface SpendTotals {
  readonly calls: number;
  /** Sum of the known costs, in USD. A lower bound whenever `unpricedCalls` > 0. */
  readonly costUsd: number;
  /** Calls whose cost is unknown (unpriced model or unreported usage): shown as "unknown", not $0. */
  readonly unpricedCalls: number;
  readonly failedCalls: number;
  readonly cancelledCalls: number;
  readonly cacheHits: number;
  /** Calls that moved from one model to another. */
  readonly failovers: number;
}

export interface SpendSummary {
  readonly today: SpendTotals;
  readonly month: SpendTotals;
  readonly allTime: SpendTotals;
}

export type SpendDimension = 'model' | 'provider' | 'feature';

export interface SpendGroup {
  /** `provider/model`, the provider id, or the feature name. */
  readonly key: string;
  readonly totals: SpendTotals;
}

/** How one model behaved, counted per attempt so a failure that failed over still counts against it. */
export interface ModelStats {
  readonly provider: string;
  readonly model: string;
  /** Attempts that reached the model (skipped ones are not). */
  readonly attempts: number;
  readonly failed: number;
  /** failed ÷ (succeeded + failed); cancelled attempts do not count. `undefined` with no such attempts. */
  readonly errorRate?: number;
  /** Calls in which this model was tried and another model came after it. */
  readonly failovers: number;
  /** Latency of successful attempts, in ms (nearest-rank percentiles); `undefined` when none succeeded. */
  readonly p50LatencyMs?: number;
  readonly p95LatencyMs?: number;
  readonly p99LatencyMs?: number;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** Reads the system clock and the machine's time zone (with its daylight-saving rules). */
export function localTimeFrom(clock: Clock): LocalTime {
  return { nowMs: clock.now(), utcOffsetMinutes: (epochMs) => -new Date(epochMs).getTimezoneOffset() };
}

/** The local calendar day or month containing `at.nowMs`; `undefined` for all time. */
export function periodRange(period: SpendPeriod, at: LocalTime): TimeRange | undefined {
  if (period === 'all') return undefined;
  const offsetAt = offsetFunction(at);
  // Calendar arithmetic on the local wall clock expressed as if it were UTC, then back to epoch ms with
  // the offset in force at that boundary (which differs from now's across a daylight-saving change).
  const local = new Date(at.nowMs + offsetAt(at.nowMs) * MINUTE_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  const [from, to] = period === 'today'
    ? [Date.UTC(y, m, local.getUTCDate()), Date.UTC(y, m, local.getUTCDate()) + DAY_MS]
    : [Date.UTC(y, m, 1), Date.UTC(y, m + 1, 1)];
  return { fromMs: toEpoch(from, offsetAt), toMs: toEpoch(to, offsetAt) };
}

/** `at`'s UTC offset as a function of the instant, in minutes east of UTC. */
export function offsetFunction(at: LocalTime): (epochMs: number) => number {
  const offset = at.utcOffsetMinutes;
  return typeof offset === 'number' ? (): number => offset : offset;
}

/** Epoch ms of a local wall-clock time written as if it were UTC, with the offset in force at that instant. */
export function toEpoch(localAsUtc: number, offsetAt: (epochMs: number) => number): number {
  const guess = localAsUtc - offsetAt(localAsUtc) * MINUTE_MS;
  return localAsUtc - offsetAt(guess) * MINUTE_MS;
}

/** Totals over the records whose `ts` lies in `range` (all records without one). */
export function spendTotals(records: readonly LedgerRecord[], range?: TimeRange): SpendTotals {
  const acc = emptyTotals();
  for (const record of records) if (inRange(record, range)) add(acc, record);
  return acc;
}

/** Today, this month and all time in one pass (the status bar's tooltip). */
export function spendSummary(records: readonly LedgerRecord[], at: LocalTime): SpendSummary {
  const day = periodRange('today', at) as TimeRange;
  const month = periodRange('month', at) as TimeRange;
  const today = emptyTotals();
  const thisMonth = emptyTotals();
  const allTime = emptyTotals();
  for (const record of records) {
    add(allTime, record);
    if (inRange(record, month)) add(thisMonth, record);
    if (inRange(record, day)) add(today, record);
  }
  return { today, month: thisMonth, allTime };
}

/** Totals per model (`provider/model` that answered), provider or feature, most expensive first. */
export function spendBy(records: readonly LedgerRecord[], dimension: SpendDimension, range?: TimeRange): SpendGroup[] {
  const groups = new PairMap<MutableTotals>();
  for (const record of records) {
    if (!inRange(record, range)) continue;
    const [a, b] = dimension === 'model' ? [record.provider, record.model] : [dimension === 'provider' ? record.provider : record.feature, ''];
    add(groups.get(a, b, emptyTotals), record);
  }
  return groups
    .entries()
    .map(([a, b, totals]) => ({ key: dimension === 'model' ? `${a}/${b}` : a, totals }))
    .sort((x, y) => y.totals.costUsd - x.totals.costUsd || y.totals.calls - x.totals.calls || compare(x.key, y.key));
}

/** Latency percentiles, error rate and failovers per model, over attempts; most used model first. */
export function modelStats(records: readonly LedgerRecord[], range?: TimeRange): ModelStats[] {
  const byModel = new PairMap<{ attempts: number; failed: number; succeeded: number; failovers: number; latencies: number[]; lastCounted: number }>();
  const fresh = (): { attempts: number; failed: number; succeeded: number; failovers: number; latencies: number[]; lastCounted: number } =>
    ({ attempts: 0, failed: 0, succeeded: 0, failovers: 0, latencies: [], lastCounted: -1 });
  for (let r = 0; r < records.length; r++) {
    const record = records[r] as LedgerRecord;
    if (!inRange(record, range)) continue;
    const attempts = attemptsOf(record);
    for (let i = 0; i < attempts.length; i++) {
      const a = attempts[i] as LedgerAttempt;
      if (a.outcome === 'skipped') continue;
      const s = byModel.get(a.provider, a.model, fresh);
      s.attempts++;
      if (a.outcome === 'failed') s.failed++;
      if (a.outcome === 'success') {
        s.succeeded++;
        // A batch answer's time is the job's turnaround (minutes to hours), not the model's latency.
        if (record.batch !== true) s.latencies.push(a.latencyMs);
      }
      // Once per call: this model was tried and a different model came after it.
      if (s.lastCounted !== r && handedOn(attempts, i)) {
        s.lastCounted = r;
        s.failovers++;
      }
    }
  }
  return byModel
    .entries()
    .map(([provider, model, s]) => {
      const sorted = Float64Array.from(s.latencies).sort();
      const judged = s.succeeded + s.failed;
      return {
        provider,
        model,
        attempts: s.attempts,
        failed: s.failed,
        ...(judged === 0 ? {} : { errorRate: s.failed / judged }),
        failovers: s.failovers,
        ...(sorted.length === 0
          ? {}
          : { p50LatencyMs: nearestRank(sorted, 50), p95LatencyMs: nearestRank(sorted, 95), p99LatencyMs: nearestRank(sorted, 99) }),
      };
    })
    .sort((a, b) => b.attempts - a.attempts || compare(`${a.provider}/${a.model}`, `${b.provider}/${b.model}`));
}

function handedOn(attempts: readonly LedgerAttempt[], i: number): boolean {
  const a = attempts[i] as LedgerAttempt;
  for (let j = i + 1; j < attempts.length; j++) {
    const b = attempts[j] as LedgerAttempt;
    if (b.provider !== a.provider || b.model !== a.model) return true;
  }
  return false;
}

/**
 * Groups by a pair of strings without building a `provider/model` key string per record (at 100k
 * records those allocations were most of the time).
 */
class PairMap<V> {
  private readonly outer = new Map<string, Map<string, V>>();

  get(a: string, b: string, create: () => V): V {
    let inner = this.outer.get(a);
    if (inner === undefined) this.outer.set(a, (inner = new Map()));
    let value = inner.get(b);
    if (value === undefined) inner.set(b, (value = create()));
    return value;
  }

  entries(): [string, string, V][] {
    const out: [string, string, V][] = [];
    for (const [a, inner] of this.outer) for (const [b, value] of inner) out.push([a, b, value]);
    return out;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A record written without attempts (not by the runner) still counts as one attempt on its model. */
function attemptsOf(record: LedgerRecord): readonly LedgerAttempt[] {
  if (record.attempts.length > 0 || record.cacheHit) return record.attempts;
  const outcome = record.outcome === 'cancelled' ? 'aborted' : record.outcome;
  return [{ provider: record.provider, model: record.model, outcome, latencyMs: record.latencyMs }];
}

/** Nearest-rank percentile of an ascending array (the same method as bench/stats.ts). */
function nearestRank(sorted: Float64Array, p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

type MutableTotals = { -readonly [K in keyof SpendTotals]: SpendTotals[K] };

function emptyTotals(): MutableTotals {
  return { calls: 0, costUsd: 0, unpricedCalls: 0, failedCalls: 0, cancelledCalls: 0, cacheHits: 0, failovers: 0 };
}

function inRange(record: LedgerRecord, range: TimeRange | undefined): boolean {
  return range === undefined || (record.ts >= range.fromMs && record.ts < range.toMs);
}

function add(acc: MutableTotals, record: LedgerRecord): void {
  acc.calls++;
  if (record.costUsd === undefined) acc.unpricedCalls++;
  else acc.costUsd += record.costUsd;
  if (record.outcome === 'failed') acc.failedCalls++;
  else if (record.outcome === 'cancelled') acc.cancelledCalls++;
  if (record.cacheHit) acc.cacheHits++;
  if (isFailover(record)) acc.failovers++;
}
