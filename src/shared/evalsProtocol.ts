/**
 * The Evals tab of the Quorum panel: what the host shows (suites, the matrix of the last run with its deltas
 * against the run before, the model to route to) and what the tab asks for (estimate, run, cancel, route,
 * undo). Every figure is formatted by the host (app/views/evalsView.ts); the view only renders text.
 */
import * as z from 'zod/mini';
import { line, ref, text } from './panelFields';

/** At most this many models in one run (the bound: a matrix a person can read). */
export const MAX_EVAL_MODELS = 12;
const MAX_SUITES = 200;
const MAX_ROWS = 5_000;

export interface EvalsSuiteOption {
  readonly id: string;
  readonly file: string;
  readonly feature: string;
  readonly cases: number;
  /** `90 %`. */
  readonly threshold: string;
}

export interface EvalsModelRow {
  readonly model: string;
  readonly label: string;
  readonly passes: boolean;
  /** `83.3 % (5/6)`. */
  readonly passRate: string;
  readonly costPerCase: string;
  readonly p50: string;
  readonly p95: string;
  /** Against the last run of the suite that had this model: `+16.7 pts · −$0.0001/case`; absent without one. */
  readonly delta?: string;
  readonly trend?: 'better' | 'worse' | 'same';
}

export interface EvalsCaseAnswer {
  readonly model: string;
  readonly pass: boolean;
  /** Untrusted model output: rendered as plain text. */
  readonly answer: string;
  /** The failing check(s) explained. */
  readonly failure?: string;
}

export interface EvalsSuiteResult {
  readonly suite: string;
  readonly feature: string;
  readonly threshold: string;
  readonly rows: readonly EvalsModelRow[];
  readonly cases: readonly { readonly caseId: string; readonly answers: readonly EvalsCaseAnswer[] }[];
  /** `cheapest passing: … (96 %, $0.0004/case)` or `no model passes 90 %`. */
  readonly verdict: string;
  /** The one-click route to the cheapest passing model (absent when none passes). */
  readonly route?: { readonly model: string; readonly label: string; readonly routed: boolean };
  /** Why the suite cannot be routed by a rule, when it cannot. */
  readonly routeProblem?: string;
  /** `compared with the run of …`, when there is an earlier run of this suite. */
  readonly comparedWith?: string;
  readonly stopped?: string;
}

export interface EvalsRunView {
  readonly id: string;
  /** `Run of 6 Dec 2026, 02:31 by you`. */
  readonly title: string;
  readonly results: readonly EvalsSuiteResult[];
}

/** One job of the batch queue, as the tab lists it (`app/views/batchQueueView.ts`). */
export interface EvalsBatchJob {
  /** The queue's id: `<provider>:<vendor batch id>`. */
  readonly id: string;
  /** `greetings · openai/gpt-6-luna`. */
  readonly title: string;
  /** `submitted`, `in progress`, `partially done`, `done`, `expired`, `cancelled`, `failed`… */
  readonly state: string;
  /** `40/200`, `198/200 answered`, or `—`. */
  readonly progress: string;
  readonly submitted: string;
  /** Running: it can be cancelled; else it can be removed from the list. */
  readonly active: boolean;
  readonly problem?: string;
}

export interface EvalsState {
  readonly suites: readonly EvalsSuiteOption[];
  /** Suite files that do not parse, each with its `file:line:column: message` problems. */
  readonly invalid: readonly { readonly file: string; readonly problems: readonly string[] }[];
  /** Kept results that could not be read (skipped). */
  readonly resultProblems: readonly string[];
  readonly selectedSuites: readonly string[];
  readonly selectedModels: readonly string[];
  /** The estimate of the selection, with what the budget says of it; absent until asked. */
  readonly estimate?: { readonly text: string; readonly budget: string; readonly blocked: boolean };
  readonly running: boolean;
  /** `Case 3 of 12 · invoices`. */
  readonly progress?: string;
  readonly run?: EvalsRunView;
  /** The latest routing changes evals made, newest first, each undoable until undone. */
  readonly changes: readonly { readonly id: string; readonly text: string; readonly undoable: boolean }[];
  /** The batch queue (newest first, at most 50). */
  readonly batchJobs: readonly EvalsBatchJob[];
  /** `The run of … came back from batch …`: a run whose jobs finished after a window reload was imported. */
  readonly notice?: string;
  /** The last thing that went wrong, said so the user can act on it. */
  readonly error?: string;
}

