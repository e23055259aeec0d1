import type { ModelTier } from '../../core/catalog/modelInfo';
import type { ModelRef } from '../../core/types';
import type { VoteLadderStep, VoteMember, VoteResult as PanelVoteResult } from '../../shared/voteProtocol';
import { modelName } from '../../core/ensemble/vote/ballot';
import type { CascadeResult, CascadeStep } from '../../core/ensemble/cascade/cascade';
import type { ColumnSummary } from '../../core/ensemble/compare/columnSummary';
import type { LabelOf } from './panelState';
import { sumCosts } from '../../core/ensemble/vote/voteCost';

/**
 * A cascade as the Vote tab shows it: one member per ladder step asked (in ladder order), and a result whose
 * `why` says where the cascade stopped and what it escalated past. Pure, so the wording is unit-tested.
 *
 * A model whose reply is not a valid `{answer, confidence}` after its re-ask counts as confidence 0: the
 * cascade escalates past it (core `runCascade` records it as failed). When the ladder runs out below the
 * threshold the most confident valid answer is shown, marked as not accepted; when no model gave a valid
 * answer the result says "no confident answer" and carries none.
 */

/** The price tier of a model, when the catalog knows it. */
export type TierOf = (ref: ModelRef) => ModelTier | undefined;

/** What the panel knows of one rung: its step once settled, and every call it made (a re-ask is a second call). */
export interface CascadeRung {
  readonly ref: ModelRef;
  /** Absent while the model is being asked, or when the cascade was stopped during its call. */
  readonly step?: CascadeStep;
  readonly calls: readonly Pick<ColumnSummary, 'status' | 'totalMs' | 'costUsd'>[];
}

/** The ladder as the form lists it before a run. */
export function ladderView(ladder: readonly ModelRef[], label: LabelOf, tierOf: TierOf): VoteLadderStep[] {
  return ladder.map((ref) => withTier({ ref: modelName(ref), label: label(ref) }, tierOf(ref)));
}

/**
 * One rung as a vote member. A failed step reads as `invalid` when its model replied but not with valid JSON,
 * `stopped` when its call was stopped, else `failed`. `running` is whether the cascade is still going: a rung
 * without a step is then being asked (`waiting`), otherwise it was stopped.
 */
export function cascadeMember(rung: CascadeRung, label: LabelOf, tierOf: TierOf, running: boolean): VoteMember {
  const base = withTier({ ref: modelName(rung.ref), label: label(rung.ref) }, tierOf(rung.ref));
  const step = rung.step;
  if (step === undefined) return running ? { ...base, status: 'waiting' } : { ...base, status: 'stopped', error: 'stopped' };
  const times = rung.calls.map((c) => c.totalMs).filter((t): t is number => t !== undefined);
  const facts = {
    ...(step.costUsd !== undefined ? { costUsd: step.costUsd } : {}),
    ...(times.length > 0 ? { totalMs: Math.round(times.reduce((a, b) => a + b, 0)) } : {}),
  };
  if (step.outcome === 'answered') {
    return { ...base, status: 'done', ...(step.answer !== undefined ? { answer: step.answer } : {}), ...(step.confidence !== undefined ? { confidence: step.confidence } : {}), ...facts };
  }
  return { ...base, status: failedStatus(rung), ...facts, ...(step.problem !== undefined ? { error: step.problem } : {}) };
}

/**
 * The cascade's outcome for the panel. Cost is summed over every call the rungs made (re-asks included), so
 * `unpricedCalls` counts calls, as a vote's does.
 * @param totalMs wall time of the whole cascade, ms
 */
