import type { Provider, StreamTimeouts } from './provider';
import type { ProviderDescriptor } from './providerDescriptor';

/**
 * Builds the adapter for a descriptor. Vendor modules (and their SDKs) are imported on first use, so
 * activating the extension evaluates none of them.
 */
export async function loadProvider(
  descriptor: ProviderDescriptor,
  apiKey: string | undefined,
  timeouts?: Partial<StreamTimeouts>,
): Promise<Provider> {
  const settings = { id: descriptor.id, displayName: descriptor.displayName, apiKey, baseUrl: descriptor.baseUrl, timeouts };
  switch (descriptor.kind) {
    case 'openai':
      return (await import('./openaiProvider')).createOpenAIProvider(settings);
    case 'openaiCompatible':
      return (await import('./openaiProvider')).createOpenAICompatibleProvider(settings);
    case 'anthropic':
      return (await import('./anthropicProvider')).createAnthropicProvider(settings);
    case 'gemini':
      return (await import('./geminiProvider')).createGeminiProvider({ ...settings, apiVersion: descriptor.apiVersion });
  }
}
