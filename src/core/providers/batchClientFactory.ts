import type { BatchClient } from './batchClient';
import type { ProviderDescriptor } from './providerDescriptor';

/**
 * The batch client of a provider, or `undefined` when its API has no batch mode (OpenAI-compatible endpoints:
 * Ollama, vLLM and gateways speak Chat Completions only). Loaded with the vendor adapters' bundle on first use.
 */
export async function loadBatchClient(descriptor: ProviderDescriptor, apiKey: string | undefined): Promise<BatchClient | undefined> {
  const settings = {
    id: descriptor.id, displayName: descriptor.displayName, ...(apiKey !== undefined ? { apiKey } : {}), ...(descriptor.baseUrl !== undefined ? { baseUrl: descriptor.baseUrl } : {}),
  };
  const vendors = await import('./vendorAdapters');
  switch (descriptor.kind) {
    case 'openai':
      return vendors.createOpenAIBatchClient(settings);
    case 'anthropic':
      return vendors.createAnthropicBatchClient(settings);
    case 'gemini':
      return vendors.createGeminiBatchClient({ ...settings, ...(descriptor.apiVersion !== undefined ? { apiVersion: descriptor.apiVersion } : {}) });
    case 'openaiCompatible':
      return undefined;
  }
}
