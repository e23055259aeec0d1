import { z } from 'zod';
import { EVAL_SCHEDULES, type EvalSchedule } from '../evals/evalSchedule';
import { userModelEntrySchema } from './modelsSchema';
import type { UserModelEntry } from './modelsSchema';
import {
  allowedProvidersSchema,
  classifierSchema,
  qualitySchema,
  codeActionTiersSchema,
  featureTiersSchema,
  localOnlyGlobsSchema,
  routingRuleSchema,
} from './routingSchema';
import { providerPoliciesSchema, requireSchema, secretsModeSchema } from './privacySchema';
import type { PrivacySettings, RoutingSettings, TieredCodeAction } from './routingSchema';
import type { ModelTier } from '../catalog/modelInfo';
import { urlCredentialProblem } from './endpointUrl';
import { exactCacheSchema, type ExactCacheSetting } from './cacheSchema';

/**
 * One zod schema per `quorum.*` setting, keyed by the setting's full name, with the manifest's default and
 * bounds. `package.json` `contributes.configuration` is the contract; a unit test keeps the two identical.
 * The schemas check raw values; `validateSettings` turns them into the typed `QuorumSettings` below.
 */

/** Endpoint ids; identical to the manifest's `quorum.providers.openaiCompatible[].id` pattern. */
export const COMPAT_ENDPOINT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,31}$/;

/** True for an absolute `http:` or `https:` URL with a host. */
export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** True when the URL's host is this machine: `localhost`, `*.localhost`, 127.0.0.0/8 or `::1`. */
export function isLoopbackUrl(text: string): boolean {
  try {
    const host = new URL(text).hostname.toLowerCase();
    return host === 'localhost' || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host) || host === '[::1]';
  } catch {
    return false;
  }
}

/** A base URL that carries a key is rejected, with what to do instead (issue 13, finding 9). */
function rejectCredentials(text: string, ctx: z.RefinementCtx<string>): void {
  const problem = text === '' ? undefined : urlCredentialProblem(text);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
}

const vendorBaseUrl = z
  .string({ error: 'must be text: an http(s) URL, or empty for the vendor default' })
  .trim()
  .refine((text) => text === '' || isHttpUrl(text), {
    error: 'must be an http:// or https:// URL, or empty for the vendor default',
  })
  .superRefine(rejectCredentials);

const seconds = (defaultSeconds: number, maxSeconds: number, minSeconds = 1) =>
  z
    .number({ error: `must be a number of seconds from ${minSeconds} to ${maxSeconds}` })
    .min(minSeconds, { error: `must be at least ${minSeconds} second${minSeconds === 1 ? '' : 's'} (at most ${maxSeconds})` })
    .max(maxSeconds, { error: `must be at most ${maxSeconds} seconds (at least ${minSeconds})` })
    .default(defaultSeconds);

const wholeNumber = (what: string, defaultValue: number, min: number, max: number) =>
  z
    .number({ error: `must be a whole number of ${what} from ${min} to ${max}` })
    .int({ error: `must be a whole number of ${what} from ${min} to ${max}` })
    .min(min, { error: `must be at least ${min} ${what} (at most ${max})` })
    .max(max, { error: `must be at most ${max} ${what} (at least ${min})` })
    .default(defaultValue);

/** A USD amount; 0 means "no cap". */
const usd = () =>
  z
    .number({ error: 'must be an amount in USD (0 for no cap)' })
    .min(0, { error: 'must be 0 (no cap) or more' })
    .max(1_000_000, { error: 'must be at most 1,000,000 USD' })
    .default(0);

export const BUDGET_ON_EXCEED = ['confirm', 'block'] as const;
/** What the status-bar meter totals: today, this month, or everything recorded for the workspace. */
export const SPEND_SCOPES = ['today', 'month', 'workspace'] as const;
export type SpendScope = (typeof SPEND_SCOPES)[number];

/** `quorum.evals.resultsLocation`: `.quorum/results/` in the workspace, or Quorum's storage for it. */
export const EVAL_RESULTS_LOCATIONS = ['workspace', 'global'] as const;
export type EvalResultsLocation = (typeof EVAL_RESULTS_LOCATIONS)[number];

const flag = (defaultValue: boolean) => z.boolean({ error: 'must be true or false' }).default(defaultValue);

