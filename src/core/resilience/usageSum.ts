import type { Usage } from '../types';

/** What one attempt contributes to a run's usage. */
export interface AttemptUsage {
  /** The attempt's last usage snapshot, if the provider sent one. */
  readonly usage?: Usage;
  /** Whether the attempt streamed any answer text. */
  readonly producedText: boolean;
}

const FIELDS = ['inputTokens', 'outputTokens', 'cachedInputTokens', 'cacheWriteTokens', 'reasoningTokens'] as const;

/**
 * Sums usage over a run's attempts, field by field; a field stays `undefined` when any contributing attempt
 * does not know it (an unknown part makes the total unknown, never a false low number).
 *
 * An attempt that failed before producing text and reported no usage contributes nothing: the provider
 * refused or never answered (5xx, 429, 401, a hang), and such calls are not billed. An attempt that
 * produced text without usage (a stream cut mid-answer) makes every field unknown.
 */
export function sumUsage(parts: readonly AttemptUsage[]): Usage | undefined {
  const contributing = parts.filter((p) => p.usage !== undefined || p.producedText);
  if (contributing.length === 0) return undefined;
  const total: { -readonly [K in keyof Usage]: Usage[K] } = {};
  for (const field of FIELDS) {
    let sum = 0;
    let known = true;
    for (const part of contributing) {
      const value = part.usage?.[field];
      if (value === undefined) {
        known = false;
        break;
      }
      sum += value;
    }
    if (known) total[field] = sum;
  }
  return Object.keys(total).length === 0 ? undefined : total;
}
