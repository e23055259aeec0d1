import assert from 'node:assert/strict';
import {
  parseSpendHostMessage, parseSpendSnapshot, parseSpendViewMessage, type SpendSnapshot,
} from '../../../src/shared/spendProtocol';

/** Every field present, optional ones included, so a field the schema forgot would be stripped and fail the round trip. */
const full: SpendSnapshot = {
  workspace: 'quorum',
  generatedAt: 1_760_000_000_000,
  today: { costUsd: 0.0123, calls: 4, unpricedCalls: 1 },
  month: { costUsd: 1.23, calls: 40, unpricedCalls: 1 },
  all: { costUsd: 12.5, calls: 400, unpricedCalls: 0 },
  savings: { baseline: 'anthropic:claude-opus', todayUsd: -0.01, monthUsd: 3.4 },
  budget: {
    daily: { capUsd: 5, spentUsd: 4.5, usedFraction: 0.9, level: 'warning' },
    monthly: { capUsd: 1, spentUsd: 1.23, usedFraction: 1.23, level: 'error' },
  },
  byModel: [{ key: 'openai:gpt-x', label: 'gpt-x', costUsd: 1.2, calls: 30, unpricedCalls: 0, p50Ms: 800, p95Ms: 2100, p99Ms: 4000, errorRate: 0.05, failovers: 2 }],
  byProvider: [{ key: 'openai', label: 'OpenAI', costUsd: 1.2, calls: 30, unpricedCalls: 0 }],
  byFeature: [{ key: 'ask', label: 'Ask Best Model', costUsd: 1.23, calls: 40, unpricedCalls: 1 }],
  recentFailovers: [{ ts: 1_760_000_000_000, from: 'openai:gpt-x', to: 'anthropic:claude', reason: 'HTTP 529 overloaded' }],
  daily: Array.from({ length: 30 }, (_, i) => ({
    day: new Date(Date.UTC(2025, 8, 10 + i)).toISOString().slice(0, 10), // 2025-09-10 … 2025-10-09
    costUsd: i % 3 === 0 ? 0 : i / 100,
    calls: i % 3 === 0 ? 0 : i,
    unpricedCalls: i % 7 === 1 ? 1 : 0,
  })),
  invalidLines: 2,
};

/** The least a host may send: no savings, no budgets, no rows, no latency figures. */
const minimal: SpendSnapshot = {
  workspace: '',
  generatedAt: 0,
  today: { costUsd: 0, calls: 0, unpricedCalls: 0 },
  month: { costUsd: 0, calls: 0, unpricedCalls: 0 },
  all: { costUsd: 0, calls: 0, unpricedCalls: 0 },
  budget: {},
  byModel: [{ key: 'k', label: 'l', costUsd: 0, calls: 1, unpricedCalls: 1, failovers: 0 }],
  byProvider: [],
  byFeature: [],
  recentFailovers: [{ ts: 1, from: 'a', to: 'b' }],
  daily: [],
  invalidLines: 0,
};

const snapshotMessage = (snapshot: unknown) => ({ type: 'spend/snapshot', snapshot });

