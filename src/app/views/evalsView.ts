import { ruleConditionsFor } from '../../core/evals/evalRule';
import { rateText } from '../../core/evals/evalMatrix';
import { formatUsd } from '../../core/cost/formatUsd';
import type { EvalsModelRow, EvalsRunView, EvalsSuiteResult } from '../../shared/evalsProtocol';
import { previousRunOf, type EvalRun } from '../evals/evalResults';
import type { SuiteReport } from './evalReport';

/** What the presenter needs beyond the runs: model labels, the clock's time zone, and which models are routed now. */
export interface EvalsViewContext {
  readonly label: (model: string) => string;
  /** The model a suite's active eval rule routes to now, if any. */
  readonly routedModel: (suiteId: string) => string | undefined;
  readonly timeText: (iso: string) => string;
}

/** The Evals tab's matrix of `run`, each suite compared with its latest earlier run in `runs`. Pure. */
export function evalsRunView(run: EvalRun, runs: readonly EvalRun[], context: EvalsViewContext): EvalsRunView {
  return {
    id: run.id,
    title: `Run of ${context.timeText(run.at)} by ${run.by}`,
    results: run.suites.map((report) => {
      const previous = previousRunOf(runs, run, report.suite);
      return suiteResult(report, previous, context);
    }),
  };
}

function suiteResult(report: SuiteReport, previous: EvalRun | undefined, context: EvalsViewContext): EvalsSuiteResult {
  const before = previous?.suites.find((s) => s.suite === report.suite);
  const best = report.models.find((m) => m.model === report.cheapestPassing);
  const conditions = ruleConditionsFor(report.feature);
  const routed = context.routedModel(report.suite);
  return {
    suite: report.suite,
    feature: report.feature,
    threshold: rateText(report.threshold),
    rows: report.models.map((row) => modelRow(row, before?.models.find((m) => m.model === row.model), context)),
    cases: caseRows(report),
    verdict: best !== undefined
      ? `Cheapest passing: ${context.label(best.model)} (${rateText(best.passRate)} pass, ${formatUsd(best.costPerCaseUsd ?? undefined)}/case)`
      : `No model passes ${rateText(report.threshold)}`,
    ...(best !== undefined && !('problem' in conditions)
      ? { route: { model: best.model, label: `Route ${report.feature} to ${best.model}`, routed: routed === best.model } }
      : {}),
    ...('problem' in conditions ? { routeProblem: `Cannot route: ${conditions.problem}.` } : {}),
    ...(previous !== undefined ? { comparedWith: `Compared with the run of ${context.timeText(previous.at)} by ${previous.by}` } : {}),
    ...(report.stopped !== undefined ? { stopped: `Stopped early: ${report.stopped}` } : {}),
  };
}

type ReportRow = SuiteReport['models'][number];

/** One model's row, with its change against the same model in the earlier run of the suite. */
export function modelRow(row: ReportRow, before: ReportRow | undefined, context: Pick<EvalsViewContext, 'label'>): EvalsModelRow {
  const ms = (value: number | null): string => (value === null ? 'unknown' : `${Math.round(value)} ms`);
  return {
    model: row.model,
    label: context.label(row.model),
    passes: row.passes,
    passRate: `${rateText(row.passRate)} (${row.passed}/${row.cases})`,
    costPerCase: formatUsd(row.costPerCaseUsd ?? undefined),
    p50: ms(row.p50Ms),
    p95: ms(row.p95Ms),
    ...(before !== undefined ? deltaOf(row, before) : {}),
  };
}

/** `+16.7 pts · −$0.0001/case`: the pass rate in points (what matters), then the cost when both are known. */
export function deltaOf(row: ReportRow, before: ReportRow): Pick<EvalsModelRow, 'delta' | 'trend'> {
  const points = Math.round((row.passRate - before.passRate) * 1000) / 10;
  const pointsText = points === 0 ? '±0 pts' : `${points > 0 ? '+' : '−'}${Math.abs(points)} pts`;
  const parts = [pointsText];
  if (row.costPerCaseUsd !== null && before.costPerCaseUsd !== null) {
    const cost = row.costPerCaseUsd - before.costPerCaseUsd;
    if (Math.abs(cost) >= 1e-9) parts.push(`${cost > 0 ? '+' : '−'}${formatUsd(Math.abs(cost))}/case`);
  }
  return { delta: parts.join(' · '), trend: points > 0 ? 'better' : points < 0 ? 'worse' : 'same' };
}

/** Each case with every model's answer side by side, in the order of the matrix's rows. */
function caseRows(report: SuiteReport): EvalsSuiteResult['cases'] {
  const ids = [...new Set(report.cases.map((c) => c.case))];
  const order = report.models.map((m) => m.model);
  return ids.map((caseId) => ({
    caseId,
    answers: report.cases
      .filter((c) => c.case === caseId)
      .sort((a, b) => order.indexOf(a.model) - order.indexOf(b.model))
      .map((c) => ({ model: c.model, pass: c.pass, answer: c.answer, ...(c.failure !== undefined ? { failure: c.failure } : {}) })),
  }));
}