export const compatEndpointSchema = z.object(
  {
    id: z
      .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') })
      .regex(COMPAT_ENDPOINT_ID_PATTERN, {
        error: "must be 1 to 32 lower-case letters, digits or dashes, not starting with a dash (for example 'ollama')",
      }),
    name: z.string({ error: 'must be text' }).optional(),
    baseUrl: z
      .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text: an http(s) URL') })
      .trim()
      .refine(isHttpUrl, { error: 'must be an http:// or https:// URL such as http://localhost:11434/v1' })
      .superRefine(rejectCredentials),
    requiresKey: z.boolean({ error: 'must be true or false' }).default(false),
    local: z.boolean({ error: 'must be true or false' }).optional(),
    models: z
      .array(z.string({ error: 'must be text: a model id' }).trim().min(1, { error: 'must not be empty' }), {
        error: 'must be a list of model ids',
      })
      .optional(),
  },
  { error: 'must be an object with at least "id" and "baseUrl"' },
);

/** Property names an endpoint entry may have; any other is reported and ignored. */
export const COMPAT_ENDPOINT_KEYS: readonly string[] = Object.keys(compatEndpointSchema.shape);

export const GEMINI_API_VERSIONS = ['v1beta', 'v1'] as const;
export type GeminiApiVersion = (typeof GEMINI_API_VERSIONS)[number];

/** Every `quorum.*` setting in the manifest, by full name. */
export const settingsSchema = {
  'quorum.providers.openai.baseUrl': vendorBaseUrl.default(''),
  'quorum.providers.anthropic.baseUrl': vendorBaseUrl.default(''),
  'quorum.providers.gemini.baseUrl': vendorBaseUrl.default(''),
  'quorum.providers.gemini.apiVersion': z
    .enum(GEMINI_API_VERSIONS, { error: "must be 'v1beta' or 'v1'" })
    .default('v1beta'),
  'quorum.providers.openaiCompatible': z
    .array(compatEndpointSchema, { error: 'must be a list of endpoint objects' })
    .default([]),
  'quorum.models': z.array(userModelEntrySchema, { error: 'must be a list of model objects' }).default([]),
  'quorum.timeouts.firstTokenSeconds': seconds(60, 600),
  'quorum.timeouts.idleSeconds': seconds(30, 600),
  'quorum.providers.checkTimeoutSeconds': seconds(10, 120),
  'quorum.routing.classifier': classifierSchema,
  'quorum.routing.quality': qualitySchema,
  'quorum.routing.rules': z.array(routingRuleSchema, { error: 'must be a list of rule objects' }).default([]),
  'quorum.routing.featureTiers': featureTiersSchema,
  'quorum.codeActions.tiers': codeActionTiersSchema,
  'quorum.privacy.localOnlyGlobs': localOnlyGlobsSchema,
  'quorum.privacy.allowedProviders': allowedProvidersSchema,
  'quorum.privacy.secrets': secretsModeSchema,
  'quorum.privacy.require': requireSchema,
  'quorum.privacy.providerPolicies': providerPoliciesSchema,
  'quorum.fallback.maxRetriesPerModel': wholeNumber('retries', 2, 0, 5),
  'quorum.fallback.totalDeadlineSeconds': seconds(120, 1800, 5),
  'quorum.fallback.tryAnotherOnContentFilter': flag(false),
  'quorum.health.activeChecks': flag(false),
  'quorum.health.intervalSeconds': seconds(60, 3600, 15),
  'quorum.ask.contextTokenBudget': wholeNumber('tokens', 8000, 0, 200_000),
  'quorum.ask.confirmAboveUsd': usd(),
  'quorum.providers.vscodeLm': flag(false),
  'quorum.budget.dailyUsd': usd(),
  'quorum.budget.monthlyUsd': usd(),
  'quorum.budget.perRequestUsd': usd(),
  'quorum.budget.onExceed': z.enum(BUDGET_ON_EXCEED, { error: 'must be "confirm" or "block"' }).default('confirm'),
  'quorum.budget.stopStreamingAtCap': flag(false),
  'quorum.savings.baselineModel': z.string({ error: 'must be text: provider/model, or empty for the most capable configured model' }).trim().default(''),
  'quorum.spend.statusBarScope': z.enum(SPEND_SCOPES, { error: 'must be "today", "month" or "workspace"' }).default('today'),
  'quorum.cache.exact': exactCacheSchema,
  'quorum.evals.batch': z.enum(['auto', 'never'], { error: 'must be "auto" or "never"' }).default('auto'),
  'quorum.evals.resultsLocation': z.enum(EVAL_RESULTS_LOCATIONS, { error: 'must be "workspace" or "global"' }).default('workspace'),
  'quorum.evals.schedule': z.enum(EVAL_SCHEDULES, { error: 'must be "off", "daily" or "weekly"' }).default('off'),
} as const;

