import { z } from 'zod';
import { LinearPattern } from './linearPattern';
import { MODEL_TIERS } from '../catalog/modelInfo';
import type { ModelTier } from '../catalog/modelInfo';
import { COMPLEXITIES, TASK_TYPES } from '../routing/taskProfile';
import type { Complexity, RoutingFeature, TaskType } from '../routing/taskProfile';
import type { PolicyRequirement, ProviderPolicy } from '../privacy/providerPolicy';
import type { ModelRef } from '../types';
import type { SecretsMode } from './privacySchema';
import { QUALITY_DIALS, type QualityDial } from '../routing/learnedModel';

/**
 * Schemas and validated shapes of `quorum.routing.*` and `quorum.privacy.*`. The zod schemas check raw
 * values (a unit test keeps them identical to the manifest); `validateRouting` turns them into the typed
 * settings below, which the policy and router read.
 */

/**
 * Features a user can address in `quorum.routing.rules[].when.feature` and `quorum.routing.featureTiers`.
 * `classifier` and `healthCheck` are left out on purpose: they are Quorum's own housekeeping calls, pinned to
 * the budget tier so that neither a rule nor a tier setting can make them expensive.
 */
export const USER_FEATURES = ['ask', 'codeAction', 'judge', 'compare', 'vote'] as const satisfies readonly RoutingFeature[];
export type UserFeature = (typeof USER_FEATURES)[number];

export const CLASSIFIER_MODES = ['heuristic', 'model'] as const;
export type ClassifierMode = (typeof CLASSIFIER_MODES)[number];

/** `provider/model`; identical to the manifest's `quorum.routing.rules[].use.model` pattern. */
export const MODEL_REF_PATTERN = /^(openai|anthropic|gemini|compat:[a-z0-9][a-z0-9-]{0,31})\/.+$/;

/**
 * Splits `provider/model` at the first slash: provider ids never contain one, model ids may
 * (`compat:openrouter/meta-llama/llama-4`). `undefined` when the text does not match `MODEL_REF_PATTERN`.
 */
export function parseModelRef(text: string): ModelRef | undefined {
  if (!MODEL_REF_PATTERN.test(text)) return undefined;
  const slash = text.indexOf('/');
  return { provider: text.slice(0, slash), model: text.slice(slash + 1) };
}

/**
 * Compiles a rule's `pattern`. Case-insensitive, because a rule such as "sql" should not miss "SQL" and the
 * setting has no field for flags. Throws `SyntaxError` for an invalid expression.
 */
export function compileRulePattern(source: string): RulePattern {
  return new LinearPattern(source);
}

/** A compiled rule pattern: `LinearPattern` (linear time, so a pattern cannot freeze the host). */
export interface RulePattern {
  test(text: string): boolean;
  readonly source: string;
}

/** The conditions of a validated rule; every given one must hold. Lists mean "any of these". */
export interface RuleConditions {
  readonly task?: readonly TaskType[];
  readonly complexity?: readonly Complexity[];
  /** VS Code language ids, lower-case. */
  readonly language?: readonly string[];
  /** Tested against the prompt text, case-insensitively, in linear time. */
  readonly pattern?: RulePattern;
  readonly feature?: readonly UserFeature[];
}

/** What a matching rule routes to: one model, or a tier (the cheapest capable model at or above it). */
export type RuleTarget = { readonly model: ModelRef } | { readonly tier: ModelTier };

/** One valid `quorum.routing.rules` entry. */
export interface RoutingRule {
  /** The user's name, or `rule <n>` (1-based) when none was given; shown in the route explanation. */
  readonly name: string;
  /** Position in `quorum.routing.rules`, so explanations can point at the setting. */
  readonly index: number;
  readonly when: RuleConditions;
  readonly use: RuleTarget;
  /** Written by "Route … to …" from an eval suite: the suite and the figures that chose the model. */
  readonly eval?: RuleEvalSource;
}

/** The eval suite behind a rule, as the route explanation shows it ("chosen by eval suite X, 96 % pass, $0.0004/case"). */
export interface RuleEvalSource {
  readonly suite: string;
  /** 0–1. */
  readonly passRate: number;
  readonly costPerCaseUsd?: number;
}

export interface RoutingSettings {
  readonly classifier: ClassifierMode;
  /** `quorum.routing.quality`: how much risk of a too-weak answer the learned router accepts to save cost; absent = balanced. */
  readonly quality?: QualityDial;
  /** Valid rules in settings order; invalid ones were skipped with an issue. First match wins. */
  readonly rules: readonly RoutingRule[];
  /** Minimum tier per feature, overriding the built-in minimums of `policy.ts`. */
  readonly featureTiers: Readonly<Partial<Record<UserFeature, ModelTier>>>;
}

export interface PrivacySettings {
  /** Globs over workspace-relative paths; a matching context file restricts the request to local endpoints. */
  readonly localOnlyGlobs: readonly string[];
  /** Absent: every provider may receive requests. Present (even empty): only these provider ids may. */
  readonly allowedProviders?: readonly string[];
  /** What happens to a credential found in a prompt (`quorum.privacy.secrets`); absent = `redact`. */
  readonly secrets?: SecretsMode;
  /** Conditions every remote provider must meet (`quorum.privacy.require`); absent = none. */
  readonly require?: PolicyRequirement;
  /** The user's policy per provider id, over the built-in ones (`quorum.privacy.providerPolicies`). */
  readonly providerPolicies?: Readonly<Record<string, ProviderPolicy>>;
}

