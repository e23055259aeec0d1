import type { ModelPricing } from '../catalog/modelInfo';
import { formatUsd } from './formatUsd';
import { priceCall } from './pricing';

/**
 * Budget rules, pure: how much of the daily and monthly caps is used, whether a request may start and whether
 * a streaming answer must stop (which alerts are due is `budgetAlerts.ts`). The host supplies the spend (from
 * the ledger) and the caps (from `quorum.budget.*`); it shows the dialogs.
 *
 * Calls of unknown cost are NOT counted as $0 without saying so: they are left out of `spentUsd` (there is no
 * number to add) and counted in `unpricedCalls`, which every status and message carries ("+ 2 calls of unknown
 * cost"), so the user knows the real spend may be higher.
 *
 * Errors: every input here is computed by Quorum itself (validated settings, ledger sums, its own estimates),
 * so a negative, NaN or infinite amount can only be a bug and throws a `RangeError` naming the value.
 */

export type BudgetPeriod = 'day' | 'month';

/** `quorum.budget.onExceed`: what a request does once a cap is used up. */
export type OnExceed = 'block' | 'confirm';

/** `ok` below 80 % of every cap, `warning` from 80 %, `error` from 100 % of any cap. */
export type BudgetLevel = 'ok' | 'warning' | 'error';

/** Level thresholds, in percent of a cap. */
export const WARNING_PERCENT = 80;
export const ERROR_PERCENT = 100;

/** Spend sums are sums of floats; a nanodollar short of a threshold still counts as reaching it. */
const TOLERANCE_USD = 1e-9;

/** Caps in USD. `undefined` or 0 = no cap (a number setting's natural "off"; $0 of spend needs no budget). */
export interface BudgetCaps {
  readonly dailyUsd?: number;
  readonly monthlyUsd?: number;
}

/**
 * What one period has cost so far. The ledger's `SpendTotals` (`spendSummary(...).today` / `.month`) has
 * this shape, so it can be passed as it is.
 */
export interface PeriodSpend {
  /** USD of the calls whose cost is known. */
  readonly costUsd: number;
  /** Calls whose cost is unknown, left out of `costUsd`. */
  readonly unpricedCalls: number;
}

export interface BudgetSpend {
  readonly day: PeriodSpend;
  readonly month: PeriodSpend;
}

/** One cap and how much of it is used. */
export interface CapStatus {
  readonly period: BudgetPeriod;
  readonly capUsd: number;
  readonly spentUsd: number;
  /** `spentUsd / capUsd`; above 1 when over the cap. */
  readonly usedFraction: number;
  readonly level: BudgetLevel;
  readonly unpricedCalls: number;
}

export interface BudgetStatus {
  /** The worst level over all caps; `ok` when no cap is set. */
  readonly level: BudgetLevel;
  /** The caps that are set, the day's first. */
  readonly caps: readonly CapStatus[];
}

/** Used fraction and level of each cap that is set. */
export function budgetStatus(caps: BudgetCaps, spend: BudgetSpend): BudgetStatus {
  const statuses: CapStatus[] = [];
  for (const [period, capUsd, periodSpend] of [
    ['day', checkCap('dailyUsd', caps.dailyUsd), spend.day],
    ['month', checkCap('monthlyUsd', caps.monthlyUsd), spend.month],
  ] as const) {
    const spentUsd = checkUsd(`${period} spend`, periodSpend.costUsd);
    const unpricedCalls = checkCount(`${period} unpriced calls`, periodSpend.unpricedCalls);
    if (capUsd === undefined) continue;
    const level: BudgetLevel = reached(spentUsd, capUsd, ERROR_PERCENT) ? 'error' : reached(spentUsd, capUsd, WARNING_PERCENT) ? 'warning' : 'ok';
    statuses.push({ period, capUsd, spentUsd, usedFraction: spentUsd / capUsd, level, unpricedCalls });
  }
  const level = statuses.some((s) => s.level === 'error') ? 'error' : statuses.some((s) => s.level === 'warning') ? 'warning' : 'ok';
  return { level, caps: statuses };
}

/** Whether a request may start: `confirm` means ask the user first; `reason` is the text to show. */
export interface Admission {
  readonly decision: 'allow' | 'confirm' | 'block';
  readonly reason: string;
  /** The cap that decided, when one did. */
  readonly period?: BudgetPeriod;
}