const name = z.string().check(z.minLength(1), z.maxLength(300));
const shortList = <T extends z.ZodMiniType>(item: T, max: number) => z.array(item).check(z.maxLength(max));

const rowSchema = z.object({
  model: ref, label: line, passes: z.boolean(), passRate: line, costPerCase: line, p50: line, p95: line,
  delta: z.optional(line), trend: z.optional(z.enum(['better', 'worse', 'same'])),
});
const answerSchema = z.object({ model: ref, pass: z.boolean(), answer: text, failure: z.optional(line) });
const resultSchema = z.object({
  suite: name, feature: line, threshold: line,
  rows: shortList(rowSchema, MAX_EVAL_MODELS),
  cases: shortList(z.object({ caseId: line, answers: shortList(answerSchema, MAX_EVAL_MODELS) }), MAX_ROWS),
  verdict: line,
  route: z.optional(z.object({ model: ref, label: line, routed: z.boolean() })),
  routeProblem: z.optional(line), comparedWith: z.optional(line), stopped: z.optional(line),
});

export const evalsStateSchema: z.ZodMiniType<EvalsState> = z.object({
  suites: shortList(z.object({ id: name, file: line, feature: line, cases: z.int().check(z.nonnegative()), threshold: line }), MAX_SUITES),
  invalid: shortList(z.object({ file: line, problems: shortList(line, 100) }), MAX_SUITES),
  resultProblems: shortList(line, 100),
  selectedSuites: shortList(name, MAX_SUITES),
  selectedModels: shortList(ref, MAX_EVAL_MODELS),
  estimate: z.optional(z.object({ text: line, budget: line, blocked: z.boolean() })),
  running: z.boolean(),
  progress: z.optional(line),
  run: z.optional(z.object({ id: name, title: line, results: shortList(resultSchema, MAX_SUITES) })),
  changes: shortList(z.object({ id: name, text: line, undoable: z.boolean() }), 50),
  batchJobs: shortList(z.object({ id: name, title: line, state: line, progress: line, submitted: line, active: z.boolean(), problem: z.optional(line) }), 50),
  notice: z.optional(line),
  error: z.optional(line),
});

/** What the Evals tab asks the host; a selection is 1+ suites and 1–12 models. */
export const evalsSelection = {
  suites: z.array(name).check(z.minLength(1), z.maxLength(MAX_SUITES)),
  models: z.array(ref).check(z.minLength(1), z.maxLength(MAX_EVAL_MODELS)),
};

export type EvalsViewMessage =
  | { type: 'evals/estimate'; suites: string[]; models: string[] }
  | { type: 'evals/run'; suites: string[]; models: string[] }
  | { type: 'evals/cancel' }
  | { type: 'evals/refresh' }
  | { type: 'evals/route'; suite: string; model: string }
  | { type: 'evals/undo'; change: string }
  | { type: 'evals/cancelJob'; job: string }
  | { type: 'evals/removeJob'; job: string };

export const evalsViewMessageSchemas = [
  /** Estimate the selection (through the budget's rules; nothing is sent). */
  z.object({ type: z.literal('evals/estimate'), ...evalsSelection }),
  /** Run the selection: every case on every model, through the request path. */
  z.object({ type: z.literal('evals/run'), ...evalsSelection }),
  z.object({ type: z.literal('evals/cancel') }),
  /** Read the suites and the kept runs again. */
  z.object({ type: z.literal('evals/refresh') }),
  /** Write the routing rule "suite's feature → model" (carrying the suite id). */
  z.object({ type: z.literal('evals/route'), suite: name, model: ref }),
  /** Reverse one routing change evals made. */
  z.object({ type: z.literal('evals/undo'), change: name }),
  /** Ask the vendor to cancel a running batch job (what finished is kept). */
  z.object({ type: z.literal('evals/cancelJob'), job: name }),
  /** Drop a finished batch job from the queue (its ledger records stay). */
  z.object({ type: z.literal('evals/removeJob'), job: name }),
] as const;
