import type { ModelInfo } from '../../core/catalog/modelInfo';
import type { SpendAmount, SpendCacheRow, SpendCapView, SpendFailover, SpendRow, SpendSnapshot } from '../../shared/spendProtocol';
import { missesText, promptCacheStats, type PromptCacheGroup } from '../../core/cost/promptCacheStats';
import { budgetStatus, type BudgetCaps, type BudgetStatus, type CapStatus } from '../../core/cost/budget';
import { dailySpend } from '../../core/cost/dailySpend';
import { modelStats, periodRange, spendBy, spendSummary, type LocalTime, type SpendGroup, type SpendTotals, type TimeRange } from '../../core/cost/ledgerQueries';
import { isFailover, type LedgerRecord } from '../../core/cost/ledgerRecord';
import { summarizeSavings, type BaselineModel } from '../../core/cost/savings';

/** Failovers listed in the report, newest first. */
export const RECENT_FAILOVERS = 10;
/** Days in the spend view's chart, today included. */
export const DAILY_SPEND_DAYS = 30;

export interface SpendReportInput {
  readonly records: readonly LedgerRecord[];
  readonly at: LocalTime;
  /** Display name of the workspace. */
  readonly workspace: string;
  readonly caps: BudgetCaps;
  /** The model savings are measured against; none = no savings line. */
  readonly baseline?: BaselineModel & Pick<ModelInfo, 'displayName'>;
  /** Ledger lines skipped as unreadable. */
  readonly invalidLines: number;
}

/** What the status bar, its tooltip and the spend view show; one pure pass over the ledger's records. */
export interface SpendReport {
  readonly snapshot: SpendSnapshot;
  readonly budget: BudgetStatus;
}

function amount(totals: SpendTotals): SpendAmount {
  return { costUsd: totals.costUsd, calls: totals.calls, unpricedCalls: totals.unpricedCalls };
}

function row(group: SpendGroup): SpendRow {
  return { key: group.key, label: group.key, ...amount(group.totals) };
}

function capView(cap: CapStatus): SpendCapView {
  return { capUsd: cap.capUsd, spentUsd: cap.spentUsd, usedFraction: cap.usedFraction, level: cap.level };
}

function recentFailovers(records: readonly LedgerRecord[]): SpendFailover[] {
  const out: SpendFailover[] = [];
  for (let i = records.length - 1; i >= 0 && out.length < RECENT_FAILOVERS; i--) {
    const record = records[i];
    if (record === undefined || !isFailover(record)) continue;
    const first = record.attempts[0];
    const failed = record.attempts.find((a) => a.outcome === 'failed' || a.outcome === 'skipped');
    out.push({
      ts: record.ts,
      from: first === undefined ? '?' : `${first.provider}/${first.model}`,
      to: `${record.provider}/${record.model}`,
      ...(failed?.reason !== undefined ? { reason: failed.reason } : {}),
    });
  }
  return out;
}

/** Conversations listed in the Spend tab's prompt-cache table, most recent first. */
export const PROMPT_CACHE_CONVERSATIONS = 10;

function promptCacheView(records: readonly LedgerRecord[], fromTs: number): Pick<SpendSnapshot, 'promptCache'> {
  const stats = promptCacheStats(records, fromTs, PROMPT_CACHE_CONVERSATIONS);
  if (stats.byModel.length === 0) return {};
  const rowOf = (group: PromptCacheGroup): SpendCacheRow => ({ key: group.key, followUps: group.followUps, hits: group.hits, misses: missesText(group.misses) });
  return { promptCache: { byModel: stats.byModel.map(rowOf), byConversation: stats.byConversation.map(rowOf) } };
}

/** Totals, budget, savings and per-model figures of one workspace, for every spend surface. */
export function spendReport(input: SpendReportInput): SpendReport {
  const { records, at } = input;
  const summary = spendSummary(records, at);
  const today = periodRange('today', at) as TimeRange;
  const month = periodRange('month', at) as TimeRange;
  const budget = budgetStatus(input.caps, { day: summary.today, month: summary.month });
  const daily = budget.caps.find((cap) => cap.period === 'day');
  const monthly = budget.caps.find((cap) => cap.period === 'month');

  let savings: SpendSnapshot['savings'];
  if (input.baseline !== undefined) {
    const saved = summarizeSavings(records, input.baseline, { today, month });
    savings = {
      baseline: input.baseline.displayName,
      ...(saved.today.calls > 0 ? { todayUsd: saved.today.savedUsd } : {}),
      ...(saved.month.calls > 0 ? { monthUsd: saved.month.savedUsd } : {}),
    };
  }

  const stats = new Map(modelStats(records, month).map((s) => [`${s.provider}/${s.model}`, s]));
  const byModel = spendBy(records, 'model', month).map((group) => {
    const s = stats.get(group.key);
    return {
      ...row(group),
      ...(s?.p50LatencyMs !== undefined ? { p50Ms: s.p50LatencyMs } : {}),
      ...(s?.p95LatencyMs !== undefined ? { p95Ms: s.p95LatencyMs } : {}),
      ...(s?.p99LatencyMs !== undefined ? { p99Ms: s.p99LatencyMs } : {}),
      ...(s?.errorRate !== undefined ? { errorRate: s.errorRate } : {}),
      failovers: s?.failovers ?? 0,
    };
  });

  const snapshot: SpendSnapshot = {
    workspace: input.workspace,
    generatedAt: at.nowMs,
    today: amount(summary.today),
    month: amount(summary.month),
    all: amount(summary.allTime),
    ...(savings !== undefined ? { savings } : {}),
    budget: { ...(daily !== undefined ? { daily: capView(daily) } : {}), ...(monthly !== undefined ? { monthly: capView(monthly) } : {}) },
    byModel,
    byProvider: spendBy(records, 'provider', month).map(row),
    byFeature: spendBy(records, 'feature', month).map(row),
    recentFailovers: recentFailovers(records),
    daily: dailySpend(records, at, DAILY_SPEND_DAYS),
    invalidLines: input.invalidLines,
    ...promptCacheView(records, month.fromMs),
  };
  return { snapshot, budget };
}