const SEVERITY = { allow: 0, confirm: 1, block: 2 } as const;

/**
 * Decides whether a request may start, before any money is spent:
 * - a cap already used up → `onExceed` (`block` or `confirm`), unless the request is known to be free ($0);
 * - an estimate that would take the spend over a cap → `confirm`, whatever `onExceed` says (the issue: a
 *   request that would cross the cap asks first);
 * - an unknown estimate (unpriced model) under every cap → `allow`, with a reason saying it went unchecked:
 *   asking before every call to a local model would make budgets unusable.
 * - an estimate above the per-request cap (`quorum.budget.perRequestUsd`) → `confirm`.
 * With several caps, the strictest decision wins (the request's, then day, then month at equal strictness).
 * @param estimateUsd upper-bound cost of the request (`estimateRequestUsd`), `undefined` when unknown
 * @param status the budget before this request
 * @param perRequestUsd the cap on this one request in USD; `undefined` or 0 = none
 */
export function admitRequest(estimateUsd: number | undefined, status: BudgetStatus, onExceed: OnExceed, perRequestUsd?: number): Admission {
  if (estimateUsd !== undefined) checkUsd('estimate', estimateUsd);
  const requestCap = checkCap('perRequestUsd', perRequestUsd);
  if (status.caps.length === 0 && requestCap === undefined) return { decision: 'allow', reason: 'No budget is set.' };
  let worst: Admission | undefined = requestCap === undefined ? undefined : admitAgainstRequestCap(requestCap, estimateUsd);
  for (const cap of status.caps) {
    const verdict = admitAgainst(cap, estimateUsd, onExceed);
    if (verdict !== undefined && (worst === undefined || SEVERITY[verdict.decision] > SEVERITY[worst.decision])) worst = verdict;
  }
  if (worst !== undefined) return worst;
  if (estimateUsd === undefined) {
    return { decision: 'allow', reason: "This request's cost cannot be estimated (the model has no price), so the budget cannot check it." };
  }
  return { decision: 'allow', reason: `Estimated ${formatUsd(estimateUsd)}: within budget.` };
}

function admitAgainst(cap: CapStatus, estimateUsd: number | undefined, onExceed: OnExceed): Admission | undefined {
  const name = periodName(cap.period);
  if (reached(cap.spentUsd, cap.capUsd, ERROR_PERCENT)) {
    if (estimateUsd === 0) return undefined;
    const usedUp = `${capitalised(name)}'s ${formatUsd(cap.capUsd)} budget is used up (${formatUsd(cap.spentUsd)} spent${unpricedNote(cap)}).`;
    const setting = cap.period === 'day' ? 'quorum.budget.dailyUsd' : 'quorum.budget.monthlyUsd';
    return onExceed === 'block'
      ? { decision: 'block', period: cap.period, reason: `${usedUp} Requests are blocked until ${cap.period === 'day' ? 'tomorrow' : 'next month'}; raise ${setting} to continue.` }
      : { decision: 'confirm', period: cap.period, reason: `${usedUp} Send this request anyway?` };
  }
  if (estimateUsd !== undefined && cap.spentUsd + estimateUsd > cap.capUsd + TOLERANCE_USD) {
    const after = cap.spentUsd + estimateUsd;
    return {
      decision: 'confirm',
      period: cap.period,
      reason: `This request may cost up to ${formatUsd(estimateUsd)}, which would take ${name}'s spend from ${formatUsd(cap.spentUsd)} to ${formatUsd(after)}, over the ${formatUsd(cap.capUsd)} budget. Send it anyway?`,
    };
  }
  return undefined;
}

function admitAgainstRequestCap(capUsd: number, estimateUsd: number | undefined): Admission | undefined {
  if (estimateUsd === undefined || estimateUsd <= capUsd + TOLERANCE_USD) return undefined;
  return {
    decision: 'confirm',
    reason: `This request may cost up to ${formatUsd(estimateUsd)}, over your ${formatUsd(capUsd)} cap on one request (quorum.budget.perRequestUsd). Send it anyway?`,
  };
}

