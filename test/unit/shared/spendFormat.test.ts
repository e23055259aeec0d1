import assert from 'node:assert/strict';
import {
  amountText, capPercent, capText, chartScale, dailySummary, dayText, formatErrorRate, formatMs, formatPercent, rowCostText,
  savingsText, shortDay, type ChartScale,
} from '../../../src/shared/spendFormat';
import type { SpendCapView, SpendDay, SpendSnapshot } from '../../../src/shared/spendProtocol';

describe('spend view text', () => {
  describe('totals never show a known $0 for an unknown cost', () => {
    const cases: [string, Parameters<typeof amountText>[0], ReturnType<typeof amountText>][] = [
      ['all priced', { costUsd: 0.0123, calls: 3, unpricedCalls: 0 }, { cost: '$0.0123', calls: '3 calls' }],
      ['no calls', { costUsd: 0, calls: 0, unpricedCalls: 0 }, { cost: '$0.00', calls: '0 calls' }],
      ['some unpriced', { costUsd: 1.5, calls: 4, unpricedCalls: 1 }, { cost: '$1.50', calls: '4 calls', unknown: '+ 1 call of unknown cost' }],
      ['priced at zero plus unpriced', { costUsd: 0, calls: 5, unpricedCalls: 2 }, { cost: '$0.00', calls: '5 calls', unknown: '+ 2 calls of unknown cost' }],
      ['all unpriced', { costUsd: 0, calls: 2, unpricedCalls: 2 }, { cost: 'Unknown', calls: '2 calls', unknown: '2 calls of unknown cost' }],
      ['one unpriced call', { costUsd: 0, calls: 1, unpricedCalls: 1 }, { cost: 'Unknown', calls: '1 call', unknown: '1 call of unknown cost' }],
    ];
    for (const [name, amount, expected] of cases) it(name, () => assert.deepEqual(amountText(amount), expected));
  });

  describe('table cost cells', () => {
    const cases: [Parameters<typeof rowCostText>[0], string][] = [
      [{ costUsd: 0.25, calls: 2, unpricedCalls: 0 }, '$0.2500'],
      [{ costUsd: 0.25, calls: 3, unpricedCalls: 1 }, '$0.2500 + 1 unknown'],
      [{ costUsd: 0, calls: 3, unpricedCalls: 3 }, 'unknown'],
    ];
    for (const [row, text] of cases) it(`${JSON.stringify(row)} → ${text}`, () => assert.equal(rowCostText(row), text));
  });

  describe('budget caps', () => {
    const cap = (spentUsd: number, capUsd: number, level: SpendCapView['level']): SpendCapView => ({ capUsd, spentUsd, usedFraction: spentUsd / capUsd, level });
    const cases: [SpendCapView, 'daily' | 'monthly', string, number][] = [
      [cap(1.2, 5, 'ok'), 'daily', 'Daily budget: $1.20 of $5.00 (24%)', 24],
      [cap(0.02, 5, 'ok'), 'daily', 'Daily budget: $0.0200 of $5.00 (0.4%)', 0],
      [cap(42, 50, 'warning'), 'monthly', 'Monthly budget: $42.00 of $50.00 (84%) — nearing the cap', 84],
      [cap(6, 5, 'error'), 'daily', 'Daily budget: $6.00 of $5.00 (120%) — cap reached', 100],
    ];
    for (const [view, period, text, percent] of cases) {
      it(text, () => {
        assert.equal(capText(view, period), text);
        assert.equal(capPercent(view), percent);
      });
    }
  });

  describe('savings', () => {
    const cases: [SpendSnapshot['savings'], string | undefined][] = [
      [undefined, undefined],
      [{ baseline: 'opus' }, undefined],
      [{ baseline: 'opus', todayUsd: 0.12, monthUsd: 3.4 }, 'Saved $0.1200 today / $3.40 this month vs opus'],
      [{ baseline: 'opus', todayUsd: -0.03, monthUsd: -1.5 }, 'Cost $0.0300 more today / $1.50 more this month vs opus'],
      [{ baseline: 'opus', todayUsd: 0.12, monthUsd: -1.5 }, 'Saved $0.1200 today / cost $1.50 more this month vs opus'],
      [{ baseline: 'opus', todayUsd: -0.03, monthUsd: 2 }, 'Cost $0.0300 more today / saved $2.00 this month vs opus'],
      [{ baseline: 'opus', monthUsd: 2 }, 'Saved $2.00 this month vs opus'],
      [{ baseline: 'opus', todayUsd: 0 }, 'Saved $0.00 today vs opus'],
    ];
    for (const [savings, text] of cases) it(`${JSON.stringify(savings)} → ${text}`, () => assert.equal(savingsText(savings), text));
  });

  describe('chart scale: a round top, 2–3 gridlines', () => {
    const cases: [number, ChartScale][] = [
      [1, { step: 0.5, top: 1, lines: 2 }],
      [0.42, { step: 0.2, top: 0.6, lines: 3 }],
      [0.3, { step: 0.1, top: 0.3, lines: 3 }],
      [0.11, { step: 0.05, top: 0.15, lines: 3 }],
      [0.0123, { step: 0.005, top: 0.015, lines: 3 }],
      [7, { step: 2.5, top: 7.5, lines: 3 }],
      [1234.5, { step: 500, top: 1500, lines: 3 }],
      [99, { step: 50, top: 100, lines: 2 }],
      [0.00015, { step: 0.0001, top: 0.0002, lines: 2 }], // no step below a hundredth of a cent
      [0.00004, { step: 0.0001, top: 0.0001, lines: 1 }],
      [0, { step: 0.0001, top: 0.0001, lines: 1 }],
    ];
    for (const [max, scale] of cases) it(`${max} → ${JSON.stringify(scale)}`, () => assert.deepEqual(chartScale(max), scale));

    it('always covers the maximum with 2 or 3 gridlines from $0.001 to $100,000', () => {
      for (let max = 0.001; max < 100_000; max *= 1.07) {
        const { step, top, lines } = chartScale(max);
        assert.ok(top >= max && top - step < max, `${max}: top ${top}, step ${step}`);
        assert.ok(lines === 2 || lines === 3, `${max}: ${lines} lines`);
      }
    });
  });

  describe('days', () => {
    const day = (d: string, costUsd: number, calls: number, unpricedCalls = 0): SpendDay => ({ day: d, costUsd, calls, unpricedCalls });

    it('names a day briefly', () => {
      assert.equal(shortDay('2025-01-05'), 'Jan 5');
      assert.equal(shortDay('2024-12-31'), 'Dec 31');
    });

    const texts: [SpendDay, string][] = [
      [day('2025-01-05', 0.0123, 4), 'Jan 5: $0.0123 (4 calls)'],
      [day('2025-01-05', 0.0123, 4, 1), 'Jan 5: $0.0123 + 1 unknown (4 calls)'],
      [day('2025-01-05', 0, 1, 1), 'Jan 5: unknown (1 call)'],
      [day('2025-01-05', 0, 0), 'Jan 5: $0.00 (0 calls)'],
    ];
    for (const [d, text] of texts) it(`a day: ${text}`, () => assert.equal(dayText(d), text));

    const summaries: [string, SpendDay[], string][] = [
      ['none', [], 'Spend per day: no days to show.'],
      ['no calls', [day('2025-01-01', 0, 0), day('2025-01-02', 0, 0)], 'Spend per day, Jan 1 – Jan 2: no calls.'],
      ['all priced', [day('2025-01-01', 0.5, 2), day('2025-01-02', 1.25, 3)], 'Spend per day, Jan 1 – Jan 2: $1.75 over 5 calls; highest $1.25 on Jan 2.'],
      ['some unknown', [day('2025-01-01', 0.5, 2, 1), day('2025-01-02', 0, 1, 1), day('2025-01-03', 0.25, 1)],
        'Spend per day, Jan 1 – Jan 3: $0.7500 over 4 calls (2 of unknown cost, on 2 days); highest $0.5000 on Jan 1.'],
      ['all unknown', [day('2025-01-01', 0, 2, 2), day('2025-01-02', 0, 0)], 'Spend per day, Jan 1 – Jan 2: 2 calls, all of unknown cost (on 1 day).'],
      ['calls that cost nothing', [day('2025-01-01', 0, 3)], 'Spend per day, Jan 1 – Jan 1: $0.00 over 3 calls.'],
    ];
    for (const [name, days, text] of summaries) it(`summary: ${name}`, () => assert.equal(dailySummary(days), text));
  });

  it('formats latency, error rates and percentages, with a dash for what was not measured', () => {
    assert.equal(formatMs(undefined), '—');
    assert.equal(formatMs(1234.4), '1,234 ms');
    assert.equal(formatErrorRate(undefined), '—');
    assert.equal(formatErrorRate(0), '0%');
    assert.equal(formatErrorRate(0.05), '5.0%');
    assert.equal(formatErrorRate(0.5), '50%');
    assert.equal(formatPercent(1.234), '123%');
  });
});
