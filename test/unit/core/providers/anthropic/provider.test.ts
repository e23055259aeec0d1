import assert from 'node:assert/strict';
import { ANTHROPIC_JSON_INSTRUCTION, DEFAULT_ANTHROPIC_MAX_TOKENS } from '../../../../../src/core/providers/anthropic/messages';
import type { Usage } from '../../../../../src/core/types';
import { anthropicAuth, anthropicFake } from '../../../../fakes/anthropicFake';
import { REJECTED_KEY_MARKER, startFakeServer } from '../../../../fakes/fakeServer';
import { useFakeServer } from '../../../../fakes/useFakeServer';
import { answerFor } from '../../../../fakes/script';
import { ask, collect, eventually, FAST, MODEL, providerOn, TEST_KEY } from './harness';

describe('anthropicProvider', () => {
  const fake = useFakeServer(() => [anthropicFake()]);

  const onlyBody = (): Record<string, unknown> => {
    assert.equal(fake.requests.length, 1);
    return fake.requests[0]?.body as Record<string, unknown>;
  };

  it('streams the answer text and finishes with stop/end_turn on message_stop', async () => {
    const provider = providerOn(fake);
    assert.equal(provider.kind, 'anthropic');
    assert.equal(provider.displayName, 'Anthropic');
    const { text, events, error } = await collect(provider, ask('Hi there'));
    assert.equal(error, undefined);
    assert.equal(text, answerFor(MODEL, 'Hi there'));
    assert.deepEqual(events[events.length - 1], { type: 'finish', reason: 'stop', raw: 'end_turn' });
    assert.equal(fake.requests[0]?.method, 'POST');
    assert.equal(fake.requests[0]?.path, '/v1/messages');
  });

  it('falls back to the display name "Anthropic" when none is configured', () => {
    assert.equal(providerOn(fake, { displayName: '' }).displayName, 'Anthropic');
  });

  it('maps usage: input includes cache reads and writes, output includes thinking, message_delta replaces', async () => {
    fake.enqueue({ answer: 'One two three four', usage: { cachedInputTokens: 300, cacheWriteTokens: 40, reasoningTokens: 25 } });
    const { events, text, error } = await collect(providerOn(fake), ask('Hi there'));
    assert.equal(error, undefined);
    assert.equal(text, 'One two three four', 'thinking text must not leak into the answer');
    const usages = events.flatMap((e) => (e.type === 'usage' ? [e.usage] : []));
    // Prompt "Hi there" is 8 tokens in the fake's count; the wire input_tokens is 8 (cache excluded).
    const start: Usage = { inputTokens: 348, outputTokens: 1, cachedInputTokens: 300, cacheWriteTokens: 40, reasoningTokens: undefined };
    // 4 visible + 25 thinking = 29: replaced, not 1 + 29 = 30.
    const final: Usage = { inputTokens: 348, outputTokens: 29, cachedInputTokens: 300, cacheWriteTokens: 40, reasoningTokens: 25 };
    assert.deepEqual(usages, [start, final]);
    const wire = (fake.requests[0]?.body as { stream?: unknown }).stream;
    assert.equal(wire, true);
  });

  it('reports no reasoning tokens (undefined, not 0) when the API gives no thinking breakdown', async () => {
    fake.enqueue({ answer: 'Just text' });
    const { events } = await collect(providerOn(fake), ask('Hi there'));
    const last = events.filter((e) => e.type === 'usage').pop();
    assert.deepEqual(last, { type: 'usage', usage: { inputTokens: 8, outputTokens: 2, cachedInputTokens: 0, cacheWriteTokens: 0, reasoningTokens: undefined } });
  });

  it('puts every system message into `system`, merges same-role turns, sends images, stop and the default max_tokens', async () => {
    const image = { type: 'image', mediaType: 'image/png', data: 'iVBORw0KGgo=' } as const;
    await collect(providerOn(fake), {
      model: MODEL,
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'First part.' },
        { role: 'user', content: [{ type: 'text', text: 'What is this?' }, image] },
        { role: 'system', content: [{ type: 'text', text: 'Answer in English.' }] },
        { role: 'assistant', content: 'A logo.' },
        { role: 'user', content: 'Sure?' },
      ],
      stop: ['END'],
      temperature: 0.3,
    });
    const body = onlyBody();
    assert.equal(body.system, 'You are terse.\n\nAnswer in English.');
    assert.equal(body.max_tokens, DEFAULT_ANTHROPIC_MAX_TOKENS);
    assert.equal(DEFAULT_ANTHROPIC_MAX_TOKENS, 4096);
    assert.deepEqual(body.stop_sequences, ['END']);
    assert.equal('temperature' in body, false, 'API version 2026-10-21 rejects temperature');
    assert.deepEqual(body.messages, [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'First part.' },
          { type: 'text', text: 'What is this?' },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
        ],
      },
      { role: 'assistant', content: 'A logo.' },
      { role: 'user', content: 'Sure?' },
    ]);
  });

  it('asks for JSON through the system prompt and honours maxOutputTokens', async () => {
    await collect(providerOn(fake), ask('List two colours', { responseFormat: 'json', maxOutputTokens: 77 }));
    const body = onlyBody();
    assert.equal(body.system, ANTHROPIC_JSON_INSTRUCTION);
    assert.equal(body.max_tokens, 77);
    assert.equal('stop_sequences' in body, false);
  });

  it('ends at a stop sequence (finish stop/stop_sequence) and at max_tokens (finish length/max_tokens)', async () => {
    fake.enqueue({ answer: 'alpha beta END gamma' });
    const stopped = await collect(providerOn(fake), ask('go', { stop: ['END'] }));
    assert.equal(stopped.text, 'alpha beta ');
    assert.deepEqual(stopped.events.at(-1), { type: 'finish', reason: 'stop', raw: 'stop_sequence' });

    fake.enqueue({ answer: 'one two three four five' });
    const cut = await collect(providerOn(fake), ask('go', { maxOutputTokens: 3 }));
    assert.equal(cut.text, 'one two three');
    assert.deepEqual(cut.events.at(-1), { type: 'finish', reason: 'length', raw: 'max_tokens' });
  });

  it('sends the key as Authorization: Bearer with anthropic-version 2026-10-21 (pinned SDK 1.12.0), SDK retries off', async () => {
    await collect(providerOn(fake), ask('Hi'));
    const headers = fake.requests[0]?.headers ?? {};
    assert.deepEqual(anthropicAuth(headers), { key: TEST_KEY, style: 'bearer' });
    assert.equal(headers['x-api-key'], undefined);
    assert.equal(headers['anthropic-version'], '2026-10-21');
    assert.equal(headers['x-stainless-retry-count'], '0');
  });

  it('passes configured gateway headers through', async () => {
    await collect(providerOn(fake, { headers: { 'x-team': 'quorum' } }), ask('Hi'));
    assert.equal(fake.requests[0]?.headers['x-team'], 'quorum');
  });

  it('makes exactly ONE request per call, even on a retryable 529', async () => {
    fake.enqueue({ fault: { kind: 'overloaded' }, times: 3 });
    const { error } = await collect(providerOn(fake), ask('Hi'));
    assert.equal(error?.reason, 'overloaded');
    assert.equal(fake.requests.length, 1);
  });

  it('cancel mid-stream → aborted, and the fake sees the client go away', async () => {
    fake.enqueue({ fault: { kind: 'latency', perChunkMs: 15 } });
    const controller = new AbortController();
    const { error, text } = await collect(providerOn(fake), ask('Hi there'), {
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'text-delta') controller.abort();
      },
    });
    assert.equal(error?.reason, 'aborted');
    assert.equal(text, 'Hello');
    assert.ok(await eventually(() => fake.requests[0]?.clientAborted === true), 'fake should record clientAborted');
  });

  it('first-token timeout on a slow first token and on keep-alive pings only; idle timeout on a stall', async () => {
    fake.enqueue({ fault: { kind: 'slow-first-token', delayMs: 400 } });
    const slow = await collect(providerOn(fake), ask('Hi'), { timeouts: FAST });
    assert.equal(slow.error?.reason, 'timeout');
    assert.equal(slow.error?.providerCode, 'first-token-timeout');

    fake.enqueue({ fault: { kind: 'keepalive-only', intervalMs: 10 } });
    const pings = await collect(providerOn(fake), ask('Hi'), { timeouts: FAST });
    assert.equal(pings.error?.reason, 'timeout');
    assert.equal(pings.error?.providerCode, 'first-token-timeout');

    fake.enqueue({ fault: { kind: 'stall', afterChunks: 2 } });
    const stalled = await collect(providerOn(fake), ask('Hi'), { timeouts: FAST });
    assert.equal(stalled.error?.reason, 'timeout');
    assert.equal(stalled.error?.providerCode, 'idle-timeout');
    assert.equal(stalled.text, 'Hello from');
    assert.ok(await eventually(() => fake.requests.every((r) => r.clientAborted === true)), 'every timed-out request is closed');
  });

  it('a key containing the rejection marker → auth, and the message never contains the key', async () => {
    const key = `sk-ant-${REJECTED_KEY_MARKER}-9f8e7d6c5b4a`;
    const { error } = await collect(providerOn(fake, { apiKey: key }), ask('Hi'));
    assert.equal(error?.reason, 'auth');
    assert.equal(error?.status, 401);
    assert.equal(error?.providerCode, 'authentication_error');
    assert.match(error?.message ?? '', /Anthropic rejected the API key \(401\)\. Run 'Quorum: Set API Key'\./);
    assert.ok(!(error?.message ?? '').includes(key));
    assert.ok(!(error?.message ?? '').includes('9f8e7d6c5b4a'));
  });

  it('no key at all → auth without sending anything', async () => {
    const { error } = await collect(providerOn(fake, { apiKey: undefined }), ask('Hi'));
    assert.equal(error?.reason, 'auth');
    assert.equal(fake.requests.length, 0);
    await assert.rejects(providerOn(fake, { apiKey: '' }).listModels({ signal: new AbortController().signal }), { reason: 'auth' });
  });

  it('lists models through the SDK', async () => {
    const models = await providerOn(fake).listModels({ signal: new AbortController().signal });
    assert.deepEqual(models.map((m) => m.id), [
      'claude-opus-5-5', 'claude-sonnet-5-5', 'claude-haiku-5-5', 'claude-opus-4-8', 'claude-sonnet-4-6', 'claude-haiku-4-5', 'claude-opus-4-5',
    ]);
    assert.equal(models[5]?.displayName, 'Claude Haiku 4.5');
    assert.equal(fake.requests[0]?.path, '/v1/models');
  });

  it('listModels classifies a rejected key and a timeout', async () => {
    await assert.rejects(
      providerOn(fake, { apiKey: `x-${REJECTED_KEY_MARKER}` }).listModels({ signal: new AbortController().signal }),
      { name: 'ProviderError', reason: 'auth', status: 401 },
    );
    fake.enqueue({ fault: { kind: 'hang-headers' } });
    await assert.rejects(providerOn(fake).listModels({ signal: new AbortController().signal, timeoutMs: 60 }), { reason: 'timeout' });
  });

  it('a data-only stream (no `event:` lines) is NOT a success: the SDK yields nothing, the driver says malformed', async () => {
    const dataOnly = await startFakeServer([anthropicFake({ omitEventNames: true })]);
    try {
      const { error, events } = await collect(providerOn(dataOnly), ask('Hi'));
      assert.equal(error?.reason, 'malformedResponse');
      assert.deepEqual(events, []);
    } finally {
      await dataOnly.close();
    }
  });
});
