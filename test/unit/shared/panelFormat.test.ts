import assert from 'node:assert/strict';
import { formatUsd } from '../../../src/shared/format';
import {
  clusterText, durationText, estimateText, fractionText, isActive, selectionProblem, tokensText, voteCostText,
} from '../../../src/shared/panelFormat';

describe('panel format', () => {
  const rows: [string, string, string][] = [
    ['cost, known', formatUsd(0.0021), '$0.0021'],
    ['cost, zero is a real zero', formatUsd(0), '$0.00'],
    ['cost, unknown never reads $0', formatUsd(undefined), 'unknown'],
    ['duration under 10 s', durationText(850), '850 ms'],
    ['duration with thousands', durationText(4100), '4,100 ms'],
    ['duration from 10 s', durationText(12_345), '12.3 s'],
    ['duration unknown', durationText(undefined), '—'],
    ['tokens both', tokensText(1234, 56), '1,234 in / 56 out'],
    ['tokens, output unknown', tokensText(12, undefined), '12 in / ? out'],
    ['tokens unknown', tokensText(undefined, undefined), '—'],
    ['estimate, all priced', estimateText(0.0042), '$0.0042'],
    ['estimate, some unpriced', estimateText(0.0042, 2), '$0.0042 + 2 unpriced models'],
    ['estimate, one unpriced', estimateText(0.0042, 1), '$0.0042 + 1 unpriced model'],
    ['estimate unknown', estimateText(undefined, 3), 'unknown'],
    ['vote cost, all priced', voteCostText({ totalCostUsd: 0.0033, unpricedCalls: 0 }), '$0.0033'],
    ['vote cost, a lower bound', voteCostText({ totalCostUsd: 0.0033, unpricedCalls: 1 }), '$0.0033 + 1 call of unknown cost'],
    ['vote cost unknown', voteCostText({ unpricedCalls: 3 }), 'unknown'],
    ['cluster is 1-based on screen', clusterText(0), 'Cluster 1'],
    ['no cluster', clusterText(undefined), '—'],
    ['agreement', fractionText(2 / 3), '67%'],
    ['small agreement keeps a decimal', fractionText(0.04), '4.0%'],
    ['compare, none chosen', selectionProblem(0, 'compare') ?? '', 'Choose 2–6 models (0 chosen).'],
    ['compare, one chosen', selectionProblem(1, 'compare') ?? '', 'Choose 2–6 models (1 chosen).'],
    ['compare, two', selectionProblem(2, 'compare') ?? 'ok', 'ok'],
    ['compare, six', selectionProblem(6, 'compare') ?? 'ok', 'ok'],
    ['compare, seven', selectionProblem(7, 'compare') ?? '', 'Choose at most 6 models (7 chosen).'],
    ['vote, one', selectionProblem(1, 'vote') ?? '', 'Choose 2–6 models (1 chosen).'],
  ];
  for (const [name, actual, expected] of rows) {
    it(name, () => assert.equal(actual, expected));
  }

  it('active statuses are waiting and streaming only', () => {
    assert.deepEqual((['waiting', 'streaming', 'done', 'stopped', 'failed', 'invalid'] as const).filter(isActive), ['waiting', 'streaming']);
  });
});
