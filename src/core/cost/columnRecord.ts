import type { ColumnSummary } from '../ensemble/compare/columnSummary';
import type { LedgerDraft } from './ledger';
import type { LedgerFeature } from './ledgerRecord';

/**
 * The ledger record of one settled column: every compare column and every vote answer or judge is a call
 * (DESIGN.md §3). A column has exactly one model and no failover, so its attempts are that one model.
 */
export function columnLedgerDraft(summary: ColumnSummary, feature: LedgerFeature, routeReason: string): LedgerDraft | undefined {
  if (summary.status === 'streaming') return undefined;
  const outcome = summary.status === 'done' ? 'success' : summary.status === 'failed' ? 'failed' : 'cancelled';
  const latencyMs = Math.max(0, Math.round(summary.totalMs ?? 0));
  return {
    feature,
    provider: summary.ref.provider,
    model: summary.ref.model,
    usage: summary.usage ?? {},
    ...(summary.costUsd !== undefined ? { costUsd: summary.costUsd } : {}),
    latencyMs,
    ...(summary.ttftMs !== undefined ? { ttftMs: Math.round(summary.ttftMs) } : {}),
    outcome,
    attempts: [{
      provider: summary.ref.provider,
      model: summary.ref.model,
      outcome: summary.status === 'done' ? 'success' : summary.status === 'failed' ? 'failed' : 'aborted',
      ...(summary.error?.reason !== undefined ? { reason: summary.error.reason } : {}),
      ...(summary.error?.status !== undefined ? { status: summary.error.status } : {}),
      latencyMs,
    }],
    cacheHit: false,
    routeReason,
  };
}
