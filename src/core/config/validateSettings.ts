import type { z } from 'zod';
import { CAPABILITY_KEYS, USER_MODEL_ENTRY_KEYS, userModelEntrySchema } from './modelsSchema';
import type { UserModelEntry } from './modelsSchema';
import { isPrivateNetworkUrl } from './endpointUrl';
import { COMPAT_ENDPOINT_KEYS, compatEndpointSchema, isLoopbackUrl, settingsSchema } from './settingsSchema';
import type { CompatEndpoint, QuorumSettings, SettingKey, VendorEndpoint } from './settingsSchema';
import { capList, describe, isRecord, LIST_LIMITS, listOrNothing, MAX_ENDPOINT_MODELS, reportIssues, reportUnknownKeys, sentence } from './settingsIssues';
import type { SettingsIssue } from './settingsIssues';
import { checkPrivacyRequire, checkProviderPolicies } from './privacySchema';
import { readAsk, readBudget, readEvals, readFallback, readHealth, readTimeouts, toMs, ENDPOINTS_KEY, MODELS_KEY, type ReadScalar } from './settingSections';
import { checkAllowedProviders, checkFeatureTiers, checkLocalOnlyGlobs, checkRules } from './validateRouting';

export type { IssueSeverity, SettingsIssue } from './settingsIssues';

export interface ValidatedSettings {
  readonly value: QuorumSettings;
  readonly issues: readonly SettingsIssue[];
}


/**
 * Reads every `quorum.*` setting through `read` (which returns `undefined` for an unset setting), checks it
 * against `settingsSchema`, and returns the typed settings plus every problem found. Never throws and drops
 * as little as possible: a bad scalar falls back to its default, a bad endpoint, model entry, routing rule or
 * glob is skipped while the other entries are kept, and unknown properties are ignored with a warning — except
 * where that would widen what a privacy or routing setting allows (see `validateRouting`).
 */
export interface ValidateOptions {
  /**
   * Whether the value of `key` comes from the workspace (not the user's own settings): such a value cannot mark a
   * remote endpoint `local` (which would let it receive files `quorum.privacy.localOnlyGlobs` keeps local).
   */
  readonly fromWorkspace?: (key: string) => boolean;
}

export function validateSettings(read: (key: string) => unknown, options: ValidateOptions = {}): ValidatedSettings {
  const issues: SettingsIssue[] = [];
  const raw = (key: SettingKey): unknown => {
    try {
      return read(key);
    } catch (error) {
      issues.push({ setting: key, severity: 'error', message: `${key} could not be read (${errorText(error)}). Using its default.` });
      return undefined;
    }
  };
  const scalar: ReadScalar = (key, schema) => checkScalar(key, schema, raw(key), issues);
  const schemas = settingsSchema;

  const openaiBaseUrl = scalar('quorum.providers.openai.baseUrl', schemas['quorum.providers.openai.baseUrl']);
  const anthropicBaseUrl = scalar('quorum.providers.anthropic.baseUrl', schemas['quorum.providers.anthropic.baseUrl']);
  const geminiBaseUrl = scalar('quorum.providers.gemini.baseUrl', schemas['quorum.providers.gemini.baseUrl']);
  const apiVersion = scalar('quorum.providers.gemini.apiVersion', schemas['quorum.providers.gemini.apiVersion']);
  const endpoints = checkEndpoints(raw(ENDPOINTS_KEY), issues, options.fromWorkspace?.(ENDPOINTS_KEY) ?? false);
  const endpointIds = new Set(endpoints.map((e) => e.providerId));
  const models = checkModels(raw(MODELS_KEY), endpointIds, issues);
  const timeouts = readTimeouts(scalar);
  const checkSeconds = scalar('quorum.providers.checkTimeoutSeconds', schemas['quorum.providers.checkTimeoutSeconds']);
  const classifier = scalar('quorum.routing.classifier', schemas['quorum.routing.classifier']);
  const rules = checkRules(raw('quorum.routing.rules'), issues);
  const featureTiers = checkFeatureTiers(raw('quorum.routing.featureTiers'), issues);
  const localOnlyGlobs = checkLocalOnlyGlobs(raw('quorum.privacy.localOnlyGlobs'), issues);
  const allowedProviders = checkAllowedProviders(raw('quorum.privacy.allowedProviders'), endpointIds, issues);
  const fallback = readFallback(scalar);
  const health = readHealth(scalar);
  const vscodeLm = scalar('quorum.providers.vscodeLm', schemas['quorum.providers.vscodeLm']);
  const codeActionTiers = scalar('quorum.codeActions.tiers', schemas['quorum.codeActions.tiers']);
  const budget = readBudget(scalar);
  const baselineModel = scalar('quorum.savings.baselineModel', schemas['quorum.savings.baselineModel']);

  const value: QuorumSettings = {
    providers: {
      openai: vendorEndpoint(openaiBaseUrl),
      anthropic: vendorEndpoint(anthropicBaseUrl),
      gemini: { ...vendorEndpoint(geminiBaseUrl), apiVersion },
      openaiCompatible: endpoints,
      vscodeLm,
    },
    models,
    timeouts,
    providerCheckTimeoutMs: toMs(checkSeconds),
    routing: { classifier, quality: scalar('quorum.routing.quality', schemas['quorum.routing.quality']), rules, featureTiers },
    codeActionTiers,
    // Set only when restricted, so an absent key keeps meaning "every provider".
    privacy: { localOnlyGlobs, ...(allowedProviders !== undefined ? { allowedProviders } : {}), ...readPrivacyPolicies(raw, scalar, issues) },
    fallback,
    health,
    ask: readAsk(scalar),
    budget,
    ...(baselineModel !== '' ? { savingsBaselineModel: baselineModel } : {}),
    spendStatusBarScope: scalar('quorum.spend.statusBarScope', schemas['quorum.spend.statusBarScope']),
    cache: { exact: scalar('quorum.cache.exact', schemas['quorum.cache.exact']) },
    evals: readEvals(scalar),
  };
  return { value, issues };
}


