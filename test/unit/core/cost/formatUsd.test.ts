import assert from 'node:assert/strict';
import { formatUsd, type UsdFormat } from '../../../../src/core/cost/formatUsd';

describe('formatUsd: the one way an amount of USD reads', () => {
  const rows: [string, number | undefined, UsdFormat | undefined, string][] = [
    // Unknown is never a false $0.
    ['unknown', undefined, undefined, 'unknown'],
    ['unknown estimate', undefined, { estimate: true }, 'unknown'],
    ['NaN (a bug upstream) claims nothing', Number.NaN, undefined, 'unknown'],
    ['Infinity (a bug upstream) claims nothing', Infinity, undefined, 'unknown'],
    ['a known zero', 0, undefined, '$0.00'],
    // Sub-tenth-of-a-cent: two significant digits, so cheap calls never read $0.0000 and still compare.
    ['below a millionth', 0.000_000_4, undefined, '<$0.000001'],
    ['a millionth', 0.000_001, undefined, '$0.0000010'],
    ['a cheap call', 0.000_014, undefined, '$0.000014'],
    ['a cheap estimate (router)', 0.000_46, { estimate: true }, '$0.00046 est.'],
    ['was <$0.0001 in the spend view', 0.000_04, undefined, '$0.000040'],
    ['just under a tenth of a cent', 0.000_999_6, undefined, '$0.0010'],
    // Below a dollar: four decimals.
    ['a tenth of a cent', 0.001, undefined, '$0.0010'],
    ['a hundredth of a cent', 0.0001, undefined, '$0.00010'],
    ['a sub-cent estimate (budget)', 0.0042, undefined, '$0.0042'],
    ['cents', 0.0123, undefined, '$0.0123'],
    ['an estimate in the route table', 0.00123, { estimate: true }, '$0.0012 est.'],
    ['just under a dollar', 0.99994, undefined, '$0.9999'],
    ['rounds up to a dollar', 0.99996, undefined, '$1.00'],
    // From a dollar: two decimals, thousands separated.
    ['a dollar', 1, undefined, '$1.00'],
    ['dollars and cents', 1.234, undefined, '$1.23'],
    ['a dollar estimate', 12.5, { estimate: true }, '$12.50 est.'],
    ['thousands', 1234567.891, undefined, '$1,234,567.89'],
    // Negative savings.
    ['negative', -0.5, undefined, '-$0.5000'],
    ['negative dollars', -1.5, undefined, '-$1.50'],
  ];
  for (const [name, amount, format, text] of rows) {
    it(`${name}: ${amount} → ${text}`, () => assert.equal(formatUsd(amount, format), text));
  }
});
