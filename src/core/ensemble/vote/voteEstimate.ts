import type { ModelPricing } from '../../catalog/modelInfo';
import { estimateRequestUsd } from '../../cost/budget';
import type { ModelRef } from '../../types';
import { JUDGE_MAX_OUTPUT_TOKENS } from './judge';
import { sumCosts, type VoteCost } from './voteCost';

/**
 * The cost shown before a vote runs: an upper bound per call (prompt tokens at the input rate plus the whole
 * output allowance at the output rate, `estimateRequestUsd`), summed over the models and the judges.
 * Re-asks of invalid confidence replies are not included: they happen only when a model misbehaves.
 */

/** Tokens of the judge's instructions, candidate markers and question framing, on top of the candidates. */
export const JUDGE_PROMPT_OVERHEAD_TOKENS = 200;

export interface VoteEstimateInput {
  readonly models: readonly ModelRef[];
  /** Estimated prompt tokens of the request each model gets (the strategy's instruction included). */
  readonly promptTokens: number;
  /** Output allowance of each answer, in tokens. */
  readonly maxOutputTokens: number;
  /** Judge strategy: the judge, or the panel of judges. */
  readonly judges?: readonly ModelRef[];
  /** The catalog's prices; `undefined` makes that call's estimate unknown. */
  pricingOf(ref: ModelRef): ModelPricing | undefined;
}

export interface VoteEstimateLine {
  readonly ref: ModelRef;
  readonly role: 'answer' | 'judge';
  readonly promptTokens: number;
  readonly maxOutputTokens: number;
  /** Upper-bound USD; `undefined` when a needed price is unknown. */
  readonly usd?: number;
}

export interface VoteEstimate {
  readonly lines: readonly VoteEstimateLine[];
  /** `totalUsd` is `undefined` when any line is unknown; `knownUsd` + `unknownCount` say how much is known. */
  readonly cost: VoteCost;
}

/**
 * Upper-bound cost of a vote. A judge's prompt holds the question and, at worst, every model's full answer:
 * `promptTokens + models × maxOutputTokens + JUDGE_PROMPT_OVERHEAD_TOKENS`, with `JUDGE_MAX_OUTPUT_TOKENS` out.
 * @throws RangeError for a negative or non-finite token count
 */
export function estimateVote(input: VoteEstimateInput): VoteEstimate {
  const judgePromptTokens = input.promptTokens + input.models.length * input.maxOutputTokens + JUDGE_PROMPT_OVERHEAD_TOKENS;
  const line = (ref: ModelRef, role: VoteEstimateLine['role'], promptTokens: number, maxOutputTokens: number): VoteEstimateLine => {
    const usd = estimateRequestUsd(promptTokens, maxOutputTokens, input.pricingOf(ref));
    return { ref, role, promptTokens, maxOutputTokens, ...(usd === undefined ? {} : { usd }) };
  };
  const lines = [
    ...input.models.map((ref) => line(ref, 'answer', input.promptTokens, input.maxOutputTokens)),
    ...(input.judges ?? []).map((ref) => line(ref, 'judge', judgePromptTokens, JUDGE_MAX_OUTPUT_TOKENS)),
  ];
  return { lines, cost: sumCosts(lines.map((l) => l.usd)) };
}
