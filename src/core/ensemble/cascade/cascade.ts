import type { ModelRef } from '../../types';
import { modelName } from '../vote/ballot';
import { sumCosts, type VoteCost } from '../vote/voteCost';

/**
 * Cascade: ask the cheapest model first and escalate to the next tier while the answer's confidence is below a
 * threshold. The decision is a pure function of the steps so far; `runCascade` drives it over an injected
 * `ask`, so it is tested without any model.
 */

/** What one model said: its answer and its confidence (0..1). */
export interface CascadeAnswer {
  readonly answer: string;
  readonly confidence: number;
  /** USD of the call (re-asks included); `undefined` = unknown. */
  readonly costUsd?: number;
}

export interface CascadeStep {
  readonly ref: ModelRef;
  /** `failed`: the call threw (error, invalid reply after its re-ask); a failure escalates like low confidence. */
  readonly outcome: 'answered' | 'failed';
  readonly answer?: string;
  readonly confidence?: number;
  readonly costUsd?: number;
  readonly problem?: string;
}

export type CascadeDecision =
  /** Stop: the step at `index` is confident enough. */
  | { readonly action: 'accept'; readonly index: number }
  /** Ask the ladder's model at `next`. */
  | { readonly action: 'escalate'; readonly next: number }
  /** Ladder used up below the threshold: `best` is the most confident answered step (ties → the higher tier). */
  | { readonly action: 'exhausted'; readonly best?: number };

/**
 * The next move after `steps` (one per ladder rung asked so far, in ladder order).
 * @param threshold confidence in 0..1 at or above which an answer is accepted
 * @throws RangeError for a threshold outside 0..1
 */
export function decideCascade(steps: readonly CascadeStep[], ladderLength: number, threshold: number): CascadeDecision {
  if (!(threshold >= 0 && threshold <= 1)) throw new RangeError(`Cascade threshold must be in 0..1, not ${threshold}.`);
  const last = steps.at(-1);
  if (last?.outcome === 'answered' && (last.confidence ?? 0) >= threshold) return { action: 'accept', index: steps.length - 1 };
  if (steps.length < ladderLength) return { action: 'escalate', next: steps.length };
  let best: number | undefined;
  steps.forEach((step, index) => {
    if (step.outcome !== 'answered') return;
    const bestConfidence = best === undefined ? -1 : (steps[best]?.confidence ?? 0);
    if ((step.confidence ?? 0) >= bestConfidence) best = index;
  });
  return best === undefined ? { action: 'exhausted' } : { action: 'exhausted', best };
}

/**
 * What an asker throws when a model gave no usable answer, with what the attempt cost (USD; `undefined` =
 * unknown) so the cascade's total stays known when it can. Any other thrown value counts as unknown cost.
 */
export class CascadeAskError extends Error {
  constructor(message: string, readonly costUsd?: number) {
    super(message);
    this.name = 'CascadeAskError';
  }
}

/** Asks one model for `{answer, confidence}`; throws when it cannot give one. Must honour `signal`. */
export type CascadeAsk = (ref: ModelRef, signal: AbortSignal) => Promise<CascadeAnswer>;

export interface CascadeResult {
  readonly steps: readonly CascadeStep[];
  /** The answer to show: the accepted one, else the most confident; absent when none answered. */
  readonly chosen?: CascadeStep;
  /** True when `chosen` reached the threshold. */
  readonly accepted: boolean;
  /** For the panel: which model answered, at what confidence, after how many escalations. */
  readonly why: string;
  readonly cost: VoteCost;
  /** True when the signal stopped the cascade before it decided. */
  readonly stopped: boolean;
}

export interface CascadeOptions {
  readonly signal?: AbortSignal;
  /** Told after each model answers or fails, before the next is asked. */
  readonly onStep?: (step: CascadeStep, index: number) => void;
}

/**
 * Walks `ladder` (cheapest first) with `decideCascade`. A model that throws is recorded as failed and the
 * cascade escalates; an abort stops it with what it has.
 * @throws RangeError for a threshold outside 0..1
 */
export async function runCascade(ladder: readonly ModelRef[], threshold: number, ask: CascadeAsk, options: CascadeOptions = {}): Promise<CascadeResult> {
  const signal = options.signal ?? new AbortController().signal;
  const steps: CascadeStep[] = [];
  for (;;) {
    const decision = decideCascade(steps, ladder.length, threshold);
    if (decision.action !== 'escalate') return result(steps, decision, threshold, false);
    const ref = ladder[decision.next];
    if (signal.aborted || ref === undefined) return stoppedResult(steps, threshold);
    let step: CascadeStep;
    try {
      const answer = await ask(ref, signal);
      step = { ref, outcome: 'answered', answer: answer.answer, confidence: answer.confidence, ...(answer.costUsd === undefined ? {} : { costUsd: answer.costUsd }) };
    } catch (error) {
      if (signal.aborted) return stoppedResult(steps, threshold);
      const costUsd = error instanceof CascadeAskError ? error.costUsd : undefined;
      step = { ref, outcome: 'failed', problem: error instanceof Error ? error.message : String(error), ...(costUsd === undefined ? {} : { costUsd }) };
    }
    steps.push(step);
    options.onStep?.(step, steps.length - 1);
  }
}

/** Stopped by the signal: keep the most confident answer so far, unaccepted. */
function stoppedResult(steps: readonly CascadeStep[], threshold: number): CascadeResult {
  const decision = decideCascade(steps, steps.length, threshold);
  return result(steps, decision.action === 'accept' ? { action: 'exhausted', best: decision.index } : decision, threshold, true);
}

function result(steps: readonly CascadeStep[], decision: CascadeDecision, threshold: number, stopped: boolean): CascadeResult {
  const cost = sumCosts(steps.map((s) => s.costUsd));
  const base = { steps, cost, stopped };
  const index = decision.action === 'accept' ? decision.index : decision.action === 'exhausted' ? decision.best : undefined;
  const chosen = index === undefined ? undefined : steps[index];
  const escalations = Math.max(0, steps.length - 1);
  const after = escalations === 0 ? '' : ` after ${escalations} escalation${escalations === 1 ? '' : 's'}`;
  if (stopped) return { ...base, accepted: false, why: `Stopped after ${steps.length} model${steps.length === 1 ? '' : 's'}.`, ...(chosen === undefined ? {} : { chosen }) };
  if (chosen === undefined) return { ...base, accepted: false, why: steps.length === 0 ? 'No model to ask.' : `Every model failed (${steps.length} asked).` };
  const confidence = (chosen.confidence ?? 0).toFixed(2);
  if (decision.action === 'accept') {
    return { ...base, chosen, accepted: true, why: `${modelName(chosen.ref)} answered with confidence ${confidence} ≥ ${threshold.toFixed(2)}${after}.` };
  }
  return { ...base, chosen, accepted: false, why: `No model reached confidence ${threshold.toFixed(2)}; the most confident was ${modelName(chosen.ref)} (${confidence})${after}.` };
}
