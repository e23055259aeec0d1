import assert from 'node:assert/strict';
import { estimateCostUsd, formatEstimatedCost } from '../../../../src/core/ask/estimateCost';

describe('estimateCostUsd', () => {
  const rows: [string, Parameters<typeof estimateCostUsd>[0], Parameters<typeof estimateCostUsd>[1], number | undefined][] = [
    ['input and output priced', { inputTokens: 1_000_000, outputTokens: 500_000 }, { inputPerMTok: 2, outputPerMTok: 8 }, 6],
    ['unknown usage', undefined, { inputPerMTok: 2, outputPerMTok: 8 }, undefined],
    ['unknown output tokens', { inputTokens: 10 }, { inputPerMTok: 2, outputPerMTok: 8 }, undefined],
    ['unknown output price', { inputTokens: 10, outputTokens: 10 }, { inputPerMTok: 2 }, undefined],
    ['no pricing at all', { inputTokens: 10, outputTokens: 10 }, undefined, undefined],
    ['cache reads at their own price', { inputTokens: 1_000_000, cachedInputTokens: 500_000, outputTokens: 0 }, { inputPerMTok: 2, outputPerMTok: 8, cachedInputPerMTok: 0.2 }, 1.1],
    ['cache reads without a price billed as input', { inputTokens: 1_000_000, cachedInputTokens: 500_000, outputTokens: 0 }, { inputPerMTok: 2, outputPerMTok: 8 }, 2],
  ];
  for (const [name, usage, pricing, expected] of rows) {
    it(name, () => {
      const cost = estimateCostUsd(usage, pricing);
      if (expected === undefined) assert.equal(cost, undefined);
      else assert.ok(cost !== undefined && Math.abs(cost - expected) < 1e-9, `got ${cost}`);
    });
  }

  it('formats unknown as "unknown", never $0', () => {
    assert.equal(formatEstimatedCost(undefined), 'unknown');
    assert.equal(formatEstimatedCost(0.00123), '$0.0012 est.');
    assert.equal(formatEstimatedCost(0.00001), '<$0.0001 est.');
    assert.equal(formatEstimatedCost(12.5), '$12.50 est.');
  });
});
