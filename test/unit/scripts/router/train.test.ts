import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { softmax } from '../../../../src/core/routing/learnedModel';
import type { LabelledPrompt } from '../../../../scripts/router/data';
import { DEFAULT_TRAIN_OPTIONS, fitTemperature, trainRouterModel } from '../../../../scripts/router/train';
import { createRng } from '../../../../scripts/router/rng';

const ROWS: readonly LabelledPrompt[] = [
  ['write a python function to reverse a string', 'codeGeneration', 'budget'],
  ['implement a lock-free queue in rust', 'codeGeneration', 'premium'],
  ['why does this fail?\nTypeError: x is undefined', 'codeReview', 'standard'],
  ['review this diff\n-a\n+b', 'codeReview', 'standard'],
  ['tldr: the meeting moved the launch to May', 'summarisation', 'budget'],
  ['is this spam? WIN A FREE PHONE', 'classification', 'budget'],
  ['extract the email from: mail me at a@b.com', 'extraction', 'budget'],
  ['prove there are infinitely many primes', 'reasoning', 'premium'],
  ['what is 12 * 7', 'reasoning', 'budget'],
  ['write a haiku about mondays', 'creativeWriting', 'budget'],
  ['what port does postgres use', 'chat', 'budget'],
  ['monorepo or polyrepo for six teams?', 'chat', 'standard'],
].flatMap(([prompt, task, tier], i) => [0, 1].map((copy) => ({
  id: `fixture-${i}-${copy}`, prompt: copy === 0 ? prompt : `${prompt} please`, task, tier, origin: 'editor',
}) as LabelledPrompt));

const OPTIONS = { ...DEFAULT_TRAIN_OPTIONS, epochs: 3, calibrationShare: 0.3 };
const hash = (weights: string): string => createHash('sha256').update(weights).digest('hex');

describe('trainRouterModel', () => {
  it('is deterministic: the same rows and seed give byte-identical weights', function () {
    this.timeout(20_000);
    const a = trainRouterModel(ROWS, OPTIONS);
    const b = trainRouterModel(ROWS, OPTIONS);
    assert.equal(hash(a.weights), hash(b.weights));
    assert.deepEqual({ ...a, weights: '' }, { ...b, weights: '' });
    const reseeded = trainRouterModel(ROWS, { ...OPTIONS, seed: OPTIONS.seed + 1 });
    assert.notEqual(hash(reseeded.weights), hash(a.weights));
  });
});

describe('fitTemperature', () => {
  it('recovers the temperature that generated the labels (calibration)', () => {
    const rng = createRng(7);
    const logits: number[][] = [];
    const truth: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const row = [rng.next() * 6, rng.next() * 6, rng.next() * 6];
      const p = softmax(row, 0, 3, 2);
      const u = rng.next();
      truth.push(u < (p[0] as number) ? 0 : u < (p[0] as number) + (p[1] as number) ? 1 : 2);
      logits.push(row);
    }
    const fitted = fitTemperature(logits, truth, 0, 3);
    assert.ok(Math.abs(fitted - 2) <= 0.3, `fitted ${fitted}`);
  });
});
