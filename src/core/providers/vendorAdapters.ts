/**
 * Every vendor adapter, and through them the SDKs. The extension bundles this module separately
 * (`dist/providers.js`, see esbuild.mjs) and loads it on the first provider call, so activating
 * Quorum never parses the SDKs.
 */
export { createAnthropicProvider } from './anthropic/provider';
export { createGeminiProvider } from './gemini/provider';
export { createOpenAICompatibleProvider, createOpenAIProvider } from './openai/provider';
export { createAnthropicBatchClient } from './anthropic/batch';
export { createGeminiBatchClient } from './gemini/batch';
export { createOpenAIBatchClient } from './openai/batch';