const tierSchema = z.enum(MODEL_TIERS, { error: `must be one of ${quoted(MODEL_TIERS)}` });

/** One value of `choices`, or a non-empty list of them (an empty list would make the rule match nothing). */
function oneOrMany<const T extends readonly [string, ...string[]]>(choices: T) {
  const what = `one of ${quoted(choices)}`;
  const choice = z.enum(choices, { error: `must be ${what}` });
  return z.union([choice, z.array(choice).min(1, { error: `must list at least one of ${quoted(choices)}` })], {
    error: `must be ${what}, or a list of them`,
  });
}

const languageId = z.string({ error: 'must be text: a VS Code language id' }).trim().min(1, { error: 'must not be empty' });

export const ruleConditionsSchema = z.object(
  {
    task: oneOrMany(TASK_TYPES as readonly [TaskType, ...TaskType[]]),
    complexity: oneOrMany(COMPLEXITIES as readonly [Complexity, ...Complexity[]]),
    language: z.union([languageId, z.array(languageId).min(1, { error: 'must list at least one language id' })], {
      error: 'must be a VS Code language id such as "sql", or a list of them',
    }),
    pattern: z
      .string({ error: 'must be text: a regular expression' })
      .min(1, { error: 'must not be empty: give a regular expression' })
      .refine(isValidPattern, { error: (issue) => `is not a valid regular expression (${patternError(issue.input)})` }),
    feature: oneOrMany(USER_FEATURES),
  },
  { error: (issue) => (issue.input === undefined ? 'is required (use {} to match every request)' : 'must be an object of conditions') },
).partial();

export const ruleTargetSchema = z
  .object(
    {
      model: z
        .string({ error: 'must be text: "provider/model"' })
        .regex(MODEL_REF_PATTERN, { error: 'must be "provider/model" with a provider openai, anthropic, gemini or compat:<endpoint id>' })
        .optional(),
      tier: tierSchema.optional(),
    },
    { error: (issue) => (issue.input === undefined ? 'is required' : 'must be an object with "model" or "tier"') },
  )
  .refine((use) => (use.model === undefined) !== (use.tier === undefined), {
    error: 'must name exactly one of "model" (e.g. "anthropic/claude-sonnet-5-5") or "tier"',
  });

export const routingRuleSchema = z.object(
  {
    name: z.string({ error: 'must be text' }).optional(),
    when: ruleConditionsSchema,
    use: ruleTargetSchema,
    /** Set by evals ("Route … to …"): the suite that chose the model. */
    eval: z.object({
      suite: z.string({ error: 'must be text: the eval suite id' }).min(1),
      passRate: z.number({ error: 'must be a number from 0 to 1' }).min(0).max(1),
      costPerCaseUsd: z.number().min(0).optional(),
      change: z.string().optional(),
    }, { error: 'must be an object with "suite" and "passRate"' }).optional(),
    /** Set by an eval demotion: the rule is kept but not used until the change is undone (or this is removed). */
    suspended: z.object({
      reason: z.string({ error: 'must be text' }),
      at: z.string().optional(),
      change: z.string().optional(),
    }, { error: 'must be an object with a "reason"' }).optional(),
  },
  { error: 'must be an object with "when" and "use"' },
);

export const RULE_KEYS: readonly string[] = Object.keys(routingRuleSchema.shape);
export const RULE_CONDITION_KEYS: readonly string[] = Object.keys(ruleConditionsSchema.shape);
export const RULE_TARGET_KEYS: readonly string[] = Object.keys(ruleTargetSchema.shape);

export const featureTiersSchema = z
  .object(Object.fromEntries(USER_FEATURES.map((feature) => [feature, tierSchema.optional()])) as Record<UserFeature, z.ZodOptional<typeof tierSchema>>, {
    error: 'must be an object such as { "judge": "premium" }',
  })
  .default({});

/** Code actions whose quality tier a user can set (`quorum.codeActions.tiers`). */
export const TIERED_CODE_ACTIONS = ['explain', 'fix', 'refactor', 'tests', 'docs'] as const;
export type TieredCodeAction = (typeof TIERED_CODE_ACTIONS)[number];

export const codeActionTiersSchema = z
  .object(Object.fromEntries(TIERED_CODE_ACTIONS.map((action) => [action, tierSchema.optional()])) as Record<TieredCodeAction, z.ZodOptional<typeof tierSchema>>, {
    error: 'must be an object such as { "fix": "premium" }',
  })
  .default({});

export const qualitySchema = z.enum(QUALITY_DIALS, { error: "must be 'economy', 'balanced' or 'quality'" }).default('balanced');

export const classifierSchema = z.enum(CLASSIFIER_MODES, { error: "must be 'heuristic' or 'model'" }).default('heuristic');

const textList = (what: string) =>
  z.array(z.string({ error: `must be text: ${what}` }), { error: `must be a list of ${what}s` }).default([]);

export const localOnlyGlobsSchema = textList('glob');
export const allowedProvidersSchema = textList('provider id');

function isValidPattern(source: string): boolean {
  return patternError(source) === undefined;
}

function patternError(source: unknown): string | undefined {
  if (typeof source !== 'string') return 'not text';
  try {
    compileRulePattern(source);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function quoted(values: readonly string[]): string {
  return values.map((value) => `'${value}'`).join(', ');
}
