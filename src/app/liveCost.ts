import type { ModelPricing } from '../core/catalog/modelInfo';
import { priceCall } from '../core/cost/pricing';
import { estimateTokens } from '../core/routing/tokenEstimate';
import type { Usage } from '../core/types';

/**
 * What one call has cost so far while it streams, for the budget's live checks: the provider's usage once it
 * reported some, else the prompt and the text streamed so far. USD; `undefined` when the model has no price.
 * @param promptTokens estimated input tokens of the request
 */
export function liveCallCostUsd(usage: Usage | undefined, promptTokens: number, streamedText: string, pricing: ModelPricing | undefined): number | undefined {
  const counted = usage ?? { inputTokens: promptTokens, outputTokens: estimateTokens(streamedText) };
  return priceCall(counted, pricing);
}
