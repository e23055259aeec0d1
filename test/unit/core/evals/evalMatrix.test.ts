import assert from 'node:assert/strict';
import { aggregateMatrix, casePassed, failureText, percentile, type CaseResult } from '../../../../src/core/evals/evalMatrix';

const a = { provider: 'openai', model: 'a' };
const b = { provider: 'anthropic', model: 'b' };
const ok = { type: 'equals' as const, pass: true };
const bad = { type: 'contains' as const, pass: false, detail: 'does not contain "x"' };

function result(ref: typeof a, caseId: string, pass: boolean, costUsd: number | undefined, latencyMs?: number): CaseResult {
  return { caseId, ref, answer: 'x', checks: [pass ? ok : bad], ...(costUsd !== undefined ? { costUsd } : {}), ...(latencyMs !== undefined ? { latencyMs } : {}) };
}

describe('aggregateMatrix', () => {
  it('gives each model its pass rate, cost per case and p50/p95 latency, in the order asked', () => {
    const results = [
      result(a, '1', true, 0.001, 100), result(a, '2', true, 0.003, 300), result(a, '3', false, 0.002, 200), result(a, '4', true, 0.002, 1000),
      result(b, '1', true, 0.01, 50), result(b, '2', true, undefined, 60),
    ];
    const matrix = aggregateMatrix('s', 0.9, [b, a], results);
    assert.deepEqual(matrix.rows.map((r) => r.ref), [b, a]);
    const rowA = matrix.rows[1];
    assert.equal(rowA?.passRate, 0.75);
    assert.equal(rowA?.passed, 3);
    assert.ok(Math.abs((rowA?.costPerCaseUsd ?? 0) - 0.002) < 1e-12);
    assert.equal(rowA?.p50Ms, 200);
    assert.equal(rowA?.p95Ms, 1000);
    assert.equal(matrix.rows[0]?.costPerCaseUsd, undefined, 'one unknown cost makes the mean unknown, never a false figure');
    assert.equal(matrix.rows[0]?.passRate, 1);
  });

  it('gives a model without results a 0 pass rate and unknown cost and latency', () => {
    const row = aggregateMatrix('s', 0.9, [a], []).rows[0];
    assert.deepEqual(row, { ref: a, cases: 0, passed: 0, passRate: 0 });
  });

  it('fails a case that errored, and explains every failure', () => {
    const errored: CaseResult = { caseId: '1', ref: a, answer: '', error: 'rateLimited: slow down', checks: [] };
    assert.equal(casePassed(errored), false);
    assert.equal(failureText(errored), 'rateLimited: slow down');
    assert.equal(failureText(result(a, '2', false, 0)), 'contains: does not contain "x"');
    assert.equal(failureText(result(a, '3', true, 0)), undefined);
  });

  const ranks: ReadonlyArray<readonly [number[], number, number]> = [[[1], 50, 1], [[1, 2], 50, 1], [[1, 2, 3, 4], 95, 4], [[10, 20, 30], 50, 20]];
  for (const [sorted, p, expected] of ranks) it(`percentile(${JSON.stringify(sorted)}, ${p}) = ${expected}`, () => assert.equal(percentile(sorted, p), expected));
});
