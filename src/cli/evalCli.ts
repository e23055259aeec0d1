import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { EvalSetupError, runSuite } from '../app/evals/evalRunner';
import { suiteReport, suiteReportText, type SuiteReport } from '../app/views/evalReport';
import { parseSuite, problemText } from '../core/evals/parseSuite';
import type { EvalSuite } from '../core/evals/suiteSchema';
import type { ModelCatalog } from '../core/catalog/modelCatalog';
import { formatUsd } from '../core/cost/formatUsd';
import { parseCliArgs, USAGE, type CliArgs } from './cliArgs';
import { cliRequestPath, VENDOR_ENV, type CliRequestPath, type Environment } from './cliRequestPath';
import { typescriptSyntax } from './typescriptSyntax';

/** Exit codes: every suite has a passing model; some suite has none (or stopped early); bad input. */
export const EXIT = { ok: 0, belowThreshold: 1, badInput: 2 } as const;

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Folder relative paths are read from. */
  readonly cwd: string;
  readonly signal?: AbortSignal;
}

/**
 * `quorum-eval`: runs suites across models through the same request path as the extension and prints the matrix.
 * Returns the exit code; never throws.
 */
export async function runCli(argv: readonly string[], env: Environment, io: CliIo): Promise<number> {
  const args = parseCliArgs(argv);
  if ('problem' in args) return bad(io, `${args.problem}\n${USAGE}`);
  try {
    const suites = await loadSuites(path.resolve(io.cwd, args.path));
    if ('problems' in suites) return bad(io, suites.problems.join('\n'));
    const requestPath = cliRequestPath(env, args.maxUsd);
    const setup = checkModels(args, requestPath.services.catalog(), env);
    if (setup !== undefined) return bad(io, setup);
    return await runAll(args, suites.suites, requestPath, io);
  } catch (error) {
    if (error instanceof EvalSetupError) return bad(io, error.message);
    io.err(`quorum-eval: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.badInput;
  }
}

async function runAll(args: CliArgs, suites: readonly EvalSuite[], requestPath: CliRequestPath, io: CliIo): Promise<number> {
  const workspace = path.resolve(io.cwd, args.workspace ?? '.');
  const read = (relative: string) => readFile(path.resolve(workspace, relative));
  const reports: SuiteReport[] = [];
  for (const suite of suites) {
    const { matrix, stopped } = await runSuite(suite, args.models, { requests: requestPath.requests, catalog: requestPath.services.catalog, read, syntax: typescriptSyntax }, {
      ...(args.judge !== undefined ? { judge: args.judge } : {}), ...(io.signal !== undefined ? { signal: io.signal } : {}),
    });
    const report = suiteReport(suite.feature, matrix, stopped);
    reports.push(report);
    if (!args.json) io.out(`${suiteReportText(report, matrix)}\n`);
  }
  const costs = requestPath.records.map((r) => r.costUsd);
  const total = costs.every((c) => c !== undefined) ? costs.reduce((a: number, b) => a + (b ?? 0), 0) : undefined;
  const exitCode = reports.every((r) => r.passed) ? EXIT.ok : EXIT.belowThreshold;
  if (args.json) io.out(JSON.stringify({ suites: reports, calls: costs.length, totalCostUsd: total ?? null, exitCode }, null, 2));
  else io.out(`${costs.length} calls, ${formatUsd(total)} in all`);
  return exitCode;
}

/** Every chosen (and judge) model is in the catalog and its vendor has a key in the environment. */
function checkModels(args: CliArgs, catalog: ModelCatalog, env: Environment): string | undefined {
  for (const ref of [...args.models, ...(args.judge !== undefined ? [args.judge] : [])]) {
    const name = `${ref.provider}/${ref.model}`;
    if (catalog.get(ref) === undefined) return `${name} is not a known model`;
    const vendor = VENDOR_ENV[ref.provider as keyof typeof VENDOR_ENV];
    if (vendor === undefined) return `${name}: the CLI speaks to openai, anthropic and gemini`;
    if ((env[vendor.key] ?? '').trim() === '') return `${name} needs ${vendor.key} in the environment`;
  }
  return undefined;
}

async function loadSuites(target: string): Promise<{ readonly suites: EvalSuite[] } | { readonly problems: string[] }> {
  const info = await stat(target).catch(() => undefined);
  if (info === undefined) return { problems: [`${target}: no such file or folder`] };
  const files = info.isDirectory()
    ? (await readdir(target)).filter((f) => /\.ya?ml$/iu.test(f)).sort().map((f) => path.join(target, f))
    : [target];
  if (files.length === 0) return { problems: [`${target}: no .yaml or .yml suites`] };
  const suites: EvalSuite[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const parsed = parseSuite(file, await readFile(file, 'utf8'));
    if (parsed.suite !== undefined) suites.push(parsed.suite);
    else problems.push(...parsed.problems.map(problemText));
  }
  return problems.length > 0 ? { problems } : { suites };
}

function bad(io: CliIo, message: string): number {
  io.err(`quorum-eval: ${message}`);
  return EXIT.badInput;
}
