import type { ModelTier } from '../catalog/modelInfo';
import { TIERS, type QualityDial } from './learnedModel';
import { percentText } from './routeReasons';

/**
 * The decision rule that weighs cost against the risk of a weak answer: take the cheapest tier whose
 * probability of being too weak is below the dial's threshold; in the uncertain band just under the threshold
 * go one tier up; then apply the user's feedback offset, if any.
 */

/**
 * Fraction of the threshold from which a tier's risk counts as uncertain: a tier that only just passes is
 * not trusted, because calibration error near the threshold is of the same size as the margin.
 */
export const UNCERTAIN_FRACTION = 0.75;

/** A per-task correction learned from the user's overrides (supplied by the feedback store). */
export interface TierFeedback {
  /** Tiers to move the decision by, e.g. +1 = one tier stronger; rounded, clamped to the tier range. */
  readonly offset: number;
  /** Shown on the decision card, e.g. "3 of your overrides raised code generation to standard here". */
  readonly note: string;
}

export interface TierChoice {
  readonly needed: ModelTier;
  /** Probability that each tier is too weak: P(needed tier above it). */
  readonly risks: readonly number[];
  /** True when the uncertain band moved the choice up a tier. */
  readonly uncertain: boolean;
  /** Why no cheaper tier was taken, one sentence per cheaper tier, then the band and feedback notes. */
  readonly reasons: readonly string[];
  readonly feedback?: TierFeedback;
}


/** P(too weak) per tier from the probabilities of the tier needed (budget, standard, premium). */
export function tierRisks(probabilities: readonly number[]): number[] {
  return TIERS.map((_, t) => probabilities.slice(t + 1).reduce((sum, p) => sum + p, 0));
}

/**
 * @param probabilities calibrated P(tier needed) for budget, standard, premium.
 * @param threshold the dial's largest accepted probability of a too-weak answer (0–1).
 */
export function chooseTier(probabilities: readonly number[], dial: QualityDial, threshold: number, feedback?: TierFeedback): TierChoice {
  const risks = tierRisks(probabilities);
  const reasons: string[] = [];
  let index = risks.findIndex((risk) => risk < threshold);
  if (index < 0) index = TIERS.length - 1;
  for (let t = 0; t < index; t++) {
    reasons.push(`Not ${TIERS[t]}: ${percentText(risks[t] ?? 0)} chance it is too weak; the ${dial} dial accepts under ${percentText(threshold)}.`);
  }
  const risk = risks[index] ?? 0;
  const uncertain = index < TIERS.length - 1 && risk >= threshold * UNCERTAIN_FRACTION;
  if (uncertain) {
    reasons.push(`Not ${TIERS[index]}: its ${percentText(risk)} risk is in the uncertain band just under the threshold, so one tier up.`);
    index++;
  }
  if (feedback !== undefined && Math.round(feedback.offset) !== 0) {
    index = Math.min(TIERS.length - 1, Math.max(0, index + Math.round(feedback.offset)));
    reasons.push(`Feedback: ${feedback.note}.`);
  }
  const needed = TIERS[index] as ModelTier;
  return { needed, risks, uncertain, reasons, ...(feedback === undefined ? {} : { feedback }) };
}
