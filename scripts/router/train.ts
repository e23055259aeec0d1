/**
 * Trains the learned router: multinomial logistic regression, one softmax head for the task type and one for
 * the tier needed, over `featurize`'s hashed features, by seeded SGD (same rows → same weights, byte for
 * byte). Then int8 quantisation, temperature scaling on a calibration split and one threshold per dial.
 */
import { classify } from '../../src/core/routing/classify';
import {
  CLASSES, QUALITY_DIALS, TEXT_TASKS, TIERS, loadRouterModel, scoreFeatures, softmax,
  type QualityDial, type SerializedRouterModel,
} from '../../src/core/routing/learnedModel';
import { FEATURE_BUCKETS, featurize } from '../../src/core/routing/routerFeatures';
import { chooseTier } from '../../src/core/routing/tierChoice';
import type { LabelledPrompt } from './data';
import { createRng, shuffled } from './rng';

export interface TrainOptions {
  readonly seed: number;
  readonly epochs: number;
  /** Share of rows (by id hash) kept out of training to fit temperatures and thresholds. */
  readonly calibrationShare: number;
  /** Sample weight of editor-style rows relative to corpus rows (they are the users' distribution). */
  readonly editorWeight: number;
  /** Highest under-routing rate accepted on the calibration split, per dial. */
  readonly underTargets: Readonly<Record<QualityDial, number>>;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  seed: 20261205, epochs: 20, calibrationShare: 0.15, editorWeight: 2,
  underTargets: { economy: 0.08, balanced: 0.015, quality: 0.005 },
};

interface Example { readonly features: number[]; readonly task: number; readonly tier: number; readonly weight: number; readonly editor: boolean }

function idHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h >>> 0) % 1000;
}

/** The row as the runtime sees it: the heuristic's facts, then the hashed features. */
export function toExample(row: LabelledPrompt, editorWeight: number): Example {
  const heuristic = classify({ messages: [{ role: 'user', content: row.prompt }], feature: 'ask' });
  return {
    features: [...featurize(row.prompt, heuristic)],
    task: TEXT_TASKS.indexOf(row.task),
    tier: TIERS.indexOf(row.tier),
    weight: row.origin === 'editor' ? editorWeight : 1,
    editor: row.origin === 'editor',
  };
}

function sgd(examples: readonly Example[], options: TrainOptions): Float64Array {
  const weights = new Float64Array(FEATURE_BUCKETS * CLASSES);
  const scores = new Float64Array(CLASSES);
  const rng = createRng(options.seed);
  const l2 = 1e-6;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const rate = 1.5 / (1 + 0.3 * epoch);
    for (const ex of shuffled(examples, rng)) {
      scoreFeatures(weights, ex.features, scores);
      const task = softmax(scores, 0, TEXT_TASKS.length, 1);
      const tier = softmax(scores, TEXT_TASKS.length, TIERS.length, 1);
      const grad = [...task.map((p, k) => p - (k === ex.task ? 1 : 0)), ...tier.map((p, k) => p - (k === ex.tier ? 1 : 0))];
      const step = (rate * ex.weight) / Math.sqrt(ex.features.length);
      for (const feature of ex.features) {
        const row = feature * CLASSES;
        for (let k = 0; k < CLASSES; k++) weights[row + k] = (weights[row + k] as number) * (1 - rate * l2) - step * (grad[k] as number);
      }
    }
  }
  return weights;
}

/** Int8 per class (weight = q × scale), base64, as shipped. */
function quantise(weights: Float64Array): { scales: number[]; base64: string } {
  const scales = Array.from({ length: CLASSES }, () => 0);
  for (let i = 0; i < weights.length; i++) scales[i % CLASSES] = Math.max(scales[i % CLASSES] as number, Math.abs(weights[i] as number));
  for (let k = 0; k < CLASSES; k++) scales[k] = (scales[k] as number) / 127 || 1;
  const bytes = new Int8Array(weights.length);
  for (let i = 0; i < weights.length; i++) bytes[i] = Math.round((weights[i] as number) / (scales[i % CLASSES] as number));
  return { scales, base64: Buffer.from(bytes.buffer).toString('base64') };
}

function nll(logits: readonly ArrayLike<number>[], truth: readonly number[], from: number, count: number, temperature: number): number {
  let total = 0;
  logits.forEach((row, i) => {
    total -= Math.log(Math.max(1e-12, softmax(row, from, count, temperature)[truth[i] as number] as number));
  });
  return total;
}

/**
 * Temperature scaling: the T in 0.3–4 (step 0.05) minimising the negative log-likelihood of `truth` under
 * softmax(logits[from..from+count) / T).
 */
export function fitTemperature(logits: readonly ArrayLike<number>[], truth: readonly number[], from: number, count: number): number {
  let best = 1;
  let bestLoss = Infinity;
  for (let t = 0.3; t <= 4.001; t += 0.05) {
    const loss = nll(logits, truth, from, count, t);
    if (loss < bestLoss) [best, bestLoss] = [Math.round(t * 100) / 100, loss];
  }
  return best;
}

/** Largest threshold whose decisions under-route at most `target` of the calibration rows. */
function fitThreshold(tierProbs: readonly number[][], examples: readonly Example[], dial: QualityDial, target: number): number {
  let best = 0.01;
  for (let th = 0.01; th <= 0.6; th += 0.005) {
    let under = 0;
    tierProbs.forEach((p, i) => {
      if (TIERS.indexOf(chooseTier(p, dial, th).needed) < (examples[i] as Example).tier) under++;
    });
    if (under / examples.length <= target) best = Math.round(th * 1000) / 1000;
  }
  return best;
}

/** Trains, quantises and calibrates; deterministic for the same rows and options. */
export function trainRouterModel(rows: readonly LabelledPrompt[], options: TrainOptions = DEFAULT_TRAIN_OPTIONS): SerializedRouterModel {
  const examples = rows.map((row) => toExample(row, options.editorWeight));
  const isCalibration = (i: number): boolean => idHash((rows[i] as LabelledPrompt).id) < options.calibrationShare * 1000;
  const train = examples.filter((_, i) => !isCalibration(i));
  const calibration = examples.filter((_, i) => isCalibration(i));
  const { scales, base64 } = quantise(sgd(train, options));
  const draft: SerializedRouterModel = {
    version: 1, buckets: FEATURE_BUCKETS, taskTemperature: 1, tierTemperature: 1,
    thresholds: { economy: 0.5, balanced: 0.1, quality: 0.02 }, scales, weights: base64,
  };
  const loaded = loadRouterModel(draft);
  const logits = calibration.map((ex) => {
    const out = loaded.predict(ex.features);
    return Float64Array.from([...out.task.map(Math.log), ...out.tier.map(Math.log)]);
  });
  const taskTemperature = fitTemperature(logits, calibration.map((ex) => ex.task), 0, TEXT_TASKS.length);
  const tierTemperature = fitTemperature(logits, calibration.map((ex) => ex.tier), TEXT_TASKS.length, TIERS.length);
  const tierProbs = logits.map((l) => softmax(l, TEXT_TASKS.length, TIERS.length, tierTemperature));
  const thresholds = Object.fromEntries(
    QUALITY_DIALS.map((dial) => [dial, fitThreshold(tierProbs, calibration, dial, options.underTargets[dial])]),
  ) as Record<QualityDial, number>;
  return { ...draft, taskTemperature, tierTemperature, thresholds };
}
