import type { EvalRun, ResultsFolder } from '../../../../src/app/evals/evalResults';
import type { SuiteReport } from '../../../../src/app/views/evalReport';

/** A results folder in memory. */
export function memoryFolder(files: Record<string, string> = {}): ResultsFolder & { readonly files: Record<string, string> } {
  return {
    files,
    list: () => Promise.resolve(Object.keys(files)),
    read: (name) => (name in files ? Promise.resolve(files[name] ?? '') : Promise.reject(new Error('missing'))),
    write: (name, text) => {
      files[name] = text;
      return Promise.resolve();
    },
  };
}

type ModelFigures = readonly [model: string, passed: number, costPerCaseUsd: number | null];

/** A suite report of `cases` cases per model; `passes` follows the threshold. */
export function report(suite: string, models: readonly ModelFigures[], options: { cases?: number; threshold?: number; feature?: string } = {}): SuiteReport {
  const cases = options.cases ?? 6;
  const threshold = options.threshold ?? 0.9;
  const rows = models.map(([model, passed, cost]) => ({
    model, cases, passed, passRate: passed / cases, costPerCaseUsd: cost, p50Ms: 100, p95Ms: 180, passes: passed / cases >= threshold,
  }));
  const passing = rows.filter((r) => r.passes).sort((a, b) => (a.costPerCaseUsd ?? Infinity) - (b.costPerCaseUsd ?? Infinity));
  return {
    suite, feature: options.feature ?? 'ask', threshold, passed: passing.length > 0, cheapestPassing: passing[0]?.model ?? null,
    models: rows,
    cases: models.flatMap(([model, passed]) => Array.from({ length: cases }, (_, i) => ({
      case: `case-${i + 1}`, model, pass: i < passed, answer: `answer ${i + 1} of ${model}`, ...(i < passed ? {} : { failure: 'contains: no "42"' }), costUsd: 0.001, latencyMs: 100,
    }))),
  };
}

export function run(id: string, at: string, suites: readonly SuiteReport[], by = 'you'): EvalRun {
  return { id, at, by, models: [...new Set(suites.flatMap((s) => s.models.map((m) => m.model)))], suites };
}