/**
 * `quorum.privacy.secrets`, `.require` and `.providerPolicies`, each only when it differs from its default, so
 * that an absent key keeps meaning "redact", "no condition" and "the built-in policies".
 */
function readPrivacyPolicies(raw: (key: SettingKey) => unknown, scalar: ReadScalar, issues: SettingsIssue[]): Omit<QuorumSettings['privacy'], 'localOnlyGlobs' | 'allowedProviders'> {
  const secrets = scalar('quorum.privacy.secrets', settingsSchema['quorum.privacy.secrets']);
  const require = checkPrivacyRequire(raw('quorum.privacy.require'), issues);
  const providerPolicies = checkProviderPolicies(raw('quorum.privacy.providerPolicies'), issues);
  return {
    ...(secrets !== 'redact' ? { secrets } : {}),
    ...(require !== undefined ? { require } : {}),
    ...(Object.keys(providerPolicies).length > 0 ? { providerPolicies } : {}),
  };
}

function checkScalar<S extends z.ZodType>(key: string, schema: S, input: unknown, issues: SettingsIssue[]): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fallback = schema.parse(undefined);
  const consequence = fallback === '' ? "Using the vendor's default URL." : `Using the default, ${describe(fallback)}.`;
  const first = result.error.issues[0];
  issues.push({ setting: key, severity: 'error', message: sentence(key, first?.message ?? 'is not valid', input, consequence) });
  return fallback;
}

function checkEndpoints(input: unknown, issues: SettingsIssue[], fromWorkspace: boolean): CompatEndpoint[] {
  const listed = listOrNothing(ENDPOINTS_KEY, input, 'No OpenAI-compatible endpoint is used.', issues);
  const entries = capList(ENDPOINTS_KEY, listed, LIST_LIMITS[ENDPOINTS_KEY], 'The endpoints after that are ignored.', issues);
  const endpoints: CompatEndpoint[] = [];
  const firstIndexById = new Map<string, number>();
  entries.forEach((entry, index) => {
    const path = `${ENDPOINTS_KEY}[${index}]`;
    reportUnknownKeys(entry, COMPAT_ENDPOINT_KEYS, path, 'an endpoint', issues);
    const salvaged = salvageEndpointModels(entry, path, issues);
    const result = compatEndpointSchema.safeParse(salvaged);
    if (!result.success) {
      reportIssues(result.error, salvaged, path, 'This endpoint is skipped.', issues);
      return;
    }
    const { id } = result.data;
    const earlier = firstIndexById.get(id);
    if (earlier !== undefined) {
      const message = `id "${id}" is already used by ${ENDPOINTS_KEY}[${earlier}]; endpoint ids must be unique. This endpoint is skipped.`;
      issues.push({ setting: `${path}.id`, severity: 'error', message });
      return;
    }
    firstIndexById.set(id, index);
    const baseUrl = withoutTrailingSlash(result.data.baseUrl);
    endpoints.push({
      id,
      providerId: `compat:${id}`,
      name: result.data.name?.trim() || id,
      baseUrl,
      requiresKey: result.data.requiresKey,
      local: localEndpoint(result.data.local, baseUrl, fromWorkspace, `${path}.local`, issues),
      models: [...new Set(result.data.models ?? [])],
    });
  });
  return endpoints;
}