describe('spend protocol', () => {
  describe('webview → host', () => {
    const valid: unknown[] = [
      { type: 'webview/ready' },
      { type: 'spend/refresh' },
      { type: 'spend/export' },
      { type: 'spend/reset' },
      { type: 'spend/openSettings' },
    ];
    for (const message of valid) {
      it(`accepts ${JSON.stringify(message)}`, () => assert.deepEqual(parseSpendViewMessage(message), message));
    }

    const invalid: unknown[] = [
      undefined, null, 'spend/refresh', 42, [], {}, { type: 'unknown' }, { type: 'spend/snapshot' },
      { type: 'providers/refresh' }, { type: 'SPEND/REFRESH' }, { type: ['spend/reset'] }, { kind: 'spend/reset' },
    ];
    for (const message of invalid) {
      it(`rejects ${JSON.stringify(message)}`, () => assert.equal(parseSpendViewMessage(message), undefined));
    }

    it('drops fields a message does not define (nothing unvalidated reaches a handler)', () => {
      assert.deepEqual(parseSpendViewMessage({ type: 'spend/reset', confirm: false }), { type: 'spend/reset' });
    });
  });

  describe('host → webview', () => {
    for (const [name, snapshot] of [['full', full], ['minimal', minimal]] as const) {
      it(`round-trips a ${name} snapshot unchanged`, () => {
        const message = { type: 'spend/snapshot', snapshot };
        assert.deepEqual(parseSpendHostMessage(message), message);
        // What postMessage delivers is a structured clone; JSON is the stricter stand-in (drops undefined).
        assert.deepEqual(parseSpendHostMessage(JSON.parse(JSON.stringify(message))), message);
        assert.deepEqual(parseSpendSnapshot(snapshot), snapshot);
      });
    }

    const broken: [string, unknown][] = [
      ['no snapshot', { type: 'spend/snapshot' }],
      ['the wrong type', { type: 'providers/snapshot', snapshot: full }],
      ['a negative cost', snapshotMessage({ ...full, today: { ...full.today, costUsd: -1 } })],
      ['a fractional call count', snapshotMessage({ ...full, month: { ...full.month, calls: 1.5 } })],
      ['a negative unpriced count', snapshotMessage({ ...full, all: { ...full.all, unpricedCalls: -1 } })],
      ['a missing total', snapshotMessage({ ...full, all: undefined })],
      ['a cost of NaN', snapshotMessage({ ...full, today: { ...full.today, costUsd: Number.NaN } })],
      ['an infinite cost', snapshotMessage({ ...full, today: { ...full.today, costUsd: Number.POSITIVE_INFINITY } })],
      ['an unknown cap level', snapshotMessage({ ...full, budget: { daily: { ...full.budget.daily, level: 'critical' } } })],
      ['a cap without capUsd', snapshotMessage({ ...full, budget: { monthly: { spentUsd: 1, usedFraction: 1, level: 'error' } } })],
      ['an error rate above 1', snapshotMessage({ ...full, byModel: [{ ...full.byModel[0], errorRate: 1.5 }] })],
      ['a model row without failovers', snapshotMessage({ ...full, byModel: [{ key: 'k', label: 'l', costUsd: 0, calls: 0, unpricedCalls: 0 }] })],
      ['a negative latency', snapshotMessage({ ...full, byModel: [{ ...full.byModel[0], p95Ms: -3 }] })],
      ['a row label that is not text', snapshotMessage({ ...full, byProvider: [{ ...full.byProvider[0], label: 7 }] })],
      ['an oversized label', snapshotMessage({ ...full, byFeature: [{ ...full.byFeature[0], label: 'x'.repeat(4_001) }] })],
      ['rows that are not an array', snapshotMessage({ ...full, byProvider: {} })],
      ['too many rows', snapshotMessage({ ...full, byProvider: Array.from({ length: 2_001 }, () => full.byProvider[0]) })],
      ['a failover time Date cannot show', snapshotMessage({ ...full, recentFailovers: [{ ts: 9e15, from: 'a', to: 'b' }] })],
      ['a failover without a target', snapshotMessage({ ...full, recentFailovers: [{ ts: 1, from: 'a' }] })],
      ['a day that is not a date', snapshotMessage({ ...full, daily: [{ ...full.daily[0], day: 'yesterday' }] })],
      ['a day in another date format', snapshotMessage({ ...full, daily: [{ ...full.daily[0], day: '10/09/2025' }] })],
      ['a day with a time', snapshotMessage({ ...full, daily: [{ ...full.daily[0], day: '2025-10-09T00:00:00Z' }] })],
      ['a thirteenth month', snapshotMessage({ ...full, daily: [{ ...full.daily[0], day: '2025-13-01' }] })],
      ['a day 32', snapshotMessage({ ...full, daily: [{ ...full.daily[0], day: '2025-10-32' }] })],
      ['days newest first', snapshotMessage({ ...full, daily: [...full.daily].reverse() })],
      ['a day twice', snapshotMessage({ ...full, daily: [full.daily[0], full.daily[0]] })],
      ['a day with a negative cost', snapshotMessage({ ...full, daily: [{ ...full.daily[0], costUsd: -0.01 }] })],
      ['a day with fractional calls', snapshotMessage({ ...full, daily: [{ ...full.daily[0], calls: 0.5 }] })],
      ['a day without its unpriced count', snapshotMessage({ ...full, daily: [{ day: '2025-10-09', costUsd: 0, calls: 0 }] })],
      ['no days at all', snapshotMessage({ ...full, daily: undefined })],
      ['more than a year of days', snapshotMessage({
        ...full,
        daily: Array.from({ length: 367 }, (_, i) => ({ day: new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10), costUsd: 0, calls: 0, unpricedCalls: 0 })),
      })],
      ['savings without a baseline', snapshotMessage({ ...full, savings: { todayUsd: 1 } })],
      ['savings that are not a number', snapshotMessage({ ...full, savings: { baseline: 'b', monthUsd: '3.40' } })],
      ['a negative invalid-line count', snapshotMessage({ ...full, invalidLines: -1 })],
      ['a missing workspace', snapshotMessage({ ...full, workspace: undefined })],
      ['a string timestamp', snapshotMessage({ ...full, generatedAt: '2025-10-09' })],
    ];
    for (const [name, message] of broken) {
      it(`rejects a message with ${name}`, () => assert.equal(parseSpendHostMessage(message), undefined));
    }

    it('treats unusable saved state as no state (restore after reload)', () => {
      for (const state of [undefined, null, {}, 'x', { ...full, byModel: 'none' }]) assert.equal(parseSpendSnapshot(state), undefined);
    });
  });
});
