import type { ModelRef } from '../types';
import type { CheckResult } from './evalChecks';

/** One model's answer to one case, with every check's verdict. */
export interface CaseResult {
  readonly caseId: string;
  readonly ref: ModelRef;
  readonly answer: string;
  /** Present when the model gave no answer (the call failed or was stopped); the case then fails. */
  readonly error?: string;
  readonly checks: readonly CheckResult[];
  /** USD of the answer plus any judge calls; `undefined` when any part is unknown. */
  readonly costUsd?: number;
  /** Total time of the answer, ms; `undefined` when it never settled. */
  readonly latencyMs?: number;
}

/** One model's row of the matrix. */
export interface ModelRow {
  readonly ref: ModelRef;
  readonly cases: number;
  readonly passed: number;
  /** passed / cases (0–1); 0 for no cases. */
  readonly passRate: number;
  /** Mean USD per case; `undefined` when any case's cost is unknown (never a false 0). */
  readonly costPerCaseUsd?: number;
  /** Latency percentiles over the cases that settled, ms (nearest rank); `undefined` without any. */
  readonly p50Ms?: number;
  readonly p95Ms?: number;
}

export interface EvalMatrix {
  readonly suiteId: string;
  readonly threshold: number;
  readonly rows: readonly ModelRow[];
  readonly results: readonly CaseResult[];
}

/** Whether a case passed: it was answered and every check passed. */
export function casePassed(result: CaseResult): boolean {
  return result.error === undefined && result.checks.every((c) => c.pass);
}

/** Why a case failed, in one line (`undefined` when it passed): the error, or the failing checks' details. */
export function failureText(result: CaseResult): string | undefined {
  if (result.error !== undefined) return result.error;
  const failed = result.checks.filter((c) => !c.pass);
  return failed.length === 0 ? undefined : failed.map((c) => `${c.type}: ${c.detail ?? 'failed'}`).join('; ');
}

/** Aggregates results into one row per model, in the order `models` gives. Pure. */
export function aggregateMatrix(suiteId: string, threshold: number, models: readonly ModelRef[], results: readonly CaseResult[]): EvalMatrix {
  const rows = models.map((ref): ModelRow => {
    const mine = results.filter((r) => r.ref.provider === ref.provider && r.ref.model === ref.model);
    const passed = mine.filter(casePassed).length;
    const costs = mine.map((r) => r.costUsd);
    const known = costs.every((c): c is number => c !== undefined);
    const latencies = mine.map((r) => r.latencyMs).filter((ms): ms is number => ms !== undefined).sort((a, b) => a - b);
    return {
      ref, cases: mine.length, passed, passRate: mine.length === 0 ? 0 : passed / mine.length,
      ...(known && mine.length > 0 ? { costPerCaseUsd: costs.reduce((a, b) => a + b, 0) / mine.length } : {}),
      ...(latencies.length > 0 ? { p50Ms: percentile(latencies, 50), p95Ms: percentile(latencies, 95) } : {}),
    };
  });
  return { suiteId, threshold, rows, results };
}

/** Nearest-rank percentile of ascending `sorted` (non-empty). */
export function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? 0;
}

/** A rate (0–1) as people read it: `96.5 %`. */
export function rateText(rate: number): string {
  return `${Math.round(rate * 1000) / 10} %`;
}
