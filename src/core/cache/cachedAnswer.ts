import type { AnswerState } from '../ask/answerState';
import type { CallTiming } from '../cost/answerRecord';
import type { LedgerDraft } from '../cost/ledger';
import type { LedgerFeature } from '../cost/ledgerRecord';
import type { CachedAnswer } from './exactResponseCache';

/** The answer as a cache hit gives it: complete at once, by the model that first answered, no tokens spent. */
export function answerFromCache(state: AnswerState, hit: CachedAnswer): AnswerState {
  return {
    ...state,
    phase: 'done',
    current: hit.answeredBy,
    answeredBy: hit.answeredBy,
    segments: [{ by: hit.answeredBy, text: hit.text }],
    usage: { inputTokens: 0, outputTokens: 0 },
    attempts: [],
    cached: { ...(hit.costUsd === undefined ? {} : { savedUsd: hit.costUsd }), storedAt: hit.createdAt },
  };
}

/**
 * The ledger record of a cache hit: $0 (nothing was sent, so the cost is known), no attempts, `cacheHit`, and
 * `savedUsd` — what the original call cost (absent when that was unknown).
 */
export function cacheHitLedgerDraft(state: AnswerState, hit: CachedAnswer, feature: LedgerFeature, timing: CallTiming): LedgerDraft {
  return {
    feature,
    provider: hit.answeredBy.provider,
    model: hit.answeredBy.model,
    usage: { inputTokens: 0, outputTokens: 0 },
    costUsd: 0,
    ...(hit.costUsd === undefined ? {} : { savedUsd: hit.costUsd }),
    latencyMs: Math.max(0, timing.endedAt - timing.startedAt),
    ttftMs: Math.max(0, timing.endedAt - timing.startedAt),
    outcome: 'success',
    attempts: [],
    cacheHit: true,
    routeReason: `exact response cache (first answered ${new Date(hit.createdAt).toISOString()})${state.pinned !== undefined ? ', chosen by the user' : ''}`,
  };
}
