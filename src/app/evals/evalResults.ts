import { z } from 'zod';
import type { SuiteReport } from '../views/evalReport';

/**
 * Kept eval runs (`quorum.evals.resultsLocation`: `.quorum/results/` or Quorum's storage for the workspace), one
 * JSON file a run, so a run can be compared with the last one and a later run can demote a routed model. The
 * CLI's `--json` output reads as a run too. A file that is not a run is reported and skipped, never fatal.
 */

/** One run of one or more suites, as kept. Suites are the CLI's `--json` reports (`suiteReport`). */
export interface EvalRun {
  readonly id: string;
  /** ISO time the run finished. */
  readonly at: string;
  /** Who started it: `you`, `scheduled run`, `CLI results <file>`. */
  readonly by: string;
  readonly models: readonly string[];
  readonly suites: readonly SuiteReport[];
}

/** Where runs are kept: a folder of files, by name. */
export interface ResultsFolder {
  list(): Promise<readonly string[]>;
  read(name: string): Promise<string>;
  write(name: string, text: string): Promise<void>;
}

export interface LoadedRuns {
  /** Oldest first. */
  readonly runs: readonly EvalRun[];
  /** `name: why it was skipped`, one a file. */
  readonly problems: readonly string[];
}

const figure = z.number().nullable();
const suiteReportSchema = z.object({
  suite: z.string().min(1),
  feature: z.string(),
  threshold: z.number().min(0).max(1),
  passed: z.boolean(),
  cheapestPassing: z.string().nullable(),
  stopped: z.string().optional(),
  models: z.array(z.object({
    model: z.string(), cases: z.number().int().min(0), passed: z.number().int().min(0), passRate: z.number().min(0).max(1),
    costPerCaseUsd: figure, p50Ms: figure, p95Ms: figure, passes: z.boolean(),
  })),
  cases: z.array(z.object({
    case: z.string(), model: z.string(), pass: z.boolean(), answer: z.string(), failure: z.string().optional(), costUsd: figure, latencyMs: figure,
  })),
});
const runSchema = z.object({ id: z.string().min(1), at: z.string().min(1), by: z.string(), models: z.array(z.string()), suites: z.array(suiteReportSchema) });
const cliSchema = z.object({ suites: z.array(suiteReportSchema).min(1) });

/** The file a run is kept in: sortable by time. */
export function runFileName(run: Pick<EvalRun, 'id' | 'at'>): string {
  return `eval-${run.at.replace(/[:.]/gu, '-')}-${run.id}.json`;
}

export async function saveRun(folder: ResultsFolder, run: EvalRun): Promise<void> {
  await folder.write(runFileName(run), `${JSON.stringify(run, null, 2)}\n`);
}

/** Every kept run, oldest first; files that do not parse as a run are listed in `problems` and skipped. */
export async function loadRuns(folder: ResultsFolder): Promise<LoadedRuns> {
  const names = [...(await folder.list())].filter((n) => /^eval-.*\.json$/u.test(n)).sort();
  const runs: EvalRun[] = [];
  const problems: string[] = [];
  for (const name of names) {
    const parsed = parseRun(name, await folder.read(name).catch((error: unknown) => `\u0000${String(error)}`));
    if ('problem' in parsed) problems.push(parsed.problem);
    else runs.push(parsed.run);
  }
  runs.sort((a, b) => a.at.localeCompare(b.at));
  return { runs, problems };
}

function parseRun(name: string, text: string): { readonly run: EvalRun } | { readonly problem: string } {
  if (text.startsWith('\u0000')) return { problem: `${name}: could not be read (${text.slice(1)}); skipped` };
  const json = parseJson(text);
  if (json === undefined) return { problem: `${name}: not JSON; skipped` };
  const result = runSchema.safeParse(json);
  if (!result.success) return { problem: `${name}: not an eval run (${issueText(result.error)}); skipped` };
  return { run: result.data as EvalRun };
}

/**
 * The CLI's `--json` output (`quorum-eval … --json > results.json`) as a run, so a CI run can demote a model too.
 * @param at ISO time to date it by (the file's modification time)
 */
export function runFromCliJson(file: string, text: string, at: string, id: string): { readonly run: EvalRun } | { readonly problem: string } {
  const json = parseJson(text);
  if (json === undefined) return { problem: `${file}: not JSON (write it with quorum-eval … --json)` };
  const result = cliSchema.safeParse(json);
  if (!result.success) return { problem: `${file}: not a quorum-eval --json result (${issueText(result.error)})` };
  const suites = result.data.suites as SuiteReport[];
  const models = [...new Set(suites.flatMap((s) => s.models.map((m) => m.model)))];
  return { run: { id, at, by: `CLI results ${file}`, models, suites } };
}

/** The latest run before `run` that has suite `suiteId`: what a suite's figures are compared with. */
export function previousRunOf(runs: readonly EvalRun[], run: EvalRun, suiteId: string): EvalRun | undefined {
  return [...runs].reverse().find((r) => r.id !== run.id && r.at <= run.at && r.suites.some((s) => s.suite === suiteId));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function issueText(error: z.ZodError): string {
  const first = error.issues[0];
  return first === undefined ? 'unknown shape' : `${first.path.join('.') || 'top level'}: ${first.message}`;
}
