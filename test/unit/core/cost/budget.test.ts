import assert from 'node:assert/strict';
import { builtinModels } from '../../../../src/core/catalog/builtinModels';
import {
  admitRequest, budgetStatus, estimateRequestUsd, stopStreamingCheck,
  type Admission, type BudgetCaps, type BudgetSpend, type BudgetStatus, type OnExceed,
} from '../../../../src/core/cost/budget';
import type { SpendTotals } from '../../../../src/core/cost/ledgerQueries';

function spend(dayUsd: number, monthUsd = dayUsd, unpriced: { day?: number; month?: number } = {}): BudgetSpend {
  return { day: { costUsd: dayUsd, unpricedCalls: unpriced.day ?? 0 }, month: { costUsd: monthUsd, unpricedCalls: unpriced.month ?? 0 } };
}

function status(caps: BudgetCaps, dayUsd: number, monthUsd = dayUsd): BudgetStatus {
  return budgetStatus(caps, spend(dayUsd, monthUsd));
}

describe('budgetStatus', () => {
  const rows: [string, BudgetCaps, BudgetSpend, BudgetStatus['level'], [string, number, string][]][] = [
    ['no cap: ok, nothing to show', {}, spend(100), 'ok', []],
    ['a cap of 0 means no cap', { dailyUsd: 0, monthlyUsd: 0 }, spend(100), 'ok', []],
    ['40 % of the day: ok', { dailyUsd: 5 }, spend(2), 'ok', [['day', 0.4, 'ok']]],
    ['80 % of the day: warning', { dailyUsd: 5 }, spend(4), 'warning', [['day', 0.8, 'warning']]],
    ['just under 80 %: ok', { dailyUsd: 5 }, spend(3.99), 'ok', [['day', 0.798, 'ok']]],
    ['100 % of the day: error', { dailyUsd: 5 }, spend(5), 'error', [['day', 1, 'error']]],
    ['over the cap: error, fraction above 1', { dailyUsd: 5 }, spend(6), 'error', [['day', 1.2, 'error']]],
    ['the worst cap decides', { dailyUsd: 10, monthlyUsd: 50 }, spend(1, 45), 'warning', [['day', 0.1, 'ok'], ['month', 0.9, 'warning']]],
    ['float sums a hair short of the cap count as reaching it', { dailyUsd: 0.3 }, spend(0.1 + 0.2 - 2e-16), 'error', [['day', 1, 'error']]],
  ];
  for (const [name, caps, spent, level, expected] of rows) {
    it(name, () => {
      const result = budgetStatus(caps, spent);
      assert.equal(result.level, level);
      assert.deepEqual(result.caps.map((c) => c.period), expected.map(([period]) => period));
      result.caps.forEach((cap, i) => {
        const [, fraction, capLevel] = expected[i] ?? [];
        assert.ok(Math.abs(cap.usedFraction - (fraction ?? NaN)) < 1e-9, `${cap.period} fraction ${cap.usedFraction}`);
        assert.equal(cap.level, capLevel);
      });
    });
  }

  it("takes the ledger's spend totals as they are", () => {
    const totals = (costUsd: number, unpricedCalls: number): SpendTotals => ({ calls: 9, costUsd, unpricedCalls, failedCalls: 0, cancelledCalls: 0, cacheHits: 0, failovers: 0 });
    // Compile-time half of the test: SpendTotals must stay assignable to PeriodSpend.
    const result = budgetStatus({ dailyUsd: 5 }, { day: totals(4, 1), month: totals(20, 3) });
    assert.deepEqual(result.caps.map((c) => [c.spentUsd, c.unpricedCalls, c.level]), [[4, 1, 'warning']]);
  });

  it('carries unpriced calls instead of counting them as $0 silently', () => {
    const result = budgetStatus({ dailyUsd: 5, monthlyUsd: 50 }, spend(1, 10, { day: 2, month: 7 }));
    assert.deepEqual(result.caps.map((c) => c.unpricedCalls), [2, 7]);
  });

  const bad: [string, BudgetCaps, BudgetSpend, RegExp][] = [
    ['negative cap', { dailyUsd: -1 }, spend(0), /dailyUsd must be a non-negative number of USD, got -1/],
    ['NaN cap', { monthlyUsd: Number.NaN }, spend(0), /monthlyUsd must be a non-negative number of USD, got NaN/],
    ['infinite spend', { dailyUsd: 5 }, spend(Infinity), /day spend must be a non-negative number of USD, got Infinity/],
    ['negative spend without a cap is still a bug', {}, spend(-0.5), /day spend must be a non-negative number of USD/],
    ['fractional unpriced count', { dailyUsd: 5 }, spend(1, 1, { month: 1.5 }), /month unpriced calls must be a whole number >= 0, got 1.5/],
  ];
  for (const [name, caps, spent, message] of bad) {
    it(`throws a RangeError on ${name}`, () => {
      assert.throws(() => budgetStatus(caps, spent), (error: unknown) => error instanceof RangeError && message.test(error.message));
    });
  }
});

