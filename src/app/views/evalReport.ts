import { formatUsd } from '../../core/cost/formatUsd';
import { failureText, rateText, type EvalMatrix, type ModelRow } from '../../core/evals/evalMatrix';
import { cheapestPassing, rowPasses } from '../../core/evals/modelChoice';
import type { ModelRef } from '../../core/types';

/** One suite's run as the CLI's `--json` prints it (and a results file keeps it): stable field names, USD and ms. */
export interface SuiteReport {
  readonly suite: string;
  readonly feature: string;
  /** 0–1. */
  readonly threshold: number;
  /** Some chosen model's pass rate ≥ the threshold (and the run was not stopped early). */
  readonly passed: boolean;
  /** The cheapest model whose pass rate ≥ the threshold, `null` when none. */
  readonly cheapestPassing: string | null;
  /** Why the run ended early, when it did. */
  readonly stopped?: string;
  readonly models: readonly {
    readonly model: string; readonly cases: number; readonly passed: number; readonly passRate: number;
    readonly costPerCaseUsd: number | null; readonly p50Ms: number | null; readonly p95Ms: number | null; readonly passes: boolean;
  }[];
  readonly cases: readonly { readonly case: string; readonly model: string; readonly pass: boolean; readonly answer: string; readonly failure?: string; readonly costUsd: number | null; readonly latencyMs: number | null }[];
}

/** The report of one suite's matrix; unknown figures are `null` (JSON has no undefined), never a false 0. */
export function suiteReport(feature: string, matrix: EvalMatrix, stopped?: string): SuiteReport {
  const best = cheapestPassing(matrix);
  return {
    suite: matrix.suiteId, feature, threshold: matrix.threshold,
    passed: stopped === undefined && best !== undefined,
    cheapestPassing: best === undefined ? null : refName(best.ref),
    ...(stopped !== undefined ? { stopped } : {}),
    models: matrix.rows.map((row) => ({
      model: refName(row.ref), cases: row.cases, passed: row.passed, passRate: row.passRate,
      costPerCaseUsd: row.costPerCaseUsd ?? null, p50Ms: row.p50Ms ?? null, p95Ms: row.p95Ms ?? null, passes: rowPasses(row, matrix.threshold),
    })),
    cases: matrix.results.map((r) => {
      const failure = failureText(r);
      return {
        case: r.caseId, model: refName(r.ref), pass: failure === undefined, answer: r.answer,
        ...(failure !== undefined ? { failure } : {}), costUsd: r.costUsd ?? null, latencyMs: r.latencyMs ?? null,
      };
    }),
  };
}

/** The matrix as a plain-text table for a terminal, with the failing cases explained and the verdict. */
export function suiteReportText(report: SuiteReport, matrix: EvalMatrix): string {
  const header = ['model', 'pass rate', 'cost/case', 'p50', 'p95'];
  const rows = matrix.rows.map((row) => rowCells(row, matrix.threshold));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ').trimEnd();
  const failures = report.cases.filter((c) => !c.pass).map((c) => `  ✗ ${c.case} · ${c.model}: ${c.failure ?? 'failed'}`);
  const best = matrix.rows.find((r) => refName(r.ref) === report.cheapestPassing);
  const verdict = best !== undefined
    ? `cheapest passing: ${refName(best.ref)} (${rateText(best.passRate)}, ${formatUsd(best.costPerCaseUsd)}/case)`
    : `no model passes ${rateText(report.threshold)}`;
  return [
    `${report.suite} (${report.feature}) · threshold ${rateText(report.threshold)}`,
    line(header), ...rows.map(line), ...failures,
    ...(report.stopped !== undefined ? [`stopped early: ${report.stopped}`] : []),
    verdict,
  ].join('\n');
}

function rowCells(row: ModelRow, threshold: number): string[] {
  const ms = (value: number | undefined): string => (value === undefined ? '–' : `${Math.round(value)} ms`);
  const mark = rowPasses(row, threshold) ? '✓' : '✗';
  return [`${mark} ${refName(row.ref)}`, `${rateText(row.passRate)} (${row.passed}/${row.cases})`, formatUsd(row.costPerCaseUsd), ms(row.p50Ms), ms(row.p95Ms)];
}

function refName(ref: ModelRef): string {
  return `${ref.provider}/${ref.model}`;
}
