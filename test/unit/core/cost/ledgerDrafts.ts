import type { LedgerDraft } from '../../../../src/core/cost/ledger';
import type { LedgerAttempt } from '../../../../src/core/cost/ledgerRecord';

/** 2024-01-31T23:00:00Z: a run of 1,000 records `RECORD_STEP_MS` apart from here crosses into February (UTC). */
export const MONTH_EDGE_MS = Date.UTC(2024, 0, 31, 23, 0, 0);
export const RECORD_STEP_MS = 4_000;

const MODELS = [
  { provider: 'openai', model: 'gpt-4.1-mini' },
  { provider: 'anthropic', model: 'claude-sonnet-4' },
  { provider: 'gemini', model: 'gemini-2.5-flash' },
] as const;
const FEATURES = ['ask', 'compare', 'vote', 'codeAction', 'chat'] as const;

/**
 * A varied, realistic draft for record `i` (used by the tests, the child writer and the benchmark):
 * mostly successes, some failovers, failures, cancellations, cache hits and unpriced calls.
 */
export function sampleDraft(i: number, fields: Partial<LedgerDraft> = {}): LedgerDraft {
  const ref = MODELS[i % MODELS.length]!;
  const latencyMs = 200 + ((i * 7919) % 2_800);
  const cacheHit = i % 50 === 7;
  const failover = i % 20 === 3;
  const previous = MODELS[(i + 1) % MODELS.length]!;
  const attempts: LedgerAttempt[] = cacheHit
    ? []
    : [
        ...(failover ? [{ ...previous, outcome: 'failed' as const, reason: 'overloaded', status: 529, latencyMs: 120 }] : []),
        { ...ref, outcome: i % 31 === 5 ? ('failed' as const) : ('success' as const), latencyMs },
      ];
  return {
    feature: FEATURES[i % FEATURES.length]!,
    ...ref,
    usage: cacheHit ? {} : { inputTokens: 800 + (i % 400), outputTokens: 150 + (i % 90), ...(i % 3 === 0 ? { cachedInputTokens: 512 } : {}) },
    ...(i % 17 === 9 ? {} : { costUsd: cacheHit ? 0 : 0.0004 + (i % 13) * 0.0001 }),
    latencyMs: latencyMs + (failover ? 120 : 0),
    ...(cacheHit ? {} : { ttftMs: 90 + (i % 60) }),
    outcome: i % 31 === 5 ? 'failed' : i % 41 === 11 ? 'cancelled' : 'success',
    attempts,
    cacheHit,
    routeReason: `${i % 2 === 0 ? 'simple question' : 'code task'}: cheapest capable model`,
    ...fields,
  };
}
