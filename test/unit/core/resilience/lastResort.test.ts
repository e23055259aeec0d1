import assert from 'node:assert/strict';
import type { Unavailable } from '../../../../src/core/resilience/availability';
import { earliestCooldown } from '../../../../src/core/resilience/lastResort';
import type { AttemptRecord } from '../../../../src/core/resilience/runEvents';

function skipped(model: string, unavailable?: Partial<Unavailable>): AttemptRecord {
  const verdict: Unavailable | undefined = unavailable === undefined ? undefined : { state: 'unavailable', reason: 'breakerOpen', detail: 'x', scope: 'model', ...unavailable };
  return { ref: { provider: 'p', model }, retry: 0, startedAt: 0, endedAt: 0, outcome: 'skipped', textChars: 0, ...(verdict === undefined ? {} : { unavailable: verdict }) };
}

describe('earliestCooldown (never fail without trying a model)', () => {
  const rows: ReadonlyArray<{ name: string; attempts: AttemptRecord[]; expect: string | undefined }> = [
    { name: 'every breaker open: the one whose cooldown ends first', attempts: [skipped('a', { until: 9_000 }), skipped('b', { until: 3_000 }), skipped('c', { until: 5_000 })], expect: 'b' },
    { name: 'ties go to chain order', attempts: [skipped('a', { until: 3_000 }), skipped('b', { until: 3_000 })], expect: 'a' },
    { name: 'an end time beats none (probe under way, failing checks)', attempts: [skipped('a', { reason: 'probeBusy' }), skipped('b', { reason: 'suspended', until: 60_000 })], expect: 'b' },
    { name: 'only unknown end times: the first', attempts: [skipped('a', { reason: 'failingChecks' }), skipped('b', { reason: 'probeBusy' })], expect: 'a' },
    { name: 'skips that are not about availability (no key, context) are not candidates', attempts: [skipped('a'), skipped('b', { until: 1 })], expect: 'b' },
    { name: 'nothing cooling down: none', attempts: [skipped('a'), skipped('b')], expect: undefined },
    { name: 'a model was actually tried: its failure stands', attempts: [{ ...skipped('a'), outcome: 'failed' }, skipped('b', { until: 1 })], expect: undefined },
    { name: 'an empty chain: none', attempts: [], expect: undefined },
  ];
  for (const row of rows) {
    it(row.name, () => {
      assert.equal(earliestCooldown(row.attempts)?.model, row.expect);
    });
  }
});
