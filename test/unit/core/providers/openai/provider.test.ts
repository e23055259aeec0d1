import assert from 'node:assert/strict';
import { AuthenticationError, OpenAI } from 'openai';
import { useFakeServer } from '../../../../fakes/useFakeServer';
import { embeddingVector, openaiFake } from '../../../../fakes/openaiFake';
import { tokenize, usageFor } from '../../../../fakes/script';
import {
  OPENAI_KEY, ask, chatRequests, collect, failure, finishOf, onlyRequest, providerFor, textOf, usageOf, waitForClientAbort,
} from './harness';

describe('OpenAI provider (over the openai SDK, against the loopback fake)', () => {
  const fake = useFakeServer(() => [openaiFake('openai'), openaiFake('openaiCompatible')]);

  it('streams the answer text in order, then usage, then finish', async () => {
    fake.enqueue({ vendor: 'openai', answer: 'One two three four five.' });
    const events = await collect(providerFor(fake, 'openai').stream(ask('gpt-5.4'), { signal: new AbortController().signal }));
    assert.equal(textOf(events), 'One two three four five.');
    assert.deepEqual(events.filter((e) => e.type === 'text-delta').length, tokenize('One two three four five.').length);
    assert.deepEqual(events.slice(-2).map((e) => e.type), ['usage', 'finish']);
    assert.deepEqual(finishOf(events), { type: 'finish', reason: 'stop', raw: 'stop' });
  });

  it('maps usage: input includes cached tokens, output includes reasoning tokens', async () => {
    const answer = 'Cached and reasoned.';
    fake.enqueue({ vendor: 'openai', answer, usage: { cachedInputTokens: 1024, reasoningTokens: 64 } });
    const request = ask('gpt-5.4', 'How much did this cost?');
    const events = await collect(providerFor(fake, 'openai').stream(request, { signal: new AbortController().signal }));
    const expected = usageFor(['How much did this cost?'], answer, { cachedInputTokens: 1024, reasoningTokens: 64 });
    assert.deepEqual(usageOf(events), {
      inputTokens: expected.input,
      outputTokens: tokenize(answer).length + 64,
      cachedInputTokens: 1024,
      reasoningTokens: 64,
    });
    assert.ok(expected.input > 1024, 'prompt_tokens must include the cached part');
  });

  it('maps the request: system in place, image parts as data URLs, JSON mode, max_completion_tokens', async () => {
    const provider = providerFor(fake, 'openai');
    await collect(provider.stream({
      model: 'gpt-5.4',
      messages: [
        { role: 'system', content: 'Be terse.' },
        { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', mediaType: 'image/png', data: 'iVBORw0KGgo=' }] },
        { role: 'assistant', content: 'A logo.' },
        { role: 'system', content: 'Answer in JSON.' },
        { role: 'user', content: 'And now?' },
      ],
      maxOutputTokens: 300,
      temperature: 0.2,
      responseFormat: 'json',
      stop: ['END'],
    }, { signal: new AbortController().signal }));
    const body = onlyRequest(fake).body as Record<string, unknown>;
    assert.deepEqual(body.messages, [
      { role: 'system', content: 'Be terse.' },
      { role: 'user', content: [
        { type: 'text', text: 'What is this?' },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
      ] },
      { role: 'assistant', content: 'A logo.' },
      { role: 'system', content: 'Answer in JSON.' },
      { role: 'user', content: 'And now?' },
    ]);
    assert.equal(body.max_completion_tokens, 300);
    assert.equal('max_tokens' in body, false);
    assert.deepEqual(body.response_format, { type: 'json_object' });
    assert.equal(body.temperature, 0.2);
    assert.deepEqual(body.stop, ['END']);
    assert.equal(body.stream, true);
    assert.deepEqual(body.stream_options, { include_usage: true });
  });

  it('rejects an image outside a user message before sending anything', async () => {
    const { error } = await failure(providerFor(fake, 'openai').stream({
      model: 'gpt-5.4',
      messages: [{ role: 'system', content: [{ type: 'image', mediaType: 'image/jpeg', data: 'AAAA' }] }],
    }, { signal: new AbortController().signal }));
    assert.equal(error.reason, 'invalidRequest');
    assert.equal(fake.requests.length, 0);
  });

  it('sends exactly one request per call with the Bearer key and no SDK retries, even on a retryable 503', async () => {
    fake.enqueue({ vendor: 'openai', fault: { kind: 'server-error', status: 503 } });
    const { error } = await failure(providerFor(fake, 'openai').stream(ask('gpt-5.4'), { signal: new AbortController().signal }));
    assert.equal(error.reason, 'overloaded');
    const request = onlyRequest(fake);
    assert.equal(request.headers['x-stainless-retry-count'], '0');
    assert.equal(request.headers.authorization, `Bearer ${OPENAI_KEY}`);
  });

  it('cancelling mid-stream throws aborted and really aborts the HTTP request', async () => {
    fake.enqueue({ vendor: 'openai', fault: { kind: 'latency', perChunkMs: 30 } });
    const controller = new AbortController();
    const events: string[] = [];
    const { error } = await failure((async function* () {
      for await (const event of providerFor(fake, 'openai').stream(ask('gpt-5.4'), { signal: controller.signal })) {
        events.push(event.type);
        if (event.type === 'text-delta') controller.abort();
        yield event;
      }
    })());
    assert.equal(error.reason, 'aborted');
    assert.deepEqual(events, ['text-delta']);
    await waitForClientAbort(onlyRequest(fake));
  });

  it('times out a slow first token and keep-alives without content (first-token deadline)', async () => {
    for (const fault of [{ kind: 'slow-first-token', delayMs: 3000 }, { kind: 'keepalive-only', intervalMs: 10 }] as const) {
      fake.reset();
      fake.enqueue({ vendor: 'openai', fault });
      const started = Date.now();
      const { error, events } = await failure(providerFor(fake, 'openai').stream(ask('gpt-5.4'), {
        signal: new AbortController().signal, timeouts: { firstTokenMs: 60, idleMs: 1000 },
      }));
      assert.equal(error.reason, 'timeout', fault.kind);
      assert.equal(error.providerCode, 'first-token-timeout', fault.kind);
      assert.deepEqual(events, []);
      assert.ok(Date.now() - started < 1500, `${fault.kind} took ${Date.now() - started} ms`);
      await waitForClientAbort(onlyRequest(fake));
    }
  });

  it('times out a stream that stalls after some text (idle deadline)', async () => {
    fake.enqueue({ vendor: 'openai', fault: { kind: 'stall', afterChunks: 2 }, answer: 'alpha beta gamma delta' });
    const { error, events } = await failure(providerFor(fake, 'openai').stream(ask('gpt-5.4'), {
      signal: new AbortController().signal, timeouts: { firstTokenMs: 1000, idleMs: 60 },
    }));
    assert.equal(error.reason, 'timeout');
    assert.equal(error.providerCode, 'idle-timeout');
    assert.equal(textOf(events), 'alpha beta');
    await waitForClientAbort(onlyRequest(fake));
  });

  it('reports a content filter as a finish reason, not an error', async () => {
    fake.enqueue({ vendor: 'openai', fault: { kind: 'content-filter' }, answer: 'one two three four' });
    const events = await collect(providerFor(fake, 'openai').stream(ask('gpt-5.4'), { signal: new AbortController().signal }));
    assert.deepEqual(finishOf(events), { type: 'finish', reason: 'content-filter', raw: 'content_filter' });
    assert.equal(textOf(events), 'one two');
    assert.equal(usageOf(events)?.outputTokens, 2);
  });

  it('parses CRLF-framed streams', async () => {
    fake.enqueue({ vendor: 'openai', crlf: true, answer: 'Carriage returns are fine.' });
    const events = await collect(providerFor(fake, 'openai').stream(ask('gpt-5.4'), { signal: new AbortController().signal }));
    assert.equal(textOf(events), 'Carriage returns are fine.');
    assert.equal(finishOf(events)?.type, 'finish');
  });

  it('lists models through the SDK', async () => {
    const models = await providerFor(fake, 'openai').listModels({ signal: new AbortController().signal, timeoutMs: 1000 });
    assert.ok(models.some((m) => m.id === 'gpt-5.4'));
    assert.equal(onlyRequest(fake).path, '/v1/models');
  });

  it('classifies listModels failures the same way (rejected key → auth)', async () => {
    const provider = providerFor(fake, 'openai', { apiKey: 'sk-invalid-key-for-listing-0000' });
    await assert.rejects(provider.listModels({ signal: new AbortController().signal }), { name: 'ProviderError', reason: 'auth', status: 401 });
  });

  it('rejects a key containing the marker as auth, and never repeats the key in its message', async () => {
    const key = 'sk-proj-invalidKEY5678wxyz';
    const { error } = await failure(providerFor(fake, 'openai', { apiKey: key }).stream(ask('gpt-5.4'), { signal: new AbortController().signal }));
    assert.equal(error.reason, 'auth');
    assert.equal(error.status, 401);
    assert.equal(error.providerCode, 'invalid_api_key');
    assert.match(error.message, /Quorum: Set API Key/);
    // OpenAI's own message echoes the key's head and tail; ours must carry neither.
    const providerMessage = (error.cause as Error).message;
    assert.ok(providerMessage.includes(key.slice(-4)), 'the fake should echo part of the key like OpenAI does');
    for (const fragment of [key, key.slice(0, 3) + '*', key.slice(-4)]) assert.ok(!error.message.includes(fragment), fragment);
  });

  it('fails with auth and sends nothing when no OpenAI key is set', async () => {
    const { error } = await failure(providerFor(fake, 'openai', { apiKey: undefined }).stream(ask('gpt-5.4'), { signal: new AbortController().signal }));
    assert.equal(error.reason, 'auth');
    assert.equal(fake.requests.length, 0);
  });

  it('the fake answers a request without any Authorization header with 401', async () => {
    const client = new OpenAI({ apiKey: 'unused', baseURL: fake.baseUrls.openai, maxRetries: 0, defaultHeaders: { Authorization: null } });
    await assert.rejects(client.models.list(), (error: unknown) => error instanceof AuthenticationError && error.code === 'invalid_api_key');
    assert.equal(onlyRequest(fake).headers.authorization, undefined);
  });

  it('serves embeddings as base64 float32 (the SDK default) and as floats, decoding to the same vectors', async () => {
    const client = new OpenAI({ apiKey: OPENAI_KEY, baseURL: fake.baseUrls.openai, maxRetries: 0 });
    const viaBase64 = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['héllo', 'world'] });
    const viaFloat = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['héllo', 'world'], encoding_format: 'float' });
    const raw = await (await client.embeddings.create({ model: 'text-embedding-3-small', input: 'héllo' }).asResponse()).json() as {
      data: { embedding: unknown }[];
    };
    const wire = fake.requests.map((r) => (r.body as { encoding_format?: string }).encoding_format);
    assert.deepEqual(wire, ['base64', 'float', 'base64']);
    // On the wire the default answer really is base64 little-endian float32, which the SDK decoded above.
    const bytes = Buffer.from(raw.data[0]?.embedding as string, 'base64');
    assert.deepEqual([...new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4)], embeddingVector('héllo', 8));
    assert.deepEqual(viaBase64.data.map((d) => d.embedding), [embeddingVector('héllo', 8), embeddingVector('world', 8)]);
    assert.deepEqual(viaFloat.data.map((d) => d.embedding), viaBase64.data.map((d) => d.embedding));
    assert.ok(viaBase64.usage.prompt_tokens > 0);
    assert.equal(chatRequests(fake).length, 0);
  });
});
