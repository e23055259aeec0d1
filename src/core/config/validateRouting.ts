import { PROVIDER_ID_PATTERN } from './modelsSchema';
import {
  RULE_CONDITION_KEYS,
  RULE_KEYS,
  RULE_TARGET_KEYS,
  USER_FEATURES,
  compileRulePattern,
  featureTiersSchema,
  parseModelRef,
  routingRuleSchema,
} from './routingSchema';
import type { PrivacySettings, RoutingRule, RuleConditions, RuleTarget, RoutingSettings, UserFeature } from './routingSchema';
import { capList, describe, isRecord, LIST_LIMITS, listOrNothing, reportIssues, reportUnknownKeys, sentence } from './settingsIssues';
import type { SettingsIssue } from './settingsIssues';

/**
 * Validation of the list- and object-valued routing and privacy settings. Like the rest of `validateSettings`
 * it never throws and drops as little as possible — except where dropping would widen what a setting allows:
 * a rule with an unknown condition is skipped (ignoring the condition would make it match more), and an
 * unusable `allowedProviders` allows nothing rather than everything.
 */

const RULES_KEY = 'quorum.routing.rules';
const FEATURE_TIERS_KEY = 'quorum.routing.featureTiers';
const GLOBS_KEY = 'quorum.privacy.localOnlyGlobs';
const ALLOWED_KEY = 'quorum.privacy.allowedProviders';

/** Valid rules in settings order; each invalid one is skipped with issues naming `quorum.routing.rules[i]…`. */
export function checkRules(input: unknown, issues: SettingsIssue[]): RoutingRule[] {
  const listed = listOrNothing(RULES_KEY, input, 'No routing rule is used.', issues);
  const entries = capList(RULES_KEY, listed, LIST_LIMITS[RULES_KEY], 'The rules after that are ignored.', issues);
  const rules: RoutingRule[] = [];
  entries.forEach((entry, index) => {
    const path = `${RULES_KEY}[${index}]`;
    reportUnknownKeys(entry, RULE_KEYS, path, 'a routing rule', issues);
    if (isRecord(entry)) {
      reportUnknownKeys(entry.use, RULE_TARGET_KEYS, `${path}.use`, '"use"', issues);
      const unknownConditions = reportUnknownKeys(
        entry.when,
        RULE_CONDITION_KEYS,
        `${path}.when`,
        '"when"',
        issues,
        'Ignoring a condition would make the rule match more than intended, so this rule is skipped.',
        'error',
      );
      if (unknownConditions > 0) return;
    }
    const result = routingRuleSchema.safeParse(entry);
    if (!result.success) {
      reportIssues(result.error, entry, path, 'This rule is skipped.', issues);
      return;
    }
    const { name, when, use, eval: source, suspended } = result.data;
    // A suspended rule (an eval demotion) stays in the list for Undo but routes nothing.
    if (suspended !== undefined) return;
    rules.push({
      name: name?.trim() || `rule ${index + 1}`,
      index,
      when: conditions(when),
      use: target(use),
      ...(source !== undefined ? { eval: { suite: source.suite, passRate: source.passRate, ...(source.costPerCaseUsd !== undefined ? { costPerCaseUsd: source.costPerCaseUsd } : {}) } } : {}),
    });
  });
  return rules;
}

type ParsedRule = ReturnType<typeof routingRuleSchema.parse>;

function conditions(when: ParsedRule['when']): RuleConditions {
  const result: { -readonly [K in keyof RuleConditions]: RuleConditions[K] } = {};
  if (when.task !== undefined) result.task = list(when.task);
  if (when.complexity !== undefined) result.complexity = list(when.complexity);
  if (when.language !== undefined) result.language = list(when.language).map((id) => id.toLowerCase());
  // The schema has already compiled the pattern once, so this cannot throw.
  if (when.pattern !== undefined) result.pattern = compileRulePattern(when.pattern);
  if (when.feature !== undefined) result.feature = list(when.feature);
  return result;
}

function target(use: ParsedRule['use']): RuleTarget {
  const ref = use.model === undefined ? undefined : parseModelRef(use.model);
  if (ref !== undefined) return { model: ref };
  // The schema guarantees exactly one of model/tier, and that a model matches the pattern.
  return { tier: use.tier ?? 'standard' };
}

