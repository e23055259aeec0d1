import type { Provider, StreamTimeouts } from './provider';
import type { ProviderDescriptor } from './providerDescriptor';

/**
 * Builds the adapter for a descriptor. The vendor modules (and their SDKs) are imported on first use:
 * in the extension they are a separate bundle, so activation neither parses nor runs them.
 */
export async function loadProvider(
  descriptor: ProviderDescriptor,
  apiKey: string | undefined,
  timeouts?: Partial<StreamTimeouts>,
): Promise<Provider> {
  const settings = { id: descriptor.id, displayName: descriptor.displayName, apiKey, baseUrl: descriptor.baseUrl, timeouts };
  const vendors = await import('./vendorAdapters');
  switch (descriptor.kind) {
    case 'openai':
      return vendors.createOpenAIProvider(settings);
    case 'openaiCompatible':
      return vendors.createOpenAICompatibleProvider(settings);
    case 'anthropic':
      return vendors.createAnthropicProvider(settings);
    case 'gemini':
      return vendors.createGeminiProvider({ ...settings, apiVersion: descriptor.apiVersion });
  }
}
