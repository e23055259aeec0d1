import assert from 'node:assert/strict';
import { availabilityLines, availabilityNotes, clockTime, targetName, unavailableText } from '../../../../src/app/views/availabilityText';
import type { Unavailable, UnavailableTarget } from '../../../../src/core/resilience/availability';

// Local times, so the expected wall-clock text holds in any time zone.
const NOW = new Date(2026, 2, 10, 13, 50, 0).getTime();
const AT_1405 = new Date(2026, 2, 10, 14, 5, 0).getTime();
const AT_1435 = new Date(2026, 2, 10, 14, 35, 0).getTime();

const COOLING: Unavailable = { state: 'unavailable', reason: 'breakerOpen', detail: '3 failures in a row (last: timeout)', scope: 'model', until: AT_1405 };
const KEY: Unavailable = { state: 'unavailable', reason: 'suspended', detail: 'API key rejected', scope: 'provider', until: AT_1435 };
const CHECKS: Unavailable = { state: 'unavailable', reason: 'failingChecks', detail: '3 checks failed in a row', scope: 'provider' };
const PROBE: Unavailable = { state: 'unavailable', reason: 'probeBusy', detail: 'one probe call is testing recovery', scope: 'model' };

describe('availabilityText', () => {
  it('unavailableText: one phrase per reason, with the wall-clock end when known', () => {
    const table: [Unavailable, string][] = [
      [COOLING, 'cooling down until 14:05 — 3 failures in a row (last: timeout)'],
      [KEY, 'suspended until 14:35 — API key rejected'],
      [CHECKS, 'failing health checks — 3 checks failed in a row'],
      [PROBE, 'testing recovery — one probe call is testing recovery'],
    ];
    for (const [availability, text] of table) assert.equal(unavailableText(availability, NOW), text);
  });

  it('clockTime: HH:MM today, with the date on another day', () => {
    assert.equal(clockTime(AT_1405, NOW), '14:05');
    assert.equal(clockTime(new Date(2026, 2, 10, 9, 7).getTime(), NOW), '09:07');
    assert.equal(clockTime(new Date(2026, 2, 11, 0, 30).getTime(), NOW), '2026-03-11 00:30');
  });

  it('targetName: a model, or a whole provider', () => {
    assert.equal(targetName({ provider: 'openai', model: 'gpt-x' }), 'openai/gpt-x');
    assert.equal(targetName({ provider: 'anthropic' }), 'anthropic (all models)');
  });

  const targets: UnavailableTarget[] = [
    { provider: 'anthropic', availability: KEY },
    { provider: 'openai', model: 'gpt-x', availability: COOLING },
    { provider: 'openai', model: 'gpt-y', availability: PROBE },
  ];

  it("availabilityNotes: the provider's own targets, as protocol notes", () => {
    assert.deepEqual(availabilityNotes('openai', targets, NOW), [
      { model: 'gpt-x', reason: 'breakerOpen', text: 'cooling down until 14:05 — 3 failures in a row (last: timeout)', until: AT_1405 },
      { model: 'gpt-y', reason: 'probeBusy', text: 'testing recovery — one probe call is testing recovery' },
    ]);
    assert.deepEqual(availabilityNotes('anthropic', targets, NOW), [{ reason: 'suspended', text: 'suspended until 14:35 — API key rejected', until: AT_1435 }]);
    assert.deepEqual(availabilityNotes('gemini', targets, NOW), []);
  });

  it('availabilityLines: all available, or one line per target', () => {
    assert.deepEqual(availabilityLines([], NOW), ['All models available.']);
    assert.deepEqual(availabilityLines(targets, NOW), [
      'Not available now:',
      'anthropic (all models): suspended until 14:35 — API key rejected',
      'openai/gpt-x: cooling down until 14:05 — 3 failures in a row (last: timeout)',
      'openai/gpt-y: testing recovery — one probe call is testing recovery',
    ]);
  });
});
