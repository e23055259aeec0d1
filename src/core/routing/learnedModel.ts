import { FEATURE_BUCKETS } from './routerFeatures';

/**
 * The learned router's weights and the forward pass: two softmax heads (task type, tier needed) over the
 * same hashed features, written by `npm run train:router` into `model/routerWeights.ts`.
 */

/** The eight task types text can tell; `multimodal` and `longDocument` come from attachments. */
export const TEXT_TASKS = ['classification', 'extraction', 'summarisation', 'codeGeneration', 'codeReview', 'reasoning', 'creativeWriting', 'chat'] as const;
export type TextTask = (typeof TEXT_TASKS)[number];
export const TIERS = ['budget', 'standard', 'premium'] as const;
/** Output classes: the task head's, then the tier head's, in one row per feature. */
export const CLASSES = TEXT_TASKS.length + TIERS.length;

/** How cautious the router is: the highest probability of a too-weak tier it accepts, per dial position. */
export type QualityDial = 'economy' | 'balanced' | 'quality';
export const QUALITY_DIALS: readonly QualityDial[] = ['economy', 'balanced', 'quality'];

/** The serialised model (what the trainer writes). */
export interface SerializedRouterModel {
  readonly version: number;
  readonly buckets: number;
  /** Softmax temperatures fitted on the calibration split (> 1 softens over-confident heads). */
  readonly taskTemperature: number;
  readonly tierTemperature: number;
  /** Maximum accepted probability that the chosen tier is too weak, per dial; fitted on the calibration split. */
  readonly thresholds: Readonly<Record<QualityDial, number>>;
  /** Per-class dequantisation factor: weight = int8 × scale. */
  readonly scales: readonly number[];
  /** Base64 of `buckets × CLASSES` signed bytes, feature-major. */
  readonly weights: string;
}

/** Calibrated probabilities, each array summing to 1. */
export interface ModelOutput {
  readonly task: readonly number[];
  readonly tier: readonly number[];
}

export interface RouterModel {
  readonly thresholds: Readonly<Record<QualityDial, number>>;
  /** Probabilities for a feature list (from `featurize`). */
  predict(features: readonly number[]): ModelOutput;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 to bytes; kept here so the domain layer needs no Buffer or atob. */
export function decodeBase64(text: string): Uint8Array {
  const lookup = new Int16Array(128).fill(-1);
  for (let i = 0; i < B64.length; i++) lookup[B64.charCodeAt(i)] = i;
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    value = (value << 6) | (lookup[clean.charCodeAt(i)] ?? 0);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 0xff;
    }
  }
  return out;
}

/** Softmax of `scores[from..from+count)` divided by `temperature`. */
export function softmax(scores: ArrayLike<number>, from: number, count: number, temperature: number): number[] {
  let max = -Infinity;
  for (let k = 0; k < count; k++) max = Math.max(max, (scores[from + k] as number) / temperature);
  const out: number[] = [];
  let sum = 0;
  for (let k = 0; k < count; k++) {
    const e = Math.exp((scores[from + k] as number) / temperature - max);
    out.push(e);
    sum += e;
  }
  return out.map((e) => e / sum);
}

/** Raw class scores (logits) for a feature list, each feature weighted 1/√n. */
export function scoreFeatures(weights: ArrayLike<number>, features: readonly number[], out: Float64Array): Float64Array {
  out.fill(0);
  const value = features.length === 0 ? 0 : 1 / Math.sqrt(features.length);
  for (const feature of features) {
    const row = feature * CLASSES;
    for (let k = 0; k < CLASSES; k++) out[k] = (out[k] as number) + (weights[row + k] as number);
  }
  for (let k = 0; k < CLASSES; k++) out[k] = (out[k] as number) * value;
  return out;
}

/** Decodes a serialised model into a ready predictor (about 3 MB of floats). */
export function loadRouterModel(serialized: SerializedRouterModel): RouterModel {
  if (serialized.buckets !== FEATURE_BUCKETS) throw new Error(`router model has ${serialized.buckets} buckets, features use ${FEATURE_BUCKETS}: retrain with npm run train:router`);
  const bytes = decodeBase64(serialized.weights);
  const weights = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const q = bytes[i] as number;
    weights[i] = (q > 127 ? q - 256 : q) * (serialized.scales[i % CLASSES] as number);
  }
  const scores = new Float64Array(CLASSES);
  return {
    thresholds: serialized.thresholds,
    predict: (features) => {
      scoreFeatures(weights, features, scores);
      return {
        task: softmax(scores, 0, TEXT_TASKS.length, serialized.taskTemperature),
        tier: softmax(scores, TEXT_TASKS.length, TIERS.length, serialized.tierTemperature),
      };
    },
  };
}