function list<T>(value: T | readonly T[]): readonly T[] {
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

/** Per-feature minimum tiers; a bad entry is dropped (its built-in minimum applies) and the others kept. */
export function checkFeatureTiers(input: unknown, issues: SettingsIssue[]): RoutingSettings['featureTiers'] {
  if (input === undefined) return {};
  if (!isRecord(input)) {
    const message = sentence(FEATURE_TIERS_KEY, 'must be an object such as { "judge": "premium" }', input, 'The built-in feature tiers are used.');
    issues.push({ setting: FEATURE_TIERS_KEY, severity: 'error', message });
    return {};
  }
  const fixed = 'classifier and healthCheck are always routed to the budget tier.';
  reportUnknownKeys(input, USER_FEATURES, FEATURE_TIERS_KEY, 'the feature tiers', issues, `It is ignored; ${fixed}`);
  const tiers: Partial<Record<UserFeature, RoutingSettings['featureTiers'][UserFeature]>> = {};
  for (const feature of USER_FEATURES) {
    if (input[feature] === undefined) continue;
    const result = featureTiersSchema.safeParse({ [feature]: input[feature] });
    const tier = result.success ? result.data[feature] : undefined;
    if (tier !== undefined) {
      tiers[feature] = tier;
    } else if (!result.success) {
      reportIssues(result.error, { [feature]: input[feature] }, FEATURE_TIERS_KEY, `The built-in minimum for ${feature} is used.`, issues);
    }
  }
  return tiers;
}

/** Globs, trimmed. A lone string is accepted as a one-glob list, because dropping it would leak the files it names. */
export function checkLocalOnlyGlobs(input: unknown, issues: SettingsIssue[]): string[] {
  if (typeof input === 'string') {
    const message = sentence(GLOBS_KEY, 'should be a list of globs', input, 'It is used as a list of one glob.');
    issues.push({ setting: GLOBS_KEY, severity: 'warning', message });
    return checkGlobEntries([input], issues);
  }
  const entries = listOrNothing(GLOBS_KEY, input, 'No file is treated as local-only.', issues);
  // Dropping globs would send the files they name: too many, and every attached file is kept local instead.
  if (entries.length > LIST_LIMITS[GLOBS_KEY]) {
    capList(GLOBS_KEY, entries, LIST_LIMITS[GLOBS_KEY], 'Until the list is shortened, every attached file is treated as local-only ("**").', issues);
    return ['**'];
  }
  return checkGlobEntries(entries, issues);
}

function checkGlobEntries(entries: readonly unknown[], issues: SettingsIssue[]): string[] {
  const globs: string[] = [];
  entries.forEach((entry, index) => {
    const glob = typeof entry === 'string' ? entry.trim() : '';
    if (glob !== '') {
      globs.push(glob.replace(/\\/g, '/'));
      return;
    }
    const message = sentence(`[${index}]`, 'must be a non-empty glob such as "**/secrets/**"', entry, 'This glob is ignored.');
    issues.push({ setting: `${GLOBS_KEY}[${index}]`, severity: 'error', message });
  });
  return globs;
}

/**
 * The provider allowlist. Unset or `[]` allows every provider. Anything else restricts: an id that names no
 * provider is kept with a warning (it matches nothing), and a value that cannot be read allows nothing, so a
 * typo never silently sends requests to a provider the user meant to exclude.
 */
export function checkAllowedProviders(
  input: unknown,
  endpointProviderIds: ReadonlySet<string>,
  issues: SettingsIssue[],
): PrivacySettings['allowedProviders'] {
  if (input === undefined || (Array.isArray(input) && input.length === 0)) return undefined;
  const nothing = 'No provider receives requests until this is fixed.';
  let entries: readonly unknown[];
  if (typeof input === 'string') {
    issues.push({ setting: ALLOWED_KEY, severity: 'warning', message: sentence(ALLOWED_KEY, 'should be a list of provider ids', input, 'It is used as a list of one.') });
    entries = [input];
  } else if (Array.isArray(input)) {
    // Fewer ids allow fewer providers: the first ones are kept.
    entries = capList(ALLOWED_KEY, input, LIST_LIMITS[ALLOWED_KEY], 'The ids after that are ignored (those providers are not allowed).', issues);
  } else {
    issues.push({ setting: ALLOWED_KEY, severity: 'error', message: sentence(ALLOWED_KEY, 'must be a list of provider ids', input, nothing) });
    return [];
  }
  const allowed: string[] = [];
  entries.forEach((entry, index) => {
    const path = Array.isArray(input) ? `${ALLOWED_KEY}[${index}]` : ALLOWED_KEY;
    if (typeof entry !== 'string' || entry.trim() === '') {
      issues.push({ setting: path, severity: 'error', message: sentence(`[${index}]`, 'must be a provider id such as "openai" or "compat:ollama"', entry, 'It is ignored.') });
      return;
    }
    const id = entry.trim();
    const warning = providerWarning(id, endpointProviderIds);
    if (warning !== undefined) issues.push({ setting: path, severity: 'warning', message: warning });
    allowed.push(id);
  });
  if (allowed.length === 0) {
    issues.push({ setting: ALLOWED_KEY, severity: 'error', message: `${ALLOWED_KEY} lists no usable provider id. ${nothing}` });
  }
  return allowed;
}

function providerWarning(id: string, endpointProviderIds: ReadonlySet<string>): string | undefined {
  if (!PROVIDER_ID_PATTERN.test(id)) {
    const hint = PROVIDER_ID_PATTERN.test(id.toLowerCase()) ? ` (ids are lower-case: "${id.toLowerCase()}")` : '';
    return `${describe(id)} is not a provider id${hint}; expected openai, anthropic, gemini or compat:<endpoint id>. It is kept but matches no provider.`;
  }
  if (id.startsWith('compat:') && !endpointProviderIds.has(id)) {
    return `${describe(id)} names no configured OpenAI-compatible endpoint. It is kept and applies once that endpoint exists.`;
  }
  return undefined;
}
