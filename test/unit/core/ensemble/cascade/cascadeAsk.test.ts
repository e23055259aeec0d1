import assert from 'node:assert/strict';
import { CascadeAskError, runCascade } from '../../../../../src/core/ensemble/cascade/cascade';
import { confidenceAsk } from '../../../../../src/core/ensemble/cascade/cascadeAsk';
import type { ColumnSummary } from '../../../../../src/core/ensemble/compare/columnSummary';
import type { ModelRef } from '../../../../../src/core/types';
import { FakeClock } from '../../resilience/fakeClock';
import { answer, fakeEngine } from '../fakeEngine';

const cheap: ModelRef = { provider: 'gemini', model: 'lite' };
const top: ModelRef = { provider: 'openai', model: 'sol' };
const question = [{ role: 'user' as const, content: 'q' }];
const pricingOf = () => ({ inputPerMTok: 1, outputPerMTok: 2 });
/** USD of one default call (10 in at $1/MTok + 2 out at $2/MTok). */
const CALL_USD = 0.000014;
const near = (actual: number | undefined, expected: number): boolean => actual !== undefined && Math.abs(actual - expected) < 1e-12;

describe('confidenceAsk', () => {
  it('asks with the confidence instruction and returns the parsed answer with its cost', async () => {
    const engine = fakeEngine({ lite: [answer('{"answer": "x", "confidence": 0.7}')] });
    const calls: ColumnSummary[] = [];
    const ask = confidenceAsk({ engine, clock: new FakeClock(), pricingOf }, question, { maxOutputTokens: 64, onCall: (s) => calls.push(s) });
    const reply = await ask(cheap, new AbortController().signal);
    assert.equal(reply.answer, 'x');
    assert.equal(reply.confidence, 0.7);
    assert.ok(near(reply.costUsd, CALL_USD));
    assert.equal(engine.calls[0]?.request.messages[0]?.role, 'system');
    assert.equal(engine.calls[0]?.request.maxOutputTokens, 64);
    assert.equal(calls.length, 1);
  });

  it('re-asks once, then throws a CascadeAskError carrying the cost of both calls', async () => {
    const engine = fakeEngine({ lite: [answer('nope'), answer('still nope')] });
    const ask = confidenceAsk({ engine, clock: new FakeClock(), pricingOf }, question);
    await assert.rejects(ask(cheap, new AbortController().signal), (error: unknown) => error instanceof CascadeAskError && near(error.costUsd, 2 * CALL_USD));
    assert.equal(engine.calls.length, 2);
    assert.equal(engine.calls[1]?.request.messages.at(-2)?.content, 'nope');
  });

  it('drives a cascade that escalates past a failing model', async () => {
    const engine = fakeEngine({ lite: [[{ fail: 'overloaded', status: 529 }]], sol: [answer('{"answer": "y", "confidence": 0.95}')] });
    const result = await runCascade([cheap, top], 0.8, confidenceAsk({ engine, clock: new FakeClock(), pricingOf }, question));
    assert.equal(result.accepted, true);
    assert.equal(result.chosen?.answer, 'y');
    assert.equal(result.steps[0]?.outcome, 'failed');
    assert.equal(result.steps[0]?.costUsd, 0, 'refused with an HTTP error before any text: $0');
    assert.ok(near(result.cost.totalUsd, CALL_USD));
  });
});
