import assert from 'node:assert/strict';
import { formatEstimatedCost } from '../../../../src/core/ask/estimateCost';

describe('formatEstimatedCost', () => {
  it('formats unknown as "unknown", never $0', () => {
    assert.equal(formatEstimatedCost(undefined), 'unknown');
    assert.equal(formatEstimatedCost(0.00123), '$0.0012 est.');
    assert.equal(formatEstimatedCost(0.00001), '<$0.0001 est.');
    assert.equal(formatEstimatedCost(12.5), '$12.50 est.');
  });
});
