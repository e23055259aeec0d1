import assert from 'node:assert/strict';
import type { LedgerAttempt, LedgerRecord } from '../../../../src/core/cost/ledgerRecord';
import {
  modelStats,
  periodRange,
  spendBy,
  spendSummary,
  spendTotals,
  type LocalTime,
  type SpendPeriod,
  type SpendTotals,
} from '../../../../src/core/cost/ledgerQueries';

let nextId = 0;
function rec(fields: Partial<LedgerRecord>): LedgerRecord {
  return {
    id: `r${nextId++}`, ts: Date.UTC(2024, 2, 15, 9), workspace: 'ws', feature: 'ask', provider: 'openai', model: 'a',
    usage: {}, costUsd: 0, latencyMs: 100, outcome: 'success', attempts: [], cacheHit: false, routeReason: '', ...fields,
  };
}
const attempt = (model: string, outcome: LedgerAttempt['outcome'], latencyMs = 10, provider = 'openai'): LedgerAttempt => ({ provider, model, outcome, latencyMs });
const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());
const totals = (fields: Partial<SpendTotals>): SpendTotals => ({ calls: 0, costUsd: 0, unpricedCalls: 0, failedCalls: 0, cancelledCalls: 0, cacheHits: 0, failovers: 0, ...fields });

/** Central European rules for March 2024: UTC+1, UTC+2 from 2024-03-31T01:00Z. */
const cet = (epochMs: number): number => (epochMs >= Date.UTC(2024, 2, 31, 1) ? 120 : 60);

