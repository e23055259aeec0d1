import { displayBaseUrl, type ProviderDescriptor } from '../providers/providerDescriptor';

/**
 * Where a provider's requests go, as the data-sent log shows it: scheme, host and port of the effective base
 * URL (never its path, query or credentials), e.g. `https://api.openai.com`; `undefined` when it is not a URL.
 */
export function endpointOrigin(descriptor: ProviderDescriptor): string | undefined {
  try {
    const origin = new URL(displayBaseUrl(descriptor)).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}
