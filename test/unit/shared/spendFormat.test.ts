import assert from 'node:assert/strict';
import {
  amountText, capPercent, capText, formatErrorRate, formatMs, formatPercent, formatUsd, rowCostText, savingsText,
} from '../../../src/shared/spendFormat';
import type { SpendCapView, SpendSnapshot } from '../../../src/shared/spendProtocol';

describe('spend view text', () => {
  describe('formatUsd', () => {
    const cases: [number, string][] = [
      [0, '$0.00'],
      [0.00004, '<$0.0001'],
      [0.0001, '$0.0001'],
      [0.0123, '$0.0123'],
      [0.99994, '$0.9999'],
      [1, '$1.00'],
      [1.234, '$1.23'],
      [1234567.891, '$1,234,567.89'],
      [-0.5, '-$0.5000'],
    ];
    for (const [amount, text] of cases) it(`${amount} → ${text}`, () => assert.equal(formatUsd(amount), text));
  });

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
