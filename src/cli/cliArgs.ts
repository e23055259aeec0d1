import { parseModelRef } from '../core/config/routingSchema';
import type { ModelRef } from '../core/types';

/** What `quorum-eval` was asked to do. */
export interface CliArgs {
  /** A suite file or a folder of `*.yaml` / `*.yml` suites. */
  readonly path: string;
  readonly models: readonly ModelRef[];
  readonly json: boolean;
  readonly judge?: ModelRef;
  /** Stop the run before its spend would cross this many USD. */
  readonly maxUsd?: number;
  /** Folder the suites' `files` and `images` are relative to; default: the current one. */
  readonly workspace?: string;
}

export const USAGE = `usage: quorum-eval <suite.yaml | folder> --models provider/model[,provider/model…] [--judge provider/model] [--max-usd N] [--workspace DIR] [--json]
  Keys: OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY; base URLs: OPENAI_BASE_URL, ANTHROPIC_BASE_URL, GEMINI_BASE_URL.
  Exit 0 when every suite has a model passing its threshold, 1 when some suite has none (or its run stopped early), 2 on bad input.`;

/** Most models one run compares (the Evals tab's limit). */
export const MAX_MODELS = 12;

/** Parses argv (after the script name): the arguments, or the problem to print before the usage. Pure. */
export function parseCliArgs(argv: readonly string[]): CliArgs | { readonly problem: string } {
  const values = new Map<string, string>();
  const positional: string[] = [];
  let json = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--json') json = true;
    else if (['--models', '--judge', '--max-usd', '--workspace'].includes(arg)) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) return { problem: `${arg} needs a value` };
      values.set(arg, value);
      i += 1;
    } else if (arg.startsWith('--')) return { problem: `unknown option ${arg}` };
    else positional.push(arg);
  }
  if (positional.length !== 1) return { problem: 'give exactly one suite file or folder' };
  const modelTexts = (values.get('--models') ?? '').split(',').map((m) => m.trim()).filter((m) => m !== '');
  if (modelTexts.length === 0) return { problem: '--models is required' };
  if (modelTexts.length > MAX_MODELS) return { problem: `at most ${MAX_MODELS} models` };
  const models: ModelRef[] = [];
  for (const text of modelTexts) {
    const ref = parseModelRef(text);
    if (ref === undefined) return { problem: `"${text}" is not provider/model (e.g. openai/gpt-6-luna)` };
    models.push(ref);
  }
  const judgeText = values.get('--judge');
  const judge = judgeText === undefined ? undefined : parseModelRef(judgeText);
  if (judgeText !== undefined && judge === undefined) return { problem: `--judge "${judgeText}" is not provider/model` };
  const maxText = values.get('--max-usd');
  const maxUsd = maxText === undefined ? undefined : Number(maxText);
  if (maxUsd !== undefined && !(Number.isFinite(maxUsd) && maxUsd > 0)) return { problem: '--max-usd must be a positive number of USD' };
  const workspace = values.get('--workspace');
  return {
    path: positional[0] ?? '', models, json,
    ...(judge !== undefined ? { judge } : {}), ...(maxUsd !== undefined ? { maxUsd } : {}), ...(workspace !== undefined ? { workspace } : {}),
  };
}