export function cascadeResultView(result: CascadeResult, rungs: readonly CascadeRung[], threshold: number, label: LabelOf, tierOf: TierOf, totalMs: number): PanelVoteResult {
  const cost = sumCosts(rungs.flatMap((r) => r.calls.map((c) => c.costUsd)));
  const index = result.chosen === undefined ? -1 : result.steps.indexOf(result.chosen);
  const chosen = index === -1 ? undefined : result.chosen;
  return {
    winner: chosen?.answer ?? '',
    winnerCluster: 0,
    agreement: chosen === undefined ? 0 : 1,
    why: cascadeWhy(result, rungs, threshold, label, tierOf),
    ...(cost.knownUsd > 0 || cost.unknownCount === 0 ? { totalCostUsd: cost.knownUsd } : {}),
    unpricedCalls: cost.unknownCount,
    totalMs: Math.max(0, Math.round(totalMs)),
    cascade: {
      threshold,
      accepted: result.accepted && chosen !== undefined,
      stopped: result.stopped,
      ...(chosen === undefined ? {} : { step: index }),
      ...(chosen?.confidence === undefined ? {} : { confidence: chosen.confidence }),
    },
  };
}

/**
 * Where the cascade stopped, in one or two sentences:
 * "Budget model Gemini Lite answered with confidence 0.82 ≥ 0.70." /
 * "Escalated twice: Gemini Lite answered 0.40 < 0.70; Claude Sonnet failed. Premium model GPT Sol answered with confidence 0.91 ≥ 0.70."
 */
export function cascadeWhy(result: CascadeResult, rungs: readonly CascadeRung[], threshold: number, label: LabelOf, tierOf: TierOf): string {
  const t = threshold.toFixed(2);
  const described = result.steps.map((step, i) => describeStep(step, rungs[i], t, label));
  const chosenIndex = result.chosen === undefined ? -1 : result.steps.indexOf(result.chosen);
  const chosen = chosenIndex === -1 ? undefined : result.chosen;
  const asked = `${result.steps.length} model${result.steps.length === 1 ? '' : 's'} asked`;
  if (result.stopped) {
    const so = chosen === undefined ? '' : ` The most confident answer so far is shown: ${label(chosen.ref)} (${confidenceText(chosen)}).`;
    return `Stopped after ${asked}${described.length === 0 ? '' : `: ${described.join('; ')}`}.${so}`;
  }
  if (result.steps.length === 0) return 'No model to ask.';
  if (chosen === undefined) {
    return `No confident answer: no model gave a valid {answer, confidence} (${asked}: ${described.join('; ')}).`;
  }
  if (result.accepted) {
    const who = `${capitalise(tierPrefix(chosen.ref, tierOf))}${label(chosen.ref)} answered with confidence ${confidenceText(chosen)} ≥ ${t}.`;
    const escalations = chosenIndex;
    if (escalations === 0) return who;
    return `Escalated ${timesText(escalations)}: ${described.slice(0, escalations).join('; ')}. ${who}`;
  }
  return `No model reached confidence ${t} (${asked}: ${described.join('; ')}). The most confident answer is shown: ${label(chosen.ref)} (${confidenceText(chosen)}).`;
}

function describeStep(step: CascadeStep, rung: CascadeRung | undefined, threshold: string, label: LabelOf): string {
  const name = label(step.ref);
  if (step.outcome === 'answered') return `${name} answered ${confidenceText(step)} < ${threshold}`;
  switch (rung === undefined ? 'failed' : failedStatus(rung)) {
    case 'invalid': return `${name} gave no valid answer`;
    case 'stopped': return `${name} was stopped`;
    default: return `${name} failed`;
  }
}

/** Why a failed step failed, read off its last call. */
function failedStatus(rung: CascadeRung): 'invalid' | 'stopped' | 'failed' {
  const last = rung.calls.at(-1)?.status;
  if (last === 'done') return 'invalid';
  if (last === 'stopped') return 'stopped';
  return 'failed';
}

function confidenceText(step: CascadeStep): string {
  return (step.confidence ?? 0).toFixed(2);
}

function tierPrefix(ref: ModelRef, tierOf: TierOf): string {
  const tier = tierOf(ref);
  return tier === undefined ? '' : `${tier} model `;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function timesText(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}

function withTier<T extends object>(value: T, tier: ModelTier | undefined): T & { tier?: ModelTier } {
  return tier === undefined ? value : { ...value, tier };
}
