import assert from 'node:assert/strict';
import { formatUsd as coreFormatUsd } from '../../../src/core/cost/formatUsd';
import { formatCount, formatUsd, plural } from '../../../src/shared/format';

describe('shared format', () => {
  it('re-exports the one money formatter (its table is in core/cost/formatUsd.test.ts)', () => {
    assert.equal(formatUsd, coreFormatUsd);
  });

  const rows: [string, string, string][] = [
    ['count', formatCount(12), '12'],
    ['count, thousands', formatCount(1_234_567), '1,234,567'],
    ['count, rounded', formatCount(999.6), '1,000'],
    ['one', plural(1, 'call'), '1 call'],
    ['none', plural(0, 'call'), '0 calls'],
    ['many, thousands', plural(1200, 'call'), '1,200 calls'],
    ['irregular', plural(2, 'reply', 'replies'), '2 replies'],
  ];
  for (const [name, actual, expected] of rows) it(`${name}: ${expected}`, () => assert.equal(actual, expected));
});
