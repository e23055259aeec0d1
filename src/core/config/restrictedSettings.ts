/**
 * Settings an untrusted workspace may not set (`capabilities.untrustedWorkspaces.restrictedConfigurations`; a unit
 * test keeps the manifest identical): what changes where requests and keys go, what they carry, or what they cost.
 * In an untrusted workspace Quorum reads only the user's own value of these (DESIGN.md §5).
 */
export const RESTRICTED_SETTINGS: readonly string[] = [
  // Where requests and keys go.
  'quorum.providers.openai.baseUrl',
  'quorum.providers.anthropic.baseUrl',
  'quorum.providers.gemini.baseUrl',
  'quorum.providers.gemini.apiVersion',
  'quorum.providers.openaiCompatible',
  'quorum.models',
  'quorum.routing.rules',
  'quorum.routing.classifier',
  'quorum.privacy.allowedProviders',
  'quorum.privacy.localOnlyGlobs',
  'quorum.privacy.secrets',
  'quorum.privacy.require',
  'quorum.privacy.providerPolicies',
  // What they cost, or how much code they carry.
  'quorum.routing.featureTiers',
  'quorum.routing.quality',
  'quorum.codeActions.tiers',
  'quorum.budget.dailyUsd',
  'quorum.budget.monthlyUsd',
  'quorum.budget.perRequestUsd',
  'quorum.budget.onExceed',
  'quorum.budget.stopStreamingAtCap',
  'quorum.health.activeChecks',
  'quorum.health.intervalSeconds',
  'quorum.ask.contextTokenBudget',
  // Whether a stored answer is given instead of asking a model.
  'quorum.cache.exact',
  // Batch jobs are stored at the vendor (OpenAI keeps the uploaded file) and billed at another rate.
  'quorum.evals.batch',
  // Runs evals on its own, and so spends.
  'quorum.evals.schedule',
];

/** Where a setting's values come from, as VS Code's `inspect()` tells. */
export interface SettingValues {
  readonly globalValue?: unknown;
  readonly workspaceValue?: unknown;
  readonly workspaceFolderValue?: unknown;
}

/**
 * The value Quorum uses for `key`: the effective one, except that an untrusted workspace's value of a restricted
 * setting is ignored in favour of the user's own (or the default, `undefined`).
 */
export function trustedValue(key: string, trusted: boolean, effective: unknown, values: SettingValues | undefined): unknown {
  if (trusted || !RESTRICTED_SETTINGS.includes(key)) return effective;
  return values?.globalValue;
}

/** True when the value Quorum uses for `key` is the workspace's (a folder's or the workspace file's). */
export function fromWorkspace(key: string, trusted: boolean, values: SettingValues | undefined): boolean {
  if (!trusted && RESTRICTED_SETTINGS.includes(key)) return false;
  return values?.workspaceFolderValue !== undefined || values?.workspaceValue !== undefined;
}
