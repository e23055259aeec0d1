import assert from 'node:assert/strict';
import { createGeminiProvider } from '../../../../src/core/providers/gemini/provider';
import { POSSIBLE_DAILY_QUOTA } from '../../../../src/core/providers/gemini/errors';
import { createOpenAIProvider } from '../../../../src/core/providers/openai/provider';
import { ModelAvailability } from '../../../../src/core/resilience/availability';
import { QUOTA_COOLDOWN_MS } from '../../../../src/core/resilience/fallbackPolicy';
import type { ModelRef } from '../../../../src/core/types';
import { geminiFake } from '../../../fakes/geminiFake';
import { openaiFake } from '../../../fakes/openaiFake';
import { useFakeServer } from '../../../fakes/useFakeServer';
import { ASK, drain, harness, options } from './runnerHarness';

/**
 * Gemini's daily quota can arrive as a bare 429 (no RetryInfo, no QuotaFailure; recording
 * gm-err-429-daily-no-details-sse). Retrying it soon is wasted: the runner moves on at once, rests the whole
 * provider for the quota cooldown, and availability says why in plain words.
 */
describe('FallbackRunner: a bare Gemini 429 (possibly the daily quota), real adapters against the fakes', () => {
  const fake = useFakeServer(() => [geminiFake(), openaiFake('openai')]);
  const GEMINI: ModelRef = { provider: 'gemini', model: 'gemini-test' };
  const OPENAI: ModelRef = { provider: 'openai', model: 'gpt-5.4' };

  it('fails over without a retry, suspends Gemini for the quota cooldown, and the availability detail says so', async () => {
    fake.enqueue({ vendor: 'gemini', fault: { kind: 'quota', bare: true }, times: -1 }, { vendor: 'openai', answer: 'From OpenAI.' });
    const h = harness([
      createGeminiProvider({ id: 'gemini', displayName: 'Google Gemini', apiKey: 'AIzaSyTEST-gemini-key-0042', baseUrl: fake.baseUrls.gemini }),
      createOpenAIProvider({ id: 'openai', displayName: 'OpenAI', apiKey: 'sk-proj-quorumTEST0123456789abcdef', baseUrl: fake.baseUrls.openai }),
    ]);
    const outcome = await drain(h.runner.run([GEMINI, OPENAI], ASK, options({ timeouts: { firstTokenMs: 5_000, idleMs: 5_000 } })));
    assert.equal(outcome.result?.text, 'From OpenAI.');
    assert.deepEqual(outcome.result?.answeredBy, OPENAI);
    assert.equal(fake.requests.filter((r) => r.vendor === 'gemini').length, 1, 'not retried: the quota will not clear within a backoff');
    assert.deepEqual(h.sleeps, []);

    const verdict = new ModelAvailability({ clock: h.clock, breakers: h.breakers, health: h.health }).ofProvider('gemini');
    assert.ok(verdict.state === 'unavailable');
    assert.equal(verdict.reason, 'suspended');
    assert.equal(verdict.scope, 'provider');
    assert.equal(verdict.detail, POSSIBLE_DAILY_QUOTA);
    assert.equal(verdict.until, h.clock.now() + QUOTA_COOLDOWN_MS);
  });
});
