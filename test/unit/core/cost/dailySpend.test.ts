import assert from 'node:assert/strict';
import { dailySpend } from '../../../../src/core/cost/dailySpend';
import type { LocalTime } from '../../../../src/core/cost/ledgerQueries';
import type { LedgerRecord } from '../../../../src/core/cost/ledgerRecord';
import type { SpendDay } from '../../../../src/shared/spendProtocol';

let nextId = 0;
/** A call at `ts` that cost `costUsd`, or whose cost is unknown. */
function call(ts: number, costUsd: number | 'unknown'): LedgerRecord {
  return {
    id: `d${nextId++}`, ts, workspace: 'ws', feature: 'ask', provider: 'openai', model: 'a', usage: {}, costUsd: costUsd === 'unknown' ? undefined : costUsd,
    latencyMs: 100, outcome: 'success', attempts: [], cacheHit: false, routeReason: '',
  };
}

/** Central European rules for 2024: UTC+2 from 2024-03-31T01:00Z until 2024-10-27T01:00Z, UTC+1 otherwise. */
const cet = (epochMs: number): number => (epochMs >= Date.UTC(2024, 2, 31, 1) && epochMs < Date.UTC(2024, 9, 27, 1) ? 120 : 60);

interface Row {
  readonly name: string;
  readonly at: LocalTime;
  readonly days?: number;
  readonly records: readonly LedgerRecord[];
  readonly first: string;
  readonly last: string;
  /** Days with calls: [costUsd, calls, unpricedCalls]; every other day must be all zero. */
  readonly expected: Readonly<Record<string, readonly [number, number, number]>>;
}

const rows: Row[] = [
  {
    name: 'UTC: 30 days oldest first, days without calls zero-filled',
    at: { nowMs: Date.UTC(2024, 2, 15, 10), utcOffsetMinutes: 0 },
    records: [call(Date.UTC(2024, 2, 15, 9), 0.5), call(Date.UTC(2024, 2, 10, 1), 0.25), call(Date.UTC(2024, 2, 10, 23, 59), 0.25)],
    first: '2024-02-15', // a leap February: 15 March minus 29 days
    last: '2024-03-15',
    expected: { '2024-03-15': [0.5, 1, 0], '2024-03-10': [0.5, 2, 0] },
  },
  {
    name: 'records older than the 30 days or after today are left out',
    at: { nowMs: Date.UTC(2024, 2, 15, 10), utcOffsetMinutes: 0 },
    records: [
      call(Date.UTC(2024, 1, 15) - 1, 9), // the last instant before the first day
      call(Date.UTC(2024, 1, 15), 0.5), // the first instant of the first day
      call(Date.UTC(2024, 2, 16) - 1, 0.25), // the last instant of today
      call(Date.UTC(2024, 2, 16), 9), // tomorrow (a clock that moved back)
      call(Date.UTC(2023, 0, 1), 9),
      call(Number.NaN, 9),
    ],
    first: '2024-02-15',
    last: '2024-03-15',
    expected: { '2024-02-15': [0.5, 1, 0], '2024-03-15': [0.25, 1, 0] },
  },
  {
    name: 'unpriced calls are counted apart, never as $0',
    at: { nowMs: Date.UTC(2024, 2, 15, 10), utcOffsetMinutes: 0 },
    records: [call(Date.UTC(2024, 2, 14, 8), 'unknown'), call(Date.UTC(2024, 2, 14, 9), 0.125), call(Date.UTC(2024, 2, 13), 'unknown'), call(Date.UTC(2024, 2, 12), 0)],
    first: '2024-02-15',
    last: '2024-03-15',
    expected: { '2024-03-14': [0.125, 2, 1], '2024-03-13': [0, 1, 1], '2024-03-12': [0, 1, 0] },
  },
  {
    name: 'UTC+2: already tomorrow locally, days split at local midnight',
    at: { nowMs: Date.UTC(2024, 2, 15, 23, 30), utcOffsetMinutes: 120 },
    records: [call(Date.UTC(2024, 2, 15, 22), 0.5), call(Date.UTC(2024, 2, 15, 22) - 1, 0.25)],
    first: '2024-02-16',
    last: '2024-03-16',
    expected: { '2024-03-16': [0.5, 1, 0], '2024-03-15': [0.25, 1, 0] },
  },
  {
    name: 'UTC-5: still the leap day locally',
    at: { nowMs: Date.UTC(2024, 2, 1, 2), utcOffsetMinutes: -300 },
    records: [call(Date.UTC(2024, 2, 1, 1), 0.5), call(Date.UTC(2024, 0, 31, 5), 0.25), call(Date.UTC(2024, 0, 31, 5) - 1, 9)],
    first: '2024-01-31',
    last: '2024-02-29',
    expected: { '2024-02-29': [0.5, 1, 0], '2024-01-31': [0.25, 1, 0] },
  },
  {
    name: 'spring forward: the 23-hour day ends at 22:00Z, the window starts at 23:00Z (UTC+1)',
    at: { nowMs: Date.UTC(2024, 2, 31, 12), utcOffsetMinutes: cet },
    records: [
      call(Date.UTC(2024, 2, 1, 23) - 1, 9), // 1 March 23:59:59 local: before the window
      call(Date.UTC(2024, 2, 1, 23), 0.5), // 2 March 00:00 CET
      call(Date.UTC(2024, 2, 30, 23) - 1, 0.25), // 30 March 23:59:59 CET
      call(Date.UTC(2024, 2, 30, 23), 0.125), // 31 March 00:00 CET
      call(Date.UTC(2024, 2, 31, 22) - 1, 0.125), // 31 March 23:59:59 CEST
      call(Date.UTC(2024, 2, 31, 22), 9), // 1 April 00:00 CEST: tomorrow
    ],
    first: '2024-03-02',
    last: '2024-03-31',
    expected: { '2024-03-02': [0.5, 1, 0], '2024-03-30': [0.25, 1, 0], '2024-03-31': [0.25, 2, 0] },
  },
  {
    name: 'fall back: the 25-hour day runs from 22:00Z to 23:00Z the next day',
    at: { nowMs: Date.UTC(2024, 9, 27, 12), utcOffsetMinutes: cet },
    records: [
      call(Date.UTC(2024, 9, 26, 22) - 1, 0.25), // 26 October 23:59:59 CEST
      call(Date.UTC(2024, 9, 26, 22), 0.125), // 27 October 00:00 CEST
      call(Date.UTC(2024, 9, 27, 1, 30), 0.125), // 27 October 02:30 CET, the repeated hour
      call(Date.UTC(2024, 9, 27, 23) - 1, 0.25), // 27 October 23:59:59 CET
      call(Date.UTC(2024, 9, 27, 23), 9), // 28 October 00:00 CET: tomorrow
    ],
    first: '2024-09-28',
    last: '2024-10-27',
    expected: { '2024-10-26': [0.25, 1, 0], '2024-10-27': [0.5, 3, 0] },
  },
  {
    name: 'a window across the new year, with a shorter span',
    at: { nowMs: Date.UTC(2025, 0, 3, 12), utcOffsetMinutes: 0 },
    days: 7,
    records: [call(Date.UTC(2024, 11, 28), 0.5), call(Date.UTC(2024, 11, 27, 23, 59), 9), call(Date.UTC(2025, 0, 1), 'unknown')],
    first: '2024-12-28',
    last: '2025-01-03',
    expected: { '2024-12-28': [0.5, 1, 0], '2025-01-01': [0, 1, 1] },
  },
  {
    name: 'no records: every day zero',
    at: { nowMs: Date.UTC(2024, 2, 15, 10), utcOffsetMinutes: 0 },
    records: [],
    first: '2024-02-15',
    last: '2024-03-15',
    expected: {},
  },
];

