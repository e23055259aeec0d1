import assert from 'node:assert/strict';
import { budgetStatus, type BudgetCaps, type BudgetSpend, type BudgetStatus } from '../../../../src/core/cost/budget';
import { alertsToSend } from '../../../../src/core/cost/budgetAlerts';
import type { PeriodKeys } from '../../../../src/core/cost/period';

function spend(dayUsd: number, monthUsd = dayUsd, unpriced: { day?: number; month?: number } = {}): BudgetSpend {
  return { day: { costUsd: dayUsd, unpricedCalls: unpriced.day ?? 0 }, month: { costUsd: monthUsd, unpricedCalls: unpriced.month ?? 0 } };
}

function status(caps: BudgetCaps, dayUsd: number, monthUsd = dayUsd): BudgetStatus {
  return budgetStatus(caps, spend(dayUsd, monthUsd));
}

const NOV_22: PeriodKeys = { day: 'day:2026-11-22', month: 'month:2026-11' };
const NOV_23: PeriodKeys = { day: 'day:2026-11-23', month: 'month:2026-11' };

describe('alertsToSend', () => {
  interface Step {
    readonly name: string;
    readonly caps: BudgetCaps;
    readonly spend: BudgetSpend;
    readonly keys?: PeriodKeys;
    /** Alerts as `<key> <severity>`. */
    readonly alerts: readonly string[];
    readonly sent: readonly string[];
  }
  // One scenario, step by step: each step starts from the `sent` the previous row expects (taken from the
  // table, not from the previous run, so one failing step does not fail the rest).
  const steps: readonly Step[] = [
    { name: 'below 50 %: nothing', caps: { dailyUsd: 5 }, spend: spend(2), alerts: [], sent: [] },
    { name: 'crossing 50 %: info', caps: { dailyUsd: 5 }, spend: spend(2.5), alerts: ['day:2026-11-22@50%/5 info'], sent: ['day:2026-11-22@50%/5'] },
    { name: 'still above 50 %: not again', caps: { dailyUsd: 5 }, spend: spend(3), alerts: [], sent: ['day:2026-11-22@50%/5'] },
    { name: 'crossing 80 %: warning', caps: { dailyUsd: 5 }, spend: spend(4.1), alerts: ['day:2026-11-22@80%/5 warning'], sent: ['day:2026-11-22@50%/5', 'day:2026-11-22@80%/5'] },
    {
      name: 'crossing 100 %: error', caps: { dailyUsd: 5 }, spend: spend(5.2), alerts: ['day:2026-11-22@100%/5 error'],
      sent: ['day:2026-11-22@50%/5', 'day:2026-11-22@80%/5', 'day:2026-11-22@100%/5'],
    },
    { name: 'over the cap again: no repeat', caps: { dailyUsd: 5 }, spend: spend(7), alerts: [], sent: ['day:2026-11-22@50%/5', 'day:2026-11-22@80%/5', 'day:2026-11-22@100%/5'] },
    {
      name: 'raising the cap re-arms its thresholds', caps: { dailyUsd: 10 }, spend: spend(7), alerts: ['day:2026-11-22@50%/10 info'],
      sent: ['day:2026-11-22@50%/5', 'day:2026-11-22@80%/5', 'day:2026-11-22@100%/5', 'day:2026-11-22@50%/10'],
    },
    { name: 'a new day drops the old keys', caps: { dailyUsd: 10 }, spend: spend(1), keys: NOV_23, alerts: [], sent: [] },
    {
      name: 'jumping past every threshold at once: only the highest is shown', caps: { dailyUsd: 10 }, spend: spend(12), keys: NOV_23,
      alerts: ['day:2026-11-23@100%/10 error'], sent: ['day:2026-11-23@50%/10', 'day:2026-11-23@80%/10', 'day:2026-11-23@100%/10'],
    },
  ];
  steps.forEach((step, index) => {
    it(step.name, () => {
      const before = steps[index - 1]?.sent ?? [];
      const plan = alertsToSend(budgetStatus(step.caps, step.spend), step.keys ?? NOV_22, before);
      assert.deepEqual(plan.alerts.map((a) => `${a.key} ${a.severity}`), step.alerts);
      assert.deepEqual([...plan.sent].sort(), [...step.sent].sort());
    });
  });

  it('alerts for the day and the month separately, keyed by their own periods', () => {
    const plan = alertsToSend(status({ dailyUsd: 5, monthlyUsd: 50 }, 4, 40), NOV_22, []);
    assert.deepEqual(plan.alerts.map((a) => a.key), ['day:2026-11-22@80%/5', 'month:2026-11@80%/50']);
  });

  it('keeps the month keys when only the day changes', () => {
    const first = alertsToSend(status({ monthlyUsd: 50 }, 0, 30), NOV_22, []);
    const next = alertsToSend(status({ monthlyUsd: 50 }, 0, 30), NOV_23, first.sent);
    assert.deepEqual(next.alerts, []);
    assert.deepEqual(next.sent, ['month:2026-11@50%/50']);
  });

  it('does not show a lower threshold once a higher one was shown', () => {
    const plan = alertsToSend(status({ dailyUsd: 5 }, 6), NOV_22, ['day:2026-11-22@100%/5']);
    assert.deepEqual(plan.alerts, []);
  });

  it('says what was spent, the cap, and how many calls had no price', () => {
    const plan = alertsToSend(budgetStatus({ dailyUsd: 5, monthlyUsd: 40 }, spend(4.25, 40.5, { day: 1, month: 3 })), NOV_22, []);
    assert.deepEqual(plan.alerts.map((a) => a.message), [
      "Quorum has used 80% of today's $5.00 budget ($4.25 spent + 1 call of unknown cost).",
      "Quorum reached this month's $40.00 budget ($40.50 spent + 3 calls of unknown cost).",
    ]);
  });
});
