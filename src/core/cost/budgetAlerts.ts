import { type BudgetPeriod, type BudgetStatus, type CapStatus, ERROR_PERCENT, periodName, reached, unpricedNote, WARNING_PERCENT } from './budget';
import { formatUsd } from './formatUsd';
import type { PeriodKeys } from './period';

/**
 * Budget alerts, pure: which of the 50/80/100 % notifications are due for the current spend, given the ones
 * already shown. The host shows them and persists what was sent.
 */

/** The percentages of a cap at which the user is alerted, once each per period. */
export const BUDGET_ALERT_PERCENTS = [50, 80, 100] as const;
export type BudgetAlertPercent = (typeof BUDGET_ALERT_PERCENTS)[number];

/** A notification to show ("Show spend" is the host's button). */
export interface BudgetAlert {
  /** `<period key>@<percent>%/<cap>`, e.g. `day:2026-11-22@80%/5`: what `sent` remembers. */
  readonly key: string;
  readonly period: BudgetPeriod;
  readonly percent: BudgetAlertPercent;
  readonly capUsd: number;
  readonly spentUsd: number;
  /** 50 % informs, 80 % warns, 100 % is an error. */
  readonly severity: 'info' | 'warning' | 'error';
  readonly message: string;
}

export interface AlertPlan {
  readonly alerts: readonly BudgetAlert[];
  /** The keys to persist in place of `alreadySent`: this period's sent keys; older periods' keys are dropped. */
  readonly sent: readonly string[];
}

/**
 * The alerts due now. Each threshold of each cap fires once per period: keys are per period and per cap
 * amount, so raising a used-up cap alerts again at the new amount. When one call jumps over several
 * thresholds only the highest is shown; the lower ones are marked sent without a second notification.
 * @param keys the periods the spend in `status` belongs to (`periodKeys(now, offset)`)
 * @param alreadySent keys returned as `sent` by the previous call
 */
export function alertsToSend(status: BudgetStatus, keys: PeriodKeys, alreadySent: readonly string[]): AlertPlan {
  const current = [`${keys.day}@`, `${keys.month}@`];
  const sent = new Set(alreadySent.filter((key) => current.some((prefix) => key.startsWith(prefix))));
  const alerts: BudgetAlert[] = [];
  for (const cap of status.caps) {
    const periodKey = cap.period === 'day' ? keys.day : keys.month;
    const keyOf = (percent: BudgetAlertPercent) => `${periodKey}@${percent}%/${cap.capUsd}`;
    const crossed = BUDGET_ALERT_PERCENTS.filter((percent) => reached(cap.spentUsd, cap.capUsd, percent));
    const highest = crossed.at(-1);
    if (highest === undefined) continue;
    // Once the highest crossed threshold was shown, the lower ones are stale news even if never shown.
    const isNew = !sent.has(keyOf(highest));
    for (const percent of crossed) sent.add(keyOf(percent));
    if (!isNew) continue;
    alerts.push({
      key: keyOf(highest),
      period: cap.period,
      percent: highest,
      capUsd: cap.capUsd,
      spentUsd: cap.spentUsd,
      severity: highest >= ERROR_PERCENT ? 'error' : highest >= WARNING_PERCENT ? 'warning' : 'info',
      message: alertMessage(cap, highest),
    });
  }
  return { alerts, sent: [...sent] };
}

function alertMessage(cap: CapStatus, percent: BudgetAlertPercent): string {
  const name = periodName(cap.period);
  const spent = `${formatUsd(cap.spentUsd)} spent${unpricedNote(cap)}`;
  return percent >= ERROR_PERCENT
    ? `Quorum reached ${name}'s ${formatUsd(cap.capUsd)} budget (${spent}).`
    : `Quorum has used ${percent}% of ${name}'s ${formatUsd(cap.capUsd)} budget (${spent}).`;
}