function consecutive(days: readonly SpendDay[]): boolean {
  return days.every((d, i) => i === 0 || Date.parse(d.day) - Date.parse((days[i - 1] as SpendDay).day) === 86_400_000);
}

describe('dailySpend', () => {
  for (const row of rows) {
    it(row.name, () => {
      const days = dailySpend(row.records, row.at, row.days);
      assert.equal(days.length, row.days ?? 30);
      assert.equal(days[0]?.day, row.first);
      assert.equal(days[days.length - 1]?.day, row.last);
      assert.ok(consecutive(days), 'one entry per calendar day, oldest first');
      for (const day of days) {
        const [costUsd, calls, unpricedCalls] = row.expected[day.day] ?? [0, 0, 0];
        assert.deepEqual(day, { day: day.day, costUsd, calls, unpricedCalls }, day.day);
      }
      for (const key of Object.keys(row.expected)) assert.ok(days.some((d) => d.day === key), `${key} is in the window`);
    });
  }

  it('a day with known costs and unpriced calls keeps its known sum as a lower bound', () => {
    const at = { nowMs: Date.UTC(2024, 2, 15, 10), utcOffsetMinutes: 0 };
    const today = dailySpend([call(at.nowMs, 0.5), call(at.nowMs, 'unknown'), call(at.nowMs, 'unknown')], at).at(-1);
    assert.deepEqual(today, { day: '2024-03-15', costUsd: 0.5, calls: 3, unpricedCalls: 2 });
  });

  for (const days of [0, -1, 1.5, 367, Number.NaN]) {
    it(`rejects days = ${days}`, () => assert.throws(() => dailySpend([], { nowMs: 0, utcOffsetMinutes: 0 }, days), RangeError));
  }
});