describe('admitRequest', () => {
  const rows: [string, number | undefined, BudgetStatus, OnExceed, Admission['decision'], RegExp, Admission['period']?][] = [
    ['no budget set', 100, status({}, 1_000), 'block', 'allow', /No budget is set/],
    ['well within the cap', 0.03, status({ dailyUsd: 5 }, 1), 'block', 'allow', /Estimated \$0\.0300: within budget/],
    ['landing exactly on the cap is allowed', 1, status({ dailyUsd: 5 }, 4), 'block', 'allow', /within budget/],
    ['an estimate that would cross the cap asks first, even with block', 0.8, status({ dailyUsd: 5 }, 4.5), 'block', 'confirm',
      /may cost up to \$0\.8000, which would take today's spend from \$4\.50 to \$5\.30, over the \$5\.00 budget/, 'day'],
    ['at the cap with onExceed block: blocked', 0.01, status({ dailyUsd: 5 }, 5), 'block', 'block',
      /Today's \$5\.00 budget is used up \(\$5\.00 spent\)\. Requests are blocked until tomorrow; raise quorum\.budget\.dailyUsd/, 'day'],
    ['over the month cap with onExceed confirm: asks', 0.01, status({ monthlyUsd: 50 }, 0, 51), 'confirm', 'confirm',
      /This month's \$50\.00 budget is used up \(\$51\.00 spent\)\. Send this request anyway\?/, 'month'],
    ['at the cap, a request known to be free is allowed', 0, status({ dailyUsd: 5 }, 5), 'block', 'allow', /within budget/],
    ['at the cap, an unknown estimate gets onExceed', undefined, status({ dailyUsd: 5 }, 5), 'block', 'block', /used up/, 'day'],
    ['under the cap, an unknown estimate is allowed but says it went unchecked', undefined, status({ dailyUsd: 5 }, 1), 'block', 'allow', /cannot be estimated/],
    ['the strictest cap wins: month blocked beats day confirm', 2, status({ dailyUsd: 5, monthlyUsd: 50 }, 4, 50), 'block', 'block', /until next month; raise quorum\.budget\.monthlyUsd/, 'month'],
    ['equal strictness: the day is named', 2, status({ dailyUsd: 5, monthlyUsd: 50 }, 4, 49), 'block', 'confirm', /today's spend/, 'day'],
    ['sub-cent estimates are not shown as $0.00', 0.0042, status({ dailyUsd: 5 }, 1), 'block', 'allow', /Estimated \$0\.0042/],
    ['money reads as everywhere else (formatUsd): thousands separated', 0.5, status({ monthlyUsd: 2000 }, 0, 2000), 'confirm', 'confirm', /This month's \$2,000\.00 budget is used up/, 'month'],
  ];
  for (const [name, estimate, budget, onExceed, decision, reason, period] of rows) {
    it(name, () => {
      const admission = admitRequest(estimate, budget, onExceed);
      assert.equal(admission.decision, decision);
      assert.match(admission.reason, reason);
      assert.equal(admission.period, period);
    });
  }

  it('throws a RangeError on a negative or NaN estimate', () => {
    assert.throws(() => admitRequest(-1, status({ dailyUsd: 5 }, 1), 'block'), /estimate must be a non-negative number of USD, got -1/);
    assert.throws(() => admitRequest(Number.NaN, status({}, 1), 'block'), RangeError);
  });
});

describe('stopStreamingCheck', () => {
  const atStart = status({ dailyUsd: 5, monthlyUsd: 50 }, 4.9, 30);
  const rows: [string, number | undefined, { confirmedOverCap?: boolean }, boolean, RegExp?][] = [
    ['unknown live cost: keeps going', undefined, {}, false],
    ['under the cap: keeps going', 0.05, {}, false],
    ['live cost reaches the cap: stops', 0.1, {}, true, /Stopped at today's \$5\.00 budget: this answer took the spend to \$5\.00\./],
    ['past the cap: stops', 0.5, {}, true, /took the spend to \$5\.40/],
    ['the user let this answer go over the cap: keeps going', 0.5, { confirmedOverCap: true }, false],
  ];
  for (const [name, live, options, stop, reason] of rows) {
    it(name, () => {
      const check = stopStreamingCheck(live, atStart, options);
      assert.equal(check.stop, stop);
      if (reason) assert.match(check.reason ?? '', reason);
      else assert.equal(check.reason, undefined);
    });
  }

  it('never stops without a cap', () => {
    assert.equal(stopStreamingCheck(1_000, status({}, 0)).stop, false);
  });

  it('throws a RangeError on a NaN live cost', () => {
    assert.throws(() => stopStreamingCheck(Number.NaN, atStart), /live cost must be a non-negative number of USD, got NaN/);
  });
});

describe('estimateRequestUsd', () => {
  const pricing = (id: string) => builtinModels.find((m) => m.id === id)?.pricing;
  const rows: [string, number, number, string | undefined, number | undefined][] = [
    ['prompt × input + max output × output', 10_000, 4_096, 'claude-sonnet-5-5', 0.06096], // 10k×2 + 4,096×10
    ['a long prompt uses the long-prompt rates', 200_000, 1_000, 'claude-haiku-5-5', 0.1025], // 200k×0.5 + 1k×2.5
    ['unknown prices: unknown', 10_000, 1_000, undefined, undefined],
  ];
  for (const [name, prompt, maxOutput, id, expected] of rows) {
    it(name, () => {
      const estimate = estimateRequestUsd(prompt, maxOutput, id === undefined ? {} : pricing(id));
      if (expected === undefined) assert.equal(estimate, undefined);
      else assert.ok(estimate !== undefined && Math.abs(estimate - expected) < 1e-12, `got ${estimate}`);
    });
  }

  it('throws a RangeError on a negative or NaN token count', () => {
    assert.throws(() => estimateRequestUsd(-1, 10, {}), /prompt tokens must be a non-negative number of tokens, got -1/);
    assert.throws(() => estimateRequestUsd(1, Number.NaN, {}), /max output tokens must be a non-negative number of tokens, got NaN/);
  });
});