/**
 * Whether an endpoint counts as local: as configured, else true for loopback hosts. `local: true` is honoured for a
 * loopback or private-network address, or when the user's own settings say so — never for a remote URL a workspace set.
 */
function localEndpoint(local: boolean | undefined, baseUrl: string, fromWorkspace: boolean, setting: string, issues: SettingsIssue[]): boolean {
  if (local !== true) return local ?? isLoopbackUrl(baseUrl);
  if (!fromWorkspace || isPrivateNetworkUrl(baseUrl)) return true;
  const message = `is ignored: ${new URL(baseUrl).host} is not a loopback or private-network address, and a workspace setting cannot ` +
    'mark a remote endpoint local. Files matching quorum.privacy.localOnlyGlobs are not sent to it; set "local" in your user settings if it is on your network.';
  issues.push({ setting, severity: 'warning', message });
  return false;
}

/** Drops only the unusable parts of an endpoint's `models` list, so one bad id does not cost the endpoint. */
function salvageEndpointModels(entry: unknown, path: string, issues: SettingsIssue[]): unknown {
  if (!isRecord(entry) || entry.models === undefined) return entry;
  const copy: Record<string, unknown> = { ...entry };
  if (!Array.isArray(entry.models)) {
    const message = sentence('models', 'must be a list of model ids', entry.models, 'Models are discovered from the endpoint instead.');
    issues.push({ setting: `${path}.models`, severity: 'error', message });
    delete copy.models;
    return copy;
  }
  const models = capList(`${path}.models`, entry.models, MAX_ENDPOINT_MODELS, 'The model ids after that are ignored.', issues);
  copy.models = models.filter((model: unknown, index: number) => {
    if (typeof model === 'string' && model.trim() !== '') return true;
    const message = sentence(`models[${index}]`, 'must be a non-empty model id', model, 'This model id is ignored.');
    issues.push({ setting: `${path}.models[${index}]`, severity: 'error', message });
    return false;
  });
  return copy;
}

function checkModels(input: unknown, endpointProviderIds: ReadonlySet<string>, issues: SettingsIssue[]): UserModelEntry[] {
  const listed = listOrNothing(MODELS_KEY, input, 'No model is added or overridden.', issues);
  const entries = capList(MODELS_KEY, listed, LIST_LIMITS[MODELS_KEY], 'The entries after that are ignored.', issues);
  const models: UserModelEntry[] = [];
  const firstIndexByModel = new Map<string, number>();
  entries.forEach((entry, index) => {
    const path = `${MODELS_KEY}[${index}]`;
    reportUnknownKeys(entry, USER_MODEL_ENTRY_KEYS, path, 'a model entry', issues);
    if (isRecord(entry)) reportUnknownKeys(entry.capabilities, CAPABILITY_KEYS, `${path}.capabilities`, 'capabilities', issues);
    const result = userModelEntrySchema.safeParse(entry);
    if (!result.success) {
      reportIssues(result.error, entry, path, 'This model entry is skipped.', issues);
      return;
    }
    const model: UserModelEntry = result.data;
    if (model.provider.startsWith('compat:') && !endpointProviderIds.has(model.provider)) {
      const endpointId = model.provider.slice('compat:'.length);
      const message =
        `provider "${model.provider}" names no configured OpenAI-compatible endpoint: ${ENDPOINTS_KEY} has no valid entry ` +
        `with id "${endpointId}". The entry is kept and applies once that endpoint exists.`;
      issues.push({ setting: `${path}.provider`, severity: 'warning', message });
    }
    const modelKey = `${model.provider}/${model.id}`;
    const earlier = firstIndexByModel.get(modelKey);
    if (earlier === undefined) {
      firstIndexByModel.set(modelKey, index);
    } else {
      const message = `repeats the model "${modelKey}" of ${MODELS_KEY}[${earlier}]; where both set a field, this later entry wins.`;
      issues.push({ setting: path, severity: 'warning', message });
    }
    models.push(model);
  });
  return models;
}

function vendorEndpoint(baseUrl: string): VendorEndpoint {
  return baseUrl === '' ? {} : { baseUrl: withoutTrailingSlash(baseUrl) };
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}


function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
