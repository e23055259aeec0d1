import type { AnswerState } from '../ask/answerState';
import type { ModelPricing } from '../catalog/modelInfo';
import type { ModelRef } from '../types';
import type { LedgerDraft } from './ledger';
import { ledgerAttempts, type LedgerFeature, type LedgerOutcome } from './ledgerRecord';
import { priceCall, refusedBeforeAnyText } from './pricing';

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
 * The model a finished answer is billed to and recorded under: the one that answered, else the one that was
 * answering when it ended, else the last one tried, else the router's choice.
 */
function billedModel(state: AnswerState): ModelRef | undefined {
  return state.answeredBy ?? state.current ?? state.attempts?.at(-1)?.ref ?? state.decision?.chosen;
}

/**
 * USD of an answer (once finished; so far, while it streams), as its ledger record stores it and its header and
 * chat footer show it. From provider-reported usage at the billed model's prices (`priceCall`); with a failover
 * the runner's usage is the sum over attempts, priced at the answering model's rates (an approximation: the
 * attempts' own usage is not reported separately). A failed call refused before any text is a known $0 (`refusedBeforeAnyText`); any
 * other call without usage (a stream cut off mid-answer) costs "unknown".
 */
export function answerCostUsd(state: AnswerState, pricingOf: (ref: ModelRef) => ModelPricing | undefined): number | undefined {
  const ref = billedModel(state);
  if (state.usage !== undefined) return ref === undefined ? undefined : priceCall(state.usage, pricingOf(ref));
  return state.phase === 'failed' && refusedBeforeAnyText(state.attempts ?? []) ? 0 : undefined;
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
  const ref = billedModel(state) ?? state.decision.chosen;
  const costUsd = answerCostUsd(state, pricingOf);
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
