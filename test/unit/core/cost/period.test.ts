import assert from 'node:assert/strict';
import { localUtcOffsetMin, periodKeys } from '../../../../src/core/cost/period';

const at = (iso: string) => Date.parse(iso);

describe('periodKeys', () => {
  const rows: [string, string, number, string, string][] = [
    ['UTC', '2026-11-22T23:30:00Z', 0, 'day:2026-11-22', 'month:2026-11'],
    ['an hour east of UTC it is already tomorrow', '2026-11-22T23:30:00Z', 60, 'day:2026-11-23', 'month:2026-11'],
    ['half-hour zones (India, +5:30)', '2026-11-22T18:45:00Z', 330, 'day:2026-11-23', 'month:2026-11'],
    ['east of UTC the month turns early', '2026-11-30T23:30:00Z', 60, 'day:2026-12-01', 'month:2026-12'],
    ['west of UTC the month turns late (New York, -5:00)', '2026-12-01T02:00:00Z', -300, 'day:2026-11-30', 'month:2026-11'],
    ['the year turns too', '2026-12-31T23:00:00Z', 120, 'day:2027-01-01', 'month:2027-01'],
    ['local midnight starts the new day', '2026-11-22T23:00:00Z', 60, 'day:2026-11-23', 'month:2026-11'],
    ['a millisecond before local midnight', '2026-11-22T22:59:59.999Z', 60, 'day:2026-11-22', 'month:2026-11'],
  ];
  for (const [name, iso, offset, day, month] of rows) {
    it(name, () => {
      assert.deepEqual(periodKeys(at(iso), offset), { day, month });
    });
  }

  const bad: [string, number, number, RegExp][] = [
    ['a NaN instant', Number.NaN, 0, /instant must be a finite number of ms since the epoch, got NaN/],
    ['an offset beyond 14 hours', 0, 900, /UTC offset must be a number of minutes between -840 and 840, got 900/],
    ['a NaN offset', 0, Number.NaN, /got NaN/],
    ['an instant outside JavaScript dates', 9e15, 0, /outside the dates JavaScript can represent/],
  ];
  for (const [name, now, offset, message] of bad) {
    it(`throws a RangeError on ${name}`, () => {
      assert.throws(() => periodKeys(now, offset), (error: unknown) => error instanceof RangeError && message.test(error.message));
    });
  }
});

describe('localUtcOffsetMin', () => {
  it('is the negated Date#getTimezoneOffset (minutes east of UTC)', () => {
    const now = at('2026-11-22T12:00:00Z');
    assert.equal(localUtcOffsetMin(now), -new Date(now).getTimezoneOffset() || 0);
    assert.ok(!Object.is(localUtcOffsetMin(now), -0));
  });
});
