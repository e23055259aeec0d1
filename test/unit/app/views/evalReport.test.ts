import assert from 'node:assert/strict';
import { suiteReport, suiteReportText } from '../../../../src/app/views/evalReport';
import { aggregateMatrix, type CaseResult } from '../../../../src/core/evals/evalMatrix';

const a = { provider: 'openai', model: 'a' };
const b = { provider: 'anthropic', model: 'b' };
const results: CaseResult[] = [
  { caseId: 'c1', ref: a, answer: '1', checks: [{ type: 'equals', pass: true }], costUsd: 0.001, latencyMs: 100 },
  { caseId: 'c1', ref: b, answer: '2', checks: [{ type: 'equals', pass: false, detail: 'expected exactly "1", got "2"' }], latencyMs: 50 },
];

describe('evalReport', () => {
  it('reports rows, the cheapest passing model and the failures; unknown figures are null', () => {
    const matrix = aggregateMatrix('s', 0.9, [a, b], results);
    const report = suiteReport('ask', matrix);
    assert.equal(report.passed, true);
    assert.equal(report.cheapestPassing, 'openai/a');
    assert.equal(report.models[1]?.costPerCaseUsd, null);
    assert.deepEqual(report.cases[1], { case: 'c1', model: 'anthropic/b', pass: false, answer: '2', failure: 'equals: expected exactly "1", got "2"', costUsd: null, latencyMs: 50 });
    const text = suiteReportText(report, matrix);
    assert.match(text, /✓ openai\/a\s+100 % \(1\/1\)\s+\$0\.0010\s+100 ms\s+100 ms/);
    assert.match(text, /✗ anthropic\/b\s+0 % \(0\/1\)\s+unknown/);
    assert.match(text, /cheapest passing: openai\/a \(100 %, \$0\.0010\/case\)/);
  });

  it('does not pass a run that stopped early, and says why', () => {
    const matrix = aggregateMatrix('s', 0.9, [a], results.slice(0, 1));
    const report = suiteReport('ask', matrix, 'Not sent: over the cap.');
    assert.equal(report.passed, false);
    assert.match(suiteReportText(report, matrix), /stopped early: Not sent: over the cap\./);
  });
});
