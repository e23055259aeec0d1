import assert from 'node:assert/strict';
import { medianOfBlockPercentiles, medianOfMedians, percentile } from '../../../bench/stats';

describe('bench stats', () => {
  const calm = (n: number): number[] => Array.from({ length: n }, () => 1);

  it('median of block p99s: a few descheduled calls in one block do not decide the p99', () => {
    const values = calm(1_000);
    for (let i = 0; i < 15; i++) values[i] = 100;
    assert.equal(percentile(values, 99), 100, 'pooled, 1.5 % slow calls are the p99');
    assert.equal(medianOfBlockPercentiles(values, 10, 99), 1);
  });

  it('median of block p99s: a tail that every block shows still counts', () => {
    const values = calm(1_000);
    for (let i = 0; i < values.length; i += 50) values[i] = 100;
    assert.equal(medianOfBlockPercentiles(values, 10, 99), 100);
  });

  it('median of medians is the p50 case', () => {
    const values = [5, 1, 3, 2, 9, 4, 8, 7, 6, 10];
    assert.equal(medianOfMedians(values, 2), medianOfBlockPercentiles(values, 2, 50));
  });
});
