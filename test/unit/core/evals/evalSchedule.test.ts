import assert from 'node:assert/strict';
import { scheduledRunDue, type EvalSchedule } from '../../../../src/core/evals/evalSchedule';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse('2026-12-06T02:00:00Z');

describe('scheduledRunDue', () => {
  const table: ReadonlyArray<readonly [string, EvalSchedule, number | undefined, boolean]> = [
    ['never when off', 'off', NOW - 30 * DAY, false],
    ['due with no run yet', 'daily', undefined, true],
    ['daily: not yet after 23 hours', 'daily', NOW - 23 * 60 * 60 * 1000, false],
    ['daily: due after a day', 'daily', NOW - DAY, true],
    ['weekly: not after six days', 'weekly', NOW - 6 * DAY, false],
    ['weekly: due after seven days', 'weekly', NOW - 7 * DAY, true],
    ['not due when the last run is in the future (clock set back)', 'daily', NOW + DAY, false],
  ];
  for (const [name, schedule, last, due] of table) it(name, () => assert.equal(scheduledRunDue(schedule, last, NOW), due));
});
