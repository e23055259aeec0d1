import assert from 'node:assert/strict';
import type { EvalMatrix, ModelRow } from '../../../../src/core/evals/evalMatrix';
import { cheapestPassing, demotion } from '../../../../src/core/evals/modelChoice';

function row(model: string, passRate: number, costPerCaseUsd: number | undefined, p50Ms = 100): ModelRow {
  return { ref: { provider: 'openai', model }, cases: 10, passed: passRate * 10, passRate, ...(costPerCaseUsd !== undefined ? { costPerCaseUsd } : {}), p50Ms, p95Ms: p50Ms };
}
function matrix(...rows: ModelRow[]): EvalMatrix {
  return { suiteId: 'fix', threshold: 0.9, rows, results: [] };
}

describe('cheapestPassing', () => {
  const table: ReadonlyArray<readonly [string, EvalMatrix, string | undefined]> = [
    ['the cheapest of the passing models', matrix(row('big', 1, 0.01), row('small', 0.9, 0.001), row('tiny', 0.8, 0.0001)), 'small'],
    ['none when none passes', matrix(row('a', 0.5, 0.001), row('b', 0.89, 0.002)), undefined],
    ['a tie on cost goes to the higher pass rate', matrix(row('a', 0.9, 0.001), row('b', 1, 0.001)), 'b'],
    ['then to the lower latency', matrix(row('a', 1, 0.001, 300), row('b', 1, 0.001, 200)), 'b'],
    ['an unknown cost only when no priced model passes', matrix(row('local', 1, undefined), row('priced', 0.95, 0.5)), 'priced'],
    ['an unknown cost when it is the only one passing', matrix(row('local', 1, undefined), row('priced', 0.5, 0.5)), 'local'],
    ['no model without cases', matrix({ ref: { provider: 'openai', model: 'empty' }, cases: 0, passed: 0, passRate: 0 }), undefined],
  ];
  for (const [name, m, expected] of table) it(name, () => assert.equal(cheapestPassing(m)?.ref.model, expected));

  it('takes another threshold when given one', () => {
    assert.equal(cheapestPassing(matrix(row('a', 0.8, 0.001), row('b', 1, 0.01)), 0.75)?.ref.model, 'a');
  });
});

describe('demotion', () => {
  const routed = { provider: 'openai', model: 'small' };
  const table: ReadonlyArray<readonly [string, EvalMatrix, 'keep' | 'suspend', string | undefined, RegExp]> = [
    ['keeps a model still passing', matrix(row('small', 0.9, 0.001), row('big', 1, 0.01)), 'keep', undefined, /passes fix \(90 %\)/],
    ['keeps a model the run left out', matrix(row('big', 1, 0.01)), 'keep', undefined, /was not in this run/],
    ['suspends a model below the threshold; the next cheapest passing takes over', matrix(row('small', 0.7, 0.001), row('big', 1, 0.01), row('mid', 0.95, 0.005)), 'suspend', 'mid', /fell below fix's threshold \(70 % < 90 %\); openai\/mid passes \(95 %\) and takes over/],
    ['suspends with no successor when none passes', matrix(row('small', 0.7, 0.001), row('big', 0.8, 0.01)), 'suspend', undefined, /no other model passes/],
  ];
  for (const [name, m, action, next, reason] of table) {
    it(name, () => {
      const d = demotion(routed, m);
      assert.equal(d.action, action);
      assert.equal(d.action === 'suspend' ? d.next?.ref.model : undefined, next);
      assert.match(d.reason, reason);
      if (d.action === 'suspend') assert.deepEqual(d.suspended, routed);
    });
  }
});
