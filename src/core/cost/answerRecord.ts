import type { AnswerState } from '../ask/answerState';
import type { ModelPricing } from '../catalog/modelInfo';
import type { ModelRef } from '../types';
import type { LedgerDraft } from './ledger';
import { ledgerAttempts, type LedgerFeature, type LedgerOutcome } from './ledgerRecord';
import { priceUsage } from './pricing';

/** When one call started and ended, and when its first answer token came (ms since the epoch). */
export interface CallTiming {
  readonly startedAt: number;
  readonly endedAt: number;
  readonly firstTokenAt?: number;
}

function outcomeOf(state: AnswerState): LedgerOutcome | undefined {
  switch (state.phase) {
    case 'done':
      return 'success';
    case 'stopped':
      return 'cancelled';
    case 'failed':
      return 'failed';
    default:
      return undefined;
  }
}

/**
 * Cost of the call. From provider-reported usage at the answering model's prices; with a failover the
 * runner's usage is the sum over attempts, priced at the answering model's rates (an approximation: the
 * attempts' own usage is not reported separately). A call every model rejected with an HTTP error before
 * any text costs $0 — vendors bill no tokens for a refused request — which is a known zero, not a guess;
 * any other call without usage (a stream cut off mid-answer) costs "unknown".
 */
function costOf(state: AnswerState, ref: ModelRef, pricingOf: (ref: ModelRef) => ModelPricing | undefined): number | undefined {
  if (state.usage !== undefined) return priceUsage(state.usage, pricingOf(ref)).costUsd;
  const attempts = state.attempts ?? [];
  const refusedBeforeAnyText = attempts.length > 0
    && attempts.every((a) => a.textChars === 0 && (a.outcome === 'skipped' || (a.outcome === 'failed' && a.status !== undefined)));
  return state.phase === 'failed' && refusedBeforeAnyText ? 0 : undefined;
}

/**
 * The ledger record of one finished answer, or `undefined` when no request reached a model (no route,
 * refused by the budget, or stopped before sending): those cost nothing and are not calls.
 */
export function answerLedgerDraft(
  state: AnswerState,
  feature: LedgerFeature,
  timing: CallTiming,
  pricingOf: (ref: ModelRef) => ModelPricing | undefined,
): LedgerDraft | undefined {
  const outcome = outcomeOf(state);
  const attempts = state.attempts ?? [];
  if (outcome === undefined || state.decision === undefined) return undefined;
  if (attempts.length === 0 && state.segments.length === 0 && state.usage === undefined) return undefined;
  const last = attempts.at(-1)?.ref;
  const ref = state.answeredBy ?? state.current ?? last ?? state.decision.chosen;
  const costUsd = costOf(state, ref, pricingOf);
  return {
    feature,
    provider: ref.provider,
    model: ref.model,
    usage: state.usage ?? {},
    ...(costUsd !== undefined ? { costUsd } : {}),
    latencyMs: Math.max(0, timing.endedAt - timing.startedAt),
    ...(timing.firstTokenAt !== undefined ? { ttftMs: Math.max(0, timing.firstTokenAt - timing.startedAt) } : {}),
    outcome,
    attempts: ledgerAttempts(attempts),
    cacheHit: false,
    routeReason: state.pinned !== undefined ? 'chosen by the user' : (state.decision.reasons[0] ?? ''),
  };
}
