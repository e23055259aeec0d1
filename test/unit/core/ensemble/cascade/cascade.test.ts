import assert from 'node:assert/strict';
import {
  CascadeAskError, decideCascade, runCascade, type CascadeAnswer, type CascadeDecision, type CascadeStep,
} from '../../../../../src/core/ensemble/cascade/cascade';
import type { ModelRef } from '../../../../../src/core/types';

const cheap: ModelRef = { provider: 'gemini', model: 'lite' };
const mid: ModelRef = { provider: 'anthropic', model: 'sonnet' };
const top: ModelRef = { provider: 'openai', model: 'sol' };
const LADDER = [cheap, mid, top];

function said(ref: ModelRef, confidence: number): CascadeStep {
  return { ref, outcome: 'answered', answer: `${ref.model} says`, confidence };
}
function broke(ref: ModelRef): CascadeStep {
  return { ref, outcome: 'failed', problem: 'boom' };
}

interface Row {
  readonly name: string;
  readonly steps: readonly CascadeStep[];
  readonly expect: CascadeDecision;
}

const ROWS: readonly Row[] = [
  { name: 'nothing asked yet: ask the cheapest', steps: [], expect: { action: 'escalate', next: 0 } },
  { name: 'confident cheapest: accept', steps: [said(cheap, 0.9)], expect: { action: 'accept', index: 0 } },
  { name: 'exactly at the threshold: accept', steps: [said(cheap, 0.8)], expect: { action: 'accept', index: 0 } },
  { name: 'below the threshold: escalate', steps: [said(cheap, 0.79)], expect: { action: 'escalate', next: 1 } },
  { name: 'a failure escalates', steps: [broke(cheap)], expect: { action: 'escalate', next: 1 } },
  { name: 'second tier confident: accept it', steps: [said(cheap, 0.2), said(mid, 0.85)], expect: { action: 'accept', index: 1 } },
  { name: 'ladder used up: the most confident', steps: [said(cheap, 0.7), said(mid, 0.3), said(top, 0.5)], expect: { action: 'exhausted', best: 0 } },
  { name: 'ladder used up, equal confidence: the higher tier', steps: [said(cheap, 0.5), said(mid, 0.5), broke(top)], expect: { action: 'exhausted', best: 1 } },
  { name: 'ladder used up, all failed: nothing', steps: [broke(cheap), broke(mid), broke(top)], expect: { action: 'exhausted' } },
];

describe('decideCascade', () => {
  for (const row of ROWS) {
    it(row.name, () => assert.deepEqual(decideCascade(row.steps, LADDER.length, 0.8), row.expect));
  }

  it('rejects a threshold outside 0..1', () => {
    assert.throws(() => decideCascade([], 3, 1.5), RangeError);
    assert.throws(() => decideCascade([], 3, Number.NaN), RangeError);
  });
});

/** An asker that answers each model from a table, recording who was asked. */
function asker(table: Record<string, CascadeAnswer | Error>) {
  const asked: string[] = [];
  const ask = async (ref: ModelRef): Promise<CascadeAnswer> => {
    asked.push(ref.model);
    const entry = table[ref.model];
    if (entry === undefined || entry instanceof Error) throw entry ?? new Error('no entry');
    return entry;
  };
  return { asked, ask };
}

describe('runCascade', () => {
  it('stops at the cheapest model when it is confident', async () => {
    const { asked, ask } = asker({ lite: { answer: 'x', confidence: 0.95, costUsd: 0.0001 } });
    const result = await runCascade(LADDER, 0.8, ask);
    assert.deepEqual(asked, ['lite']);
    assert.equal(result.accepted, true);
    assert.equal(result.chosen?.answer, 'x');
    assert.equal(result.cost.totalUsd, 0.0001);
    assert.equal(result.why, 'gemini/lite answered with confidence 0.95 ≥ 0.80.');
  });

  it('escalates tier by tier until one is confident', async () => {
    const { asked, ask } = asker({ lite: { answer: 'x', confidence: 0.4, costUsd: 0.0001 }, sonnet: new CascadeAskError('invalid twice', 0.002), sol: { answer: 'y', confidence: 0.9, costUsd: 0.01 } });
    const steps: number[] = [];
    const result = await runCascade(LADDER, 0.8, ask, { onStep: (_, i) => steps.push(i) });
    assert.deepEqual(asked, ['lite', 'sonnet', 'sol']);
    assert.deepEqual(steps, [0, 1, 2]);
    assert.equal(result.chosen?.ref, top);
    assert.equal(result.steps[1]?.outcome, 'failed');
    assert.ok(Math.abs((result.cost.totalUsd ?? -1) - 0.0121) < 1e-12, 'a failed ask that reports its cost keeps the total known');
    assert.match(result.why, /after 2 escalations/u);
  });

  it('returns the most confident answer, unaccepted, when no tier reaches the threshold', async () => {
    const { ask } = asker({ lite: { answer: 'x', confidence: 0.6 }, sonnet: { answer: 'y', confidence: 0.7 }, sol: new Error('down') });
    const result = await runCascade(LADDER, 0.8, ask);
    assert.equal(result.accepted, false);
    assert.equal(result.chosen?.answer, 'y');
    assert.equal(result.cost.totalUsd, undefined, 'costs not reported are unknown');
    assert.equal(result.cost.unknownCount, 3);
    assert.match(result.why, /No model reached confidence 0\.80; the most confident was anthropic\/sonnet \(0\.70\)/u);
  });

  it('reports every model failing', async () => {
    const { ask } = asker({});
    const result = await runCascade(LADDER, 0.8, ask);
    assert.equal(result.chosen, undefined);
    assert.equal(result.why, 'Every model failed (3 asked).');
  });

  it('an abort stops the cascade with the best answer so far', async () => {
    const controller = new AbortController();
    const ask = async (ref: ModelRef): Promise<CascadeAnswer> => {
      if (ref === cheap) return { answer: 'x', confidence: 0.3 };
      controller.abort();
      throw new Error('aborted');
    };
    const result = await runCascade(LADDER, 0.8, ask, { signal: controller.signal });
    assert.equal(result.stopped, true);
    assert.equal(result.steps.length, 1);
    assert.equal(result.chosen?.answer, 'x');
    assert.equal(result.accepted, false);
  });
});