/**
 * For `quorum.budget.perRequestUsd`: whether a streaming request must stop because its live cost reached the
 * cap on one request. Never stops a request the user let go over a cap (`confirmedOverCap`), nor one whose
 * live cost is unknown.
 * @param liveCostUsd cost so far of this request (every model of a Compare or Vote together)
 */
export function requestCapCheck(liveCostUsd: number | undefined, perRequestUsd: number | undefined, options: { readonly confirmedOverCap?: boolean } = {}): StreamingCheck {
  const capUsd = checkCap('perRequestUsd', perRequestUsd);
  if (liveCostUsd === undefined || capUsd === undefined || options.confirmedOverCap === true) return { stop: false };
  checkUsd('live cost', liveCostUsd);
  if (!reached(liveCostUsd, capUsd, ERROR_PERCENT)) return { stop: false };
  return { stop: true, reason: `Stopped at your ${formatUsd(capUsd)} cap on one request (quorum.budget.perRequestUsd): this request reached ${formatUsd(liveCostUsd)}.` };
}

export interface StreamingCheck {
  readonly stop: boolean;
  /** Why the answer was stopped; present when `stop`. */
  readonly reason?: string;
  readonly period?: BudgetPeriod;
}

/**
 * For `quorum.budget.stopStreamingAtCap`: whether a streaming answer must stop because its live cost has
 * taken the spend to a cap. Never stops an answer the user explicitly let go over the cap (`confirmedOverCap`)
 * nor one whose live cost is unknown (there is nothing to compare).
 * @param liveCostUsd cost so far of this answer, from its latest usage snapshot
 * @param statusAtStart the budget when the request was admitted (this answer's cost not included)
 */
export function stopStreamingCheck(
  liveCostUsd: number | undefined,
  statusAtStart: BudgetStatus,
  options: { readonly confirmedOverCap?: boolean } = {},
): StreamingCheck {
  if (liveCostUsd === undefined) return { stop: false };
  checkUsd('live cost', liveCostUsd);
  if (options.confirmedOverCap === true) return { stop: false };
  for (const cap of statusAtStart.caps) {
    const total = cap.spentUsd + liveCostUsd;
    if (!reached(total, cap.capUsd, ERROR_PERCENT)) continue;
    const name = periodName(cap.period);
    return { stop: true, period: cap.period, reason: `Stopped at ${name}'s ${formatUsd(cap.capUsd)} budget: this answer took the spend to ${formatUsd(total)}.` };
  }
  return { stop: false };
}

/**
 * Upper-bound cost of a request before it is sent: prompt tokens at the input rate plus the whole output
 * allowance at the output rate (long-prompt rates when the prompt is long). USD, or `undefined` when a needed
 * price is unknown.
 * @param promptTokens estimated input tokens
 * @param maxOutputTokens the request's output limit (or the model's), reasoning included
 * @throws RangeError for a negative or non-finite token count
 */
export function estimateRequestUsd(promptTokens: number, maxOutputTokens: number, pricing: ModelPricing | undefined): number | undefined {
  checkTokens('prompt tokens', promptTokens);
  checkTokens('max output tokens', maxOutputTokens);
  return priceCall({ inputTokens: promptTokens, outputTokens: maxOutputTokens }, pricing);
}

/** Whether `spentUsd` reached `percent` % of `capUsd`, a nanodollar short included. */
export function reached(spentUsd: number, capUsd: number, percent: number): boolean {
  return spentUsd + TOLERANCE_USD >= (capUsd * percent) / 100;
}

/** ` + 2 calls of unknown cost`, or nothing when every call was priced. */
export function unpricedNote(cap: CapStatus): string {
  if (cap.unpricedCalls === 0) return '';
  return ` + ${cap.unpricedCalls} call${cap.unpricedCalls === 1 ? '' : 's'} of unknown cost`;
}

/** `today` or `this month`. */
export function periodName(period: BudgetPeriod): string {
  return period === 'day' ? 'today' : 'this month';
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function checkCap(name: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  checkUsd(name, value);
  return value === 0 ? undefined : value;
}

function checkUsd(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`Budget: ${name} must be a non-negative number of USD, got ${value}.`);
  return value;
}

function checkTokens(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`Budget: ${name} must be a non-negative number of tokens, got ${value}.`);
}

function checkCount(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`Budget: ${name} must be a whole number >= 0, got ${value}.`);
  return value;
}
