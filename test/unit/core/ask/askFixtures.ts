import { ProviderError, type ProviderErrorReason } from '../../../../src/core/errors';
import type { RouteDecision } from '../../../../src/core/routing/routeDecision';
import type { TaskProfile } from '../../../../src/core/routing/taskProfile';
import type { ModelRef } from '../../../../src/core/types';

export const luna: ModelRef = { provider: 'openai', model: 'gpt-6-luna' };
export const haiku: ModelRef = { provider: 'anthropic', model: 'claude-haiku-5-5' };
export const flash: ModelRef = { provider: 'gemini', model: 'gemini-3.1-flash' };

export const profile: TaskProfile = {
  type: 'codeGeneration',
  complexity: 'standard',
  features: { promptTokens: 100, hasCode: true, codeLanguage: 'ts', hasImages: false, requiredContextTokens: 4196, expectedOutput: 'freeText' },
  needs: { vision: false, json: false, contextTokens: 4196 },
  evidence: ['code fence (ts)', 'asks to write a function'],
  source: 'heuristic',
};

export const decision: RouteDecision = {
  chosen: luna,
  chain: [luna, haiku, flash],
  task: { type: 'codeGeneration', complexity: 'standard', needs: profile.needs },
  tier: { needed: 'standard' },
  evidence: profile.evidence,
  reasons: ['Cheapest standard-tier model for code generation.', 'Chain continues with other providers first.'],
  estimates: [
    { ref: luna, inputTokens: 100, outputTokens: 4096, costUsd: 0.0123 },
    { ref: haiku, inputTokens: 100, outputTokens: 4096 },
    { ref: flash, inputTokens: 100, outputTokens: 4096, costUsd: 0.001 },
  ],
  profile,
};

export function providerError(ref: ModelRef, reason: ProviderErrorReason, status?: number): ProviderError {
  return new ProviderError({ reason, provider: ref.provider, model: ref.model, status, message: `${reason} from ${ref.provider}` });
}