describe('ledger queries', () => {
  const periodRows: { name: string; at: LocalTime; period: SpendPeriod; from?: string; to?: string }[] = [
    { name: 'UTC today', at: { nowMs: Date.UTC(2024, 2, 15, 10), utcOffsetMinutes: 0 }, period: 'today', from: '2024-03-15T00:00:00.000Z', to: '2024-03-16T00:00:00.000Z' },
    { name: 'UTC month', at: { nowMs: Date.UTC(2024, 2, 15, 10), utcOffsetMinutes: 0 }, period: 'month', from: '2024-03-01T00:00:00.000Z', to: '2024-04-01T00:00:00.000Z' },
    { name: 'UTC+2, already tomorrow locally', at: { nowMs: Date.UTC(2024, 2, 15, 23, 30), utcOffsetMinutes: 120 }, period: 'today', from: '2024-03-15T22:00:00.000Z', to: '2024-03-16T22:00:00.000Z' },
    { name: 'UTC+2 month', at: { nowMs: Date.UTC(2024, 2, 15, 23, 30), utcOffsetMinutes: 120 }, period: 'month', from: '2024-02-29T22:00:00.000Z', to: '2024-03-31T22:00:00.000Z' },
    { name: 'UTC-5, still February locally', at: { nowMs: Date.UTC(2024, 2, 1, 2), utcOffsetMinutes: -300 }, period: 'month', from: '2024-02-01T05:00:00.000Z', to: '2024-03-01T05:00:00.000Z' },
    { name: 'UTC-5 today (leap day)', at: { nowMs: Date.UTC(2024, 2, 1, 2), utcOffsetMinutes: -300 }, period: 'today', from: '2024-02-29T05:00:00.000Z', to: '2024-03-01T05:00:00.000Z' },
    { name: 'December into January', at: { nowMs: Date.UTC(2024, 11, 31, 12), utcOffsetMinutes: 0 }, period: 'month', from: '2024-12-01T00:00:00.000Z', to: '2025-01-01T00:00:00.000Z' },
    { name: 'month started before a DST change', at: { nowMs: Date.UTC(2024, 2, 31, 12), utcOffsetMinutes: cet }, period: 'month', from: '2024-02-29T23:00:00.000Z', to: '2024-03-31T22:00:00.000Z' },
    { name: 'the 23-hour day of a DST change', at: { nowMs: Date.UTC(2024, 2, 31, 12), utcOffsetMinutes: cet }, period: 'today', from: '2024-03-30T23:00:00.000Z', to: '2024-03-31T22:00:00.000Z' },
    { name: 'all time', at: { nowMs: 0, utcOffsetMinutes: 0 }, period: 'all' },
  ];
  for (const row of periodRows) {
    it(`period: ${row.name}`, () => {
      const range = periodRange(row.period, row.at);
      assert.deepEqual({ from: iso(range?.fromMs), to: iso(range?.toMs) }, { from: row.from, to: row.to });
    });
  }

  const at: LocalTime = { nowMs: Date.UTC(2024, 2, 15, 10), utcOffsetMinutes: 0 };
  const records = [
    rec({ ts: Date.UTC(2024, 2, 15, 9), costUsd: 0.5, feature: 'ask' }),
    rec({ ts: Date.UTC(2024, 2, 15), costUsd: undefined, feature: 'chat', provider: 'anthropic', model: 'b' }),
    rec({ ts: Date.UTC(2024, 2, 15) - 1, costUsd: 0.25, outcome: 'failed', feature: 'ask' }),
    rec({ ts: Date.UTC(2024, 2, 1), costUsd: 1, outcome: 'cancelled', feature: 'compare', provider: 'anthropic', model: 'b' }),
    rec({ ts: Date.UTC(2024, 1, 29, 23, 59), costUsd: 2, attempts: [attempt('c', 'failed'), attempt('a', 'success')], feature: 'vote' }),
    rec({ ts: Date.UTC(2024, 2, 15, 11), costUsd: 0, cacheHit: true, feature: 'ask' }),
  ];

  it('totals today, this month and all time; an unknown cost is counted, not taken as $0', () => {
    const summary = spendSummary(records, at);
    assert.deepEqual(summary.today, totals({ calls: 3, costUsd: 0.5, unpricedCalls: 1, cacheHits: 1 }));
    assert.deepEqual(summary.month, totals({ calls: 5, costUsd: 1.75, unpricedCalls: 1, failedCalls: 1, cancelledCalls: 1, cacheHits: 1 }));
    assert.deepEqual(summary.allTime, totals({ calls: 6, costUsd: 3.75, unpricedCalls: 1, failedCalls: 1, cancelledCalls: 1, cacheHits: 1, failovers: 1 }));
    assert.deepEqual(spendTotals(records, periodRange('month', at)), summary.month);
    assert.deepEqual(spendTotals(records), summary.allTime);
    assert.deepEqual(spendTotals([]), totals({}));
  });

  const groupRows: { dimension: 'model' | 'provider' | 'feature'; expected: [string, number, number][] }[] = [
    { dimension: 'model', expected: [['openai/a', 4, 2.75], ['anthropic/b', 2, 1]] },
    { dimension: 'provider', expected: [['openai', 4, 2.75], ['anthropic', 2, 1]] },
    { dimension: 'feature', expected: [['vote', 1, 2], ['compare', 1, 1], ['ask', 3, 0.75], ['chat', 1, 0]] },
  ];
  for (const row of groupRows) {
    it(`totals by ${row.dimension}, most expensive first`, () => {
      assert.deepEqual(spendBy(records, row.dimension).map((g) => [g.key, g.totals.calls, g.totals.costUsd]), row.expected);
    });
  }

  it('groups within a time range', () => {
    assert.deepEqual(spendBy(records, 'provider', periodRange('today', at)).map((g) => [g.key, g.totals.calls, g.totals.unpricedCalls]), [
      ['openai', 2, 0],
      ['anthropic', 1, 1],
    ]);
  });

  it('latency percentiles per model over successful attempts (nearest rank)', () => {
    const latencies = Array.from({ length: 100 }, (_, i) => ((i * 37) % 100) + 1); // 1..100, shuffled
    const stats = modelStats(latencies.map((ms) => rec({ attempts: [attempt('a', 'success', ms)] })));
    assert.deepEqual(stats, [{ provider: 'openai', model: 'a', attempts: 100, failed: 0, errorRate: 0, failovers: 0, p50LatencyMs: 50, p95LatencyMs: 95, p99LatencyMs: 99 }]);
  });

  it('a batch answer counts as an attempt, but its turnaround is not a latency', () => {
    const stats = modelStats([rec({ attempts: [attempt('a', 'success', 20)] }), rec({ batch: true, attempts: [attempt('a', 'success', 3_600_000)] })]);
    assert.deepEqual(stats, [{ provider: 'openai', model: 'a', attempts: 2, failed: 0, errorRate: 0, failovers: 0, p50LatencyMs: 20, p95LatencyMs: 20, p99LatencyMs: 20 }]);
  });

  it('error rate and failovers per model, counted per attempt', () => {
    const stats = modelStats([
      rec({ attempts: [attempt('y', 'failed'), attempt('y', 'failed'), attempt('x', 'success', 30)] }), // y failed over to x
      rec({ attempts: [attempt('y', 'failed'), attempt('z', 'skipped'), attempt('x', 'success', 10)] }), // again; z never called
      rec({ attempts: [attempt('y', 'success', 20)] }),
      rec({ attempts: [attempt('x', 'aborted', 5)], outcome: 'cancelled' }), // cancelled: no error, no latency
      rec({ provider: 'openai', model: 'w', outcome: 'failed', attempts: [] }), // written without attempts
      rec({ provider: 'openai', model: 'v', cacheHit: true, attempts: [] }), // cache hit: no model call
    ]);
    assert.deepEqual(stats, [
      { provider: 'openai', model: 'y', attempts: 4, failed: 3, errorRate: 0.75, failovers: 2, p50LatencyMs: 20, p95LatencyMs: 20, p99LatencyMs: 20 },
      { provider: 'openai', model: 'x', attempts: 3, failed: 0, errorRate: 0, failovers: 0, p50LatencyMs: 10, p95LatencyMs: 30, p99LatencyMs: 30 },
      { provider: 'openai', model: 'w', attempts: 1, failed: 1, errorRate: 1, failovers: 0 },
    ]);
  });

  it('keeps models of different providers apart and honours a time range', () => {
    const stats = modelStats(
      [
        rec({ attempts: [attempt('m', 'success', 10, 'openai')] }),
        rec({ attempts: [attempt('m', 'failed', 10, 'compat:x')] }),
        rec({ ts: 0, attempts: [attempt('m', 'failed', 10, 'openai')] }),
      ],
      periodRange('month', at),
    );
    assert.deepEqual(stats.map((s) => [s.provider, s.model, s.attempts, s.errorRate]), [
      ['compat:x', 'm', 1, 1],
      ['openai', 'm', 1, 0],
    ]);
  });
});
