/**
 * What a provider does with the data Quorum sends it, and whether that meets the workspace's requirements
 * (`quorum.privacy.require`). Built-in defaults follow each vendor's public API terms for a standard account
 * (sources in the README's "Privacy and security" table); `quorum.privacy.providerPolicies` overrides them per
 * provider id, e.g. for an account with a zero-data-retention agreement. Unknown is never taken as compliant.
 */

export interface ProviderPolicy {
  /** The provider keeps no prompts or answers after the call (not even for abuse monitoring). */
  readonly zeroDataRetention?: boolean;
  /** Where the provider stores and processes API data by default, lower case, e.g. `us`, `eu`. */
  readonly region?: string;
  /** The provider may use prompts and answers to train or improve its models. */
  readonly trainsOnData?: boolean;
}

/** `quorum.privacy.require`: every field set is a condition a provider must meet to receive requests. */
export interface PolicyRequirement {
  /** `true`: only providers with zero data retention. */
  readonly zeroDataRetention?: boolean;
  /** Only providers whose region is one of these (lower case). An empty list allows no remote provider. */
  readonly region?: readonly string[];
  /** `false`: only providers that do not train on the data. */
  readonly trainsOnData?: boolean;
}

/**
 * The vendors' API terms for a standard (non-enterprise) account, as published; see the README for sources.
 * Gemini's free tier may use content to improve Google's products and Quorum cannot tell the tiers apart,
 * so it is marked as training on data until the user says otherwise.
 */
export const BUILTIN_POLICIES: Readonly<Record<string, ProviderPolicy>> = {
  openai: { zeroDataRetention: false, region: 'us', trainsOnData: false },
  anthropic: { zeroDataRetention: false, region: 'us', trainsOnData: false },
  gemini: { zeroDataRetention: false, trainsOnData: true },
};

/** A local endpoint: nothing leaves this machine or network. */
export const LOCAL_POLICY: ProviderPolicy = { zeroDataRetention: true, region: 'local', trainsOnData: false };

/**
 * The policy of `providerId`: the user's override field by field over the built-in default. A local endpoint
 * meets every requirement whatever is configured, since nothing leaves the machine or network.
 */
export function providerPolicy(providerId: string, overrides: Readonly<Record<string, ProviderPolicy>> | undefined, local: boolean): ProviderPolicy {
  if (local) return LOCAL_POLICY;
  return { ...BUILTIN_POLICIES[providerId], ...overrides?.[providerId] };
}

/** True when `require` sets no condition at all (the default). */
export function requiresNothing(require: PolicyRequirement | undefined): boolean {
  return require === undefined || (require.zeroDataRetention !== true && require.trainsOnData !== false && require.region === undefined);
}

/**
 * Why `policy` does not meet `require` — a short clause such as "no zero data retention" — or `undefined`
 * when it does. A field the policy leaves unknown fails the condition on it.
 */
export function policyGap(policy: ProviderPolicy, require: PolicyRequirement | undefined): string | undefined {
  if (require === undefined || policy === LOCAL_POLICY) return undefined;
  const gaps: string[] = [];
  if (require.zeroDataRetention === true && policy.zeroDataRetention !== true) {
    gaps.push(policy.zeroDataRetention === undefined ? 'zero data retention unknown' : 'no zero data retention');
  }
  if (require.trainsOnData === false && policy.trainsOnData !== false) {
    gaps.push(policy.trainsOnData === undefined ? 'training on data unknown' : 'may train on the data');
  }
  if (require.region !== undefined && (policy.region === undefined || !require.region.includes(policy.region))) {
    gaps.push(policy.region === undefined ? 'region unknown' : `region ${policy.region}`);
  }
  return gaps.length === 0 ? undefined : gaps.join(', ');
}
