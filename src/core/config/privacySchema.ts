import { z } from 'zod';
import type { PolicyRequirement, ProviderPolicy } from '../privacy/providerPolicy';
import { requiresNothing } from '../privacy/providerPolicy';
import { PROVIDER_ID_PATTERN } from './modelsSchema';
import { listOrNothing, reportIssues, reportUnknownKeys, sentence, type SettingsIssue } from './settingsIssues';

/**
 * `quorum.privacy.secrets`, `quorum.privacy.require` and `quorum.privacy.providerPolicies`: what happens to a
 * credential found in a prompt, and which providers may receive requests by what they do with the data.
 * Like `allowedProviders`, a broken requirement fails closed: it never widens where data may go.
 */

/**
 * `redact` (default): the secret is replaced by a marker and the request goes on — nothing secret leaves, and
 * a false positive costs a few characters instead of the request. `block`: the request fails, naming what was
 * found where. `warn`: a notification, and the request is sent as is.
 */
export const SECRETS_MODES = ['redact', 'block', 'warn'] as const;
export type SecretsMode = (typeof SECRETS_MODES)[number];

export const secretsModeSchema = z.enum(SECRETS_MODES, { error: 'must be "redact", "block" or "warn"' }).default('redact');

const flag = z.boolean({ error: 'must be true or false' }).optional();
const region = z.string({ error: 'must be text: a region such as "eu"' }).trim().min(1, { error: 'must not be empty' });

export const requireSchema = z
  .strictObject(
    {
      zeroDataRetention: flag,
      region: z.array(region, { error: 'must be a list of regions such as ["eu"]' }).min(1, { error: 'must list at least one region' }).optional(),
      trainsOnData: flag,
    },
    { error: 'must be an object such as { "zeroDataRetention": true, "region": ["eu"] } with only those properties' },
  )
  .default({});

const policyEntrySchema = z.object(
  {
    provider: z.string({ error: 'must be text: a provider id' }).regex(PROVIDER_ID_PATTERN, { error: 'must be openai, anthropic, gemini or compat:<id>' }),
    zeroDataRetention: flag,
    region: region.optional(),
    trainsOnData: flag,
  },
  { error: 'must be an object with at least "provider"' },
);
const POLICY_KEYS: readonly string[] = Object.keys(policyEntrySchema.shape);

export const providerPoliciesSchema = z.array(policyEntrySchema, { error: 'must be a list of provider policy objects' }).default([]);

const REQUIRE_KEY = 'quorum.privacy.require';
const POLICIES_KEY = 'quorum.privacy.providerPolicies';
/** What a broken requirement means until it is fixed: every condition, no region, so only local endpoints. */
const FAIL_CLOSED: PolicyRequirement = { zeroDataRetention: true, trainsOnData: false, region: [] };

/** The requirement, or `undefined` when it sets none (the default). */
export function checkPrivacyRequire(input: unknown, issues: SettingsIssue[]): PolicyRequirement | undefined {
  const result = requireSchema.safeParse(input);
  if (!result.success) {
    const first = result.error.issues[0];
    const consequence = 'Until it is fixed, only local endpoints receive requests.';
    issues.push({ setting: REQUIRE_KEY, severity: 'error', message: sentence(REQUIRE_KEY, first?.message ?? 'is not valid', input, consequence) });
    return FAIL_CLOSED;
  }
  const { zeroDataRetention, trainsOnData } = result.data;
  const value: PolicyRequirement = {
    ...(zeroDataRetention !== undefined ? { zeroDataRetention } : {}),
    ...(trainsOnData !== undefined ? { trainsOnData } : {}),
    ...(result.data.region !== undefined ? { region: result.data.region.map((r) => r.toLowerCase()) } : {}),
  };
  return requiresNothing(value) ? undefined : value;
}

/** The user's policy per provider id; a bad entry is skipped (its provider keeps the built-in policy). */
export function checkProviderPolicies(input: unknown, issues: SettingsIssue[]): Readonly<Record<string, ProviderPolicy>> {
  const entries = listOrNothing(POLICIES_KEY, input, 'The built-in provider policies are used.', issues);
  const policies: Record<string, ProviderPolicy> = {};
  entries.forEach((entry, index) => {
    const path = `${POLICIES_KEY}[${index}]`;
    // An unknown property may be a misspelt condition: skip the entry rather than guess.
    if (reportUnknownKeys(entry, POLICY_KEYS, path, 'a provider policy', issues, 'This entry is skipped.', 'error') > 0) return;
    const result = policyEntrySchema.safeParse(entry);
    if (!result.success) {
      reportIssues(result.error, entry, path, 'This entry is skipped.', issues);
      return;
    }
    const { provider, region: where, ...flags } = result.data;
    policies[provider] = { ...policies[provider], ...flags, ...(where !== undefined ? { region: where.toLowerCase() } : {}) };
  });
  return policies;
}