export type SettingKey = keyof typeof settingsSchema;

/** A validated OpenAI-compatible endpoint. */
export interface CompatEndpoint {
  /** Short id from the settings, e.g. `ollama`. */
  readonly id: string;
  /** Provider instance id used in `ModelRef.provider`: `compat:<id>`. */
  readonly providerId: string;
  /** Display name; the id when none was given. */
  readonly name: string;
  /** Base URL including `/v1`, without a trailing slash. */
  readonly baseUrl: string;
  readonly requiresKey: boolean;
  /** Runs on this machine: as configured, else true for loopback hosts. */
  readonly local: boolean;
  /** Model ids to offer; empty means discover them from `<baseUrl>/models`. */
  readonly models: readonly string[];
}

export interface VendorEndpoint {
  /** Base URL without a trailing slash; `undefined` uses the vendor's default. */
  readonly baseUrl?: string;
}

/** All Quorum settings, validated and typed. Durations are milliseconds. */
export interface QuorumSettings {
  readonly providers: {
    readonly openai: VendorEndpoint;
    readonly anthropic: VendorEndpoint;
    readonly gemini: VendorEndpoint & { readonly apiVersion: GeminiApiVersion };
    readonly openaiCompatible: readonly CompatEndpoint[];
    /** Offer VS Code's language models (`vscode.lm`, e.g. Copilot's) as provider `vscodeLm`. */
    readonly vscodeLm: boolean;
  };
  readonly models: readonly UserModelEntry[];
  readonly timeouts: {
    /** Longest wait for the first token of an answer, in ms. */
    readonly firstTokenMs: number;
    /** Longest silence between two chunks of a streaming answer, in ms. */
    readonly idleMs: number;
  };
  /** Longest wait for a provider's model listing when checking keys and reachability, in ms. */
  readonly providerCheckTimeoutMs: number;
  readonly routing: RoutingSettings;
  /** Minimum quality tier per code action (`quorum.codeActions.tiers`); unset actions use the task table. */
  readonly codeActionTiers: Readonly<Partial<Record<TieredCodeAction, ModelTier>>>;
  readonly privacy: PrivacySettings;
  readonly fallback: {
    /** Retries on the same model for transient failures before moving on (0–5). */
    readonly maxRetriesPerModel: number;
    /** One deadline for a whole request, all retries and fallbacks included, in ms. */
    readonly totalDeadlineMs: number;
    /** After a content filter, try the next model instead of stopping. */
    readonly tryAnotherOnContentFilter: boolean;
  };
  readonly health: {
    readonly activeChecks: boolean;
    /** Time between active health checks, in ms. */
    readonly intervalMs: number;
  };
  readonly ask: {
    /** Most tokens of selection and active-file context attached to Ask Best Model. */
    readonly contextTokenBudget: number;
    /** Show the routed model and its estimate before sending when the estimate is above this, in USD; 0 = never. */
    readonly confirmAboveUsd: number;
  };
  readonly budget: {
    /** Daily cap for this workspace in USD; `undefined` = no cap. */
    readonly dailyUsd?: number;
    /** Monthly cap for this workspace in USD; `undefined` = no cap. */
    readonly monthlyUsd?: number;
    /** Cap on one request (an Ask, a whole Compare or Vote) in USD; `undefined` = no cap. */
    readonly perRequestUsd?: number;
    readonly onExceed: (typeof BUDGET_ON_EXCEED)[number];
    readonly stopStreamingAtCap: boolean;
  };
  /** `provider/model` to compare routed calls with; `undefined` = the most capable configured model. */
  readonly savingsBaselineModel?: string;
  readonly spendStatusBarScope: SpendScope;
  readonly cache: {
    /** Features whose answers the exact response cache may give (`quorum.cache.exact`); unset = off. */
    readonly exact: ExactCacheSetting;
  };
  /**
   * `quorum.evals.*`: `batch` — large runs through the vendors' batch APIs at half price (`core/evals/batchPolicy.ts`);
   * where runs are kept, and how often they are repeated on their own.
   */
  readonly evals: { readonly batch: 'auto' | 'never'; readonly resultsLocation: EvalResultsLocation; readonly schedule: EvalSchedule };
}
