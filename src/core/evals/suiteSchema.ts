import { z } from 'zod';

/**
 * The golden-set suite format (`.quorum/evals/*.yaml`, docs/evals.md): what a suite governs, how its cases
 * are asked, and the checks an answer must pass. Validated with zod; `parseSuite.ts` maps problems to lines.
 */

/** Fraction of cases a model must pass for the suite to count it as good enough (0–1). */
export const DEFAULT_THRESHOLD = 0.9;
/** Longest text a `regex` check runs on, in characters: a bound on the work one match may do. */
export const MAX_REGEX_INPUT = 20_000;

const text = z.string({ error: 'must be text' });
const nonEmpty = text.min(1, { error: 'must not be empty' });

export const checkSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('equals'), value: text, ignoreCase: z.boolean().optional() }).strict(),
  z.object({ type: z.literal('contains'), value: nonEmpty, ignoreCase: z.boolean().optional() }).strict(),
  z.object({ type: z.literal('not-contains'), value: nonEmpty, ignoreCase: z.boolean().optional() }).strict(),
  z.object({ type: z.literal('regex'), value: nonEmpty.max(500, { error: 'must be at most 500 characters' }), flags: z.string().regex(/^[imsu]*$/u, { error: 'may only use the flags i, m, s, u' }).optional() }).strict(),
  /** Without `value`: the answer must parse as JSON; with it, also validate against that JSON schema. */
  z.object({ type: z.literal('json-schema'), value: z.record(z.string(), z.unknown()).optional() }).strict(),
  z.object({ type: z.literal('code-compiles'), value: z.enum(['ts', 'tsx', 'js', 'jsx'], { error: 'must be ts, tsx, js or jsx' }).default('ts') }).strict(),
  z.object({ type: z.literal('similar'), value: nonEmpty }).strict(),
  z.object({ type: z.literal('judge'), value: nonEmpty }).strict(),
], { error: 'must have a type: equals, contains, not-contains, regex, json-schema, code-compiles, similar or judge' });

export type EvalCheck = z.infer<typeof checkSchema>;
export type EvalCheckType = EvalCheck['type'];

export const caseSchema = z.object({
  id: nonEmpty.optional(),
  /** The prompt as sent; without it, the suite's `prompt` template filled with `vars`. */
  prompt: nonEmpty.optional(),
  vars: z.record(z.string(), z.union([text, z.number(), z.boolean()])).optional(),
  /** Files attached to the prompt, by path relative to the workspace folder. */
  files: z.array(nonEmpty).optional(),
  /** Images (png, jpeg, gif, webp) by path relative to the workspace folder. */
  images: z.array(nonEmpty.regex(/\.(png|jpe?g|gif|webp)$/iu, { error: 'must be a .png, .jpg, .jpeg, .gif or .webp file' })).optional(),
  checks: z.array(checkSchema).min(1, { error: 'needs at least one check' }),
}).strict();

export const suiteSchema = z.object({
  id: nonEmpty.regex(/^[\w.:-]+$/u, { error: 'may only use letters, digits, _ . : -' }).optional(),
  description: text.optional(),
  /** The feature or task type the suite governs, e.g. `codeAction:fix` or `ask:extraction`. */
  feature: nonEmpty.regex(/^[a-zA-Z]+(?::[\w-]+)?$/u, { error: 'must be a feature, optionally with a task: e.g. codeAction:fix or ask:extraction' }),
  /** A template with `{{name}}` variables filled from each case's `vars`. */
  prompt: nonEmpty.optional(),
  system: nonEmpty.optional(),
  threshold: z.number({ error: 'must be a number from 0 to 1' }).min(0).max(1).default(DEFAULT_THRESHOLD),
  maxOutputTokens: z.number().int().min(1).max(64_000).optional(),
  /** The model that grades `judge` checks (`provider/model`, standard tier or above). */
  judge: z.string().regex(/^[\w:-]+\/.+$/u, { error: 'must be provider/model' }).optional(),
  cases: z.array(caseSchema).min(1, { error: 'needs at least one case' }),
}).strict();

export type SuiteInput = z.input<typeof suiteSchema>;

/** A validated suite; every case has an id and a prompt (templates filled). */
export interface EvalSuite {
  readonly id: string;
  readonly description?: string;
  readonly feature: string;
  readonly system?: string;
  /** 0–1. */
  readonly threshold: number;
  readonly maxOutputTokens?: number;
  readonly judge?: string;
  readonly cases: readonly EvalCase[];
}

export interface EvalCase {
  readonly id: string;
  readonly prompt: string;
  readonly files: readonly string[];
  readonly images: readonly string[];
  readonly checks: readonly EvalCheck[];
}
