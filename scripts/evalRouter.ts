/**
 * `npm run eval:router`: scores the shipped learned router, one JSON line per test set — the editor-style
 * held-out batches (data/router/heldout-*.jsonl, never trained on) and the corpus validation split.
 */
import { TEXT_TASKS, TIERS, QUALITY_DIALS, type QualityDial } from '../src/core/routing/learnedModel';
import { classifyLearned, routerModel } from '../src/core/routing/learnedClassify';
import { chooseTier } from '../src/core/routing/tierChoice';
import { readCorpus, readEditorBatches, type LabelledPrompt } from './router/data';

/** USD per million tokens, input and output, per tier (the reference prices). */
const PRICES: Readonly<Record<string, readonly [number, number]>> = { budget: [0.15, 0.6], standard: [3, 15], premium: [15, 75] };
const OUTPUT_TOKENS = 300;
const DEFAULT_DIAL: QualityDial = 'balanced';

interface Scored { readonly row: LabelledPrompt; readonly task: number[]; readonly tier: number[]; readonly tokens: number }

const round = (x: number, digits = 4): number => Math.round(x * 10 ** digits) / 10 ** digits;
const argmax = (xs: readonly number[]): number => xs.reduce((best, x, i) => (x > (xs[best] as number) ? i : best), 0);
const cost = (tier: string, tokens: number): number => {
  const [input, output] = PRICES[tier] as readonly [number, number];
  return (tokens * input + OUTPUT_TOKENS * output) / 1e6;
};

function f1PerClass(scored: readonly Scored[]): Record<string, number> {
  const out: Record<string, number> = {};
  TEXT_TASKS.forEach((label, k) => {
    let tp = 0, fp = 0, fn = 0;
    for (const s of scored) {
      const predicted = argmax(s.task) === k;
      const actual = s.row.task === label;
      if (predicted && actual) tp++; else if (predicted) fp++; else if (actual) fn++;
    }
    if (tp + fn > 0) out[label] = round(tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn), 3);
  });
  return out;
}

/** Expected calibration error of the top class, 10 equal-width bins. */
function ece(probs: readonly number[][], truth: readonly number[]): number {
  const bins = Array.from({ length: 10 }, () => ({ n: 0, conf: 0, right: 0 }));
  probs.forEach((p, i) => {
    const k = argmax(p);
    const bin = bins[Math.min(9, Math.floor((p[k] as number) * 10))]!;
    bin.n++;
    bin.conf += p[k] as number;
    bin.right += k === truth[i] ? 1 : 0;
  });
  return round(bins.reduce((sum, b) => sum + (b.n === 0 ? 0 : Math.abs(b.conf - b.right)), 0) / probs.length);
}

function routing(scored: readonly Scored[], dial: QualityDial) {
  const threshold = routerModel().thresholds[dial];
  let under = 0, over = 0, premiumToBudget = 0, spent = 0, premium = 0;
  for (const s of scored) {
    const chosen = TIERS.indexOf(chooseTier(s.tier, dial, threshold).needed);
    const needed = TIERS.indexOf(s.row.tier);
    if (chosen < needed) under++;
    if (chosen > needed) over++;
    if (needed === 2 && chosen === 0) premiumToBudget++;
    spent += cost(TIERS[chosen] as string, s.tokens);
    premium += cost('premium', s.tokens);
  }
  return { threshold, underRouting: round(under / scored.length), overRouting: round(over / scored.length), premiumToBudget, saving: round(1 - spent / premium) };
}

function evaluate(name: string, rows: readonly LabelledPrompt[]): void {
  const scored: Scored[] = rows.map((row) => {
    const profile = classifyLearned({ messages: [{ role: 'user', content: row.prompt }], feature: 'ask' });
    const text = TEXT_TASKS.map((label) => (label === profile.type ? 1 : 0));
    const task = profile.evidence.length > 0 && profile.probability !== undefined ? taskProbs(profile.type, profile.probability, text) : text;
    return { row, task, tier: [...(profile.tierProbabilities ?? [0, 1, 0])], tokens: profile.features.promptTokens };
  });
  const correct = scored.filter((s) => TEXT_TASKS[argmax(s.task)] === s.row.task).length;
  const perDial = Object.fromEntries(QUALITY_DIALS.map((dial) => [dial, routing(scored, dial)]));
  console.log(JSON.stringify({
    set: name,
    prompts: rows.length,
    tiers: Object.fromEntries(TIERS.map((tier) => [tier, rows.filter((r) => r.tier === tier).length])),
    taskAccuracy: round(correct / rows.length),
    taskF1: f1PerClass(scored),
    dial: DEFAULT_DIAL,
    ...perDial[DEFAULT_DIAL],
    taskEce: ece(scored.map((s) => s.task), scored.map((s) => TEXT_TASKS.indexOf(s.row.task))),
    tierEce: ece(scored.map((s) => s.tier), scored.map((s) => TIERS.indexOf(s.row.tier))),
    dials: perDial,
  }));
}

/** The profile carries only the top task's probability; spread the rest evenly for ECE of the top class. */
function taskProbs(type: string, probability: number, oneHot: number[]): number[] {
  const rest = (1 - probability) / (TEXT_TASKS.length - 1);
  return oneHot.map((_, k) => (TEXT_TASKS[k] === type ? probability : rest));
}

evaluate('editor-heldout', readEditorBatches('heldout-'));
evaluate('corpus-validation', readCorpus('validation'));
