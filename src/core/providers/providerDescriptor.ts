import { safeUrlText } from '../config/endpointUrl';
import type { QuorumSettings } from '../config/settingsSchema';
import type { ProviderKind } from '../types';

/** What Quorum knows about one configured provider endpoint before it has a key or a client. */
export interface ProviderDescriptor {
  /** Instance id: `openai`, `anthropic`, `gemini` or `compat:<endpoint id>`. */
  readonly id: string;
  readonly kind: ProviderKind;
  readonly displayName: string;
  /** Undefined means the vendor's default endpoint. */
  readonly baseUrl?: string;
  readonly requiresKey: boolean;
  /** Runs on this machine or network (privacy rules may allow only these). */
  readonly local: boolean;
  /** Gemini only: the API version segment. */
  readonly apiVersion?: 'v1' | 'v1beta';
  /** Model ids the user listed for an OpenAI-compatible endpoint (otherwise discovered). */
  readonly models?: readonly string[];
}

export const DEFAULT_BASE_URLS: Readonly<Record<'openai' | 'anthropic' | 'gemini', string>> = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
  gemini: 'https://generativelanguage.googleapis.com',
};

/** Every provider Quorum can talk to under these settings, in display order. */
export function describeProviders(settings: Omit<QuorumSettings['providers'], 'vscodeLm'>): ProviderDescriptor[] {
  return [
    { id: 'openai', kind: 'openai', displayName: 'OpenAI', baseUrl: settings.openai.baseUrl, requiresKey: true, local: false },
    { id: 'anthropic', kind: 'anthropic', displayName: 'Anthropic', baseUrl: settings.anthropic.baseUrl, requiresKey: true, local: false },
    {
      id: 'gemini', kind: 'gemini', displayName: 'Google Gemini', baseUrl: settings.gemini.baseUrl, requiresKey: true,
      local: false, apiVersion: settings.gemini.apiVersion,
    },
    ...settings.openaiCompatible.map((endpoint): ProviderDescriptor => ({
      id: endpoint.providerId,
      kind: 'openaiCompatible',
      displayName: endpoint.name,
      baseUrl: endpoint.baseUrl,
      requiresKey: endpoint.requiresKey,
      local: endpoint.local,
      models: endpoint.models.length > 0 ? endpoint.models : undefined,
    })),
  ];
}

/** The URL a user should see: the effective endpoint, with any `user:password@` and credential in its query hidden. */
export function displayBaseUrl(descriptor: ProviderDescriptor): string {
  return safeUrlText(descriptor.baseUrl ?? (descriptor.kind === 'openaiCompatible' ? '' : DEFAULT_BASE_URLS[descriptor.kind]));
}

/** The origin (`scheme://host:port`) requests to this provider go to, or `undefined` when it has no valid URL. */
export function endpointOrigin(descriptor: ProviderDescriptor): string | undefined {
  const raw = descriptor.baseUrl ?? (descriptor.kind === 'openaiCompatible' ? '' : DEFAULT_BASE_URLS[descriptor.kind]);
  try {
    return new URL(raw).origin;
  } catch {
    return undefined;
  }
}
