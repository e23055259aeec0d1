import assert from 'node:assert/strict';
import { GoogleGenAI } from '@google/genai';
import { useFakeServer } from '../../../../fakes/useFakeServer';
import { geminiFake } from '../../../../fakes/geminiFake';
import { MODEL, TEST_KEY, chat, geminiProvider, run, until } from './harness';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('geminiProvider', () => {
  const fake = useFakeServer(() => [geminiFake()]);

  it('streams the answer text and finishes with stop', async () => {
    fake.enqueue({ answer: 'The sky is blue because of Rayleigh scattering.' });
    const outcome = await run(geminiProvider(fake));
    assert.equal(outcome.error, undefined);
    assert.equal(outcome.text, 'The sky is blue because of Rayleigh scattering.');
    assert.deepEqual(outcome.finish, { reason: 'stop', raw: 'STOP' });
    assert.ok(outcome.events.filter((e) => e.type === 'text-delta').length > 1, 'streamed in several deltas');
  });

  it('maps running-total usage from the last chunk: cached inside input, thoughts added to output', async () => {
    fake.enqueue({ answer: 'one two three four', usage: { cachedInputTokens: 40, reasoningTokens: 25 } });
    const outcome = await run(geminiProvider(fake));
    // Fake prompt count for "Hi" is 7 (+40 cached, inside promptTokenCount); 4 answer chunks + 25 thoughts.
    assert.deepEqual(outcome.usage, { inputTokens: 47, cachedInputTokens: 40, outputTokens: 29, reasoningTokens: 25 });
    const snapshots = outcome.events.filter((e) => e.type === 'usage');
    assert.equal(snapshots.length, 4, 'one snapshot per changed running total');
    assert.deepEqual(snapshots[0], { type: 'usage', usage: { inputTokens: 47, cachedInputTokens: 40, outputTokens: 26, reasoningTokens: 25 } });
    assert.equal(outcome.events.at(-1)?.type, 'finish', 'usage comes before the terminal event');
  });

  it('leaves cache and reasoning undefined when Gemini does not report them', async () => {
    fake.enqueue({ answer: 'just three words' });
    const outcome = await run(geminiProvider(fake));
    assert.deepEqual(outcome.usage, { inputTokens: 7, outputTokens: 3, cachedInputTokens: undefined, reasoningTokens: undefined });
  });

  it('maps the request: systemInstruction, roles, inline images, generation config, v1beta path, key header', async () => {
    const outcome = await run(geminiProvider(fake), chat({
      messages: [
        { role: 'system', content: 'Be terse.' },
        { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', mediaType: 'image/png', data: PNG }] },
        { role: 'assistant', content: 'A pixel.' },
        { role: 'system', content: 'Answer in JSON.' },
        { role: 'user', content: 'And its colour?' },
      ],
      maxOutputTokens: 50,
      temperature: 0.2,
      stop: ['END'],
      responseFormat: 'json',
    }));
    assert.equal(outcome.error, undefined);
    assert.equal(fake.requests.length, 1);
    const [recorded] = fake.requests;
    assert.equal(recorded?.method, 'POST');
    assert.equal(recorded?.path, `/v1beta/models/${MODEL}:streamGenerateContent`);
    assert.equal(recorded?.headers['x-goog-api-key'], TEST_KEY);
    assert.deepEqual(recorded?.body, {
      contents: [
        { role: 'user', parts: [{ text: 'What is this?' }, { inlineData: { mimeType: 'image/png', data: PNG } }] },
        { role: 'model', parts: [{ text: 'A pixel.' }] },
        { role: 'user', parts: [{ text: 'And its colour?' }] },
      ],
      systemInstruction: { parts: [{ text: 'Be terse.' }, { text: 'Answer in JSON.' }] },
      generationConfig: { maxOutputTokens: 50, temperature: 0.2, stopSequences: ['END'], responseMimeType: 'application/json' },
    });
    // The image is billed by the fake like the API does (258 tokens), so input > the texts alone.
    assert.ok((outcome.usage?.inputTokens ?? 0) > 258);
  });

  it('uses the configured apiVersion in the path', async () => {
    const outcome = await run(geminiProvider(fake, { apiVersion: 'v1' }));
    assert.equal(outcome.error, undefined);
    assert.equal(fake.requests[0]?.path, `/v1/models/${MODEL}:streamGenerateContent`);
  });

  it('sends configured gateway headers next to the key', async () => {
    await run(geminiProvider(fake, { headers: { 'x-team': 'quorum-tests' } }));
    assert.equal(fake.requests[0]?.headers['x-team'], 'quorum-tests');
    assert.equal(fake.requests[0]?.headers['x-goog-api-key'], TEST_KEY);
  });

  it('sends exactly one request per call, also when it fails (no SDK retries, no continuation hops)', async () => {
    await run(geminiProvider(fake));
    fake.enqueue({ fault: { kind: 'overloaded' } });
    const failed = await run(geminiProvider(fake));
    assert.equal(failed.error?.reason, 'overloaded');
    assert.equal(fake.requests.length, 2);
  });

  it('reports MAX_TOKENS as length, with the text cut there', async () => {
    fake.enqueue({ answer: 'a b c d e f' });
    const outcome = await run(geminiProvider(fake), chat({ maxOutputTokens: 3 }));
    assert.equal(outcome.text, 'a b c');
    assert.deepEqual(outcome.finish, { reason: 'length', raw: 'MAX_TOKENS' });
  });

  it('parses CRLF-framed events', async () => {
    fake.enqueue({ answer: 'over CRLF framing', crlf: true });
    const outcome = await run(geminiProvider(fake));
    assert.equal(outcome.text, 'over CRLF framing');
    assert.equal(outcome.finish?.reason, 'stop');
  });

  it('cancels mid-stream: reason aborted, and the fake sees the client go away', async () => {
    fake.enqueue({ answer: 'w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12', fault: { kind: 'latency', perChunkMs: 25 } });
    const controller = new AbortController();
    const outcome = await run(geminiProvider(fake), chat(), {
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'text-delta') controller.abort();
      },
    });
    assert.equal(outcome.error?.reason, 'aborted');
    assert.equal(outcome.text, 'w1');
    await until(() => fake.requests[0]?.clientAborted === true);
  });

  it('times out a slow first token and a keep-alive-only stream, and drops the connection', async () => {
    fake.enqueue({ fault: { kind: 'slow-first-token', delayMs: 1_000 } }, { fault: { kind: 'keepalive-only', intervalMs: 10 } });
    for (const index of [0, 1]) {
      const started = Date.now();
      const outcome = await run(geminiProvider(fake), chat(), { timeouts: { firstTokenMs: 80, idleMs: 1_000 } });
      assert.equal(outcome.error?.reason, 'timeout');
      assert.equal(outcome.error?.providerCode, 'first-token-timeout');
      assert.ok(Date.now() - started < 600, 'the deadline fired, not the fake');
      await until(() => fake.requests[index]?.clientAborted === true);
    }
  });

  it('times out a stream that stalls after some text (idle deadline)', async () => {
    fake.enqueue({ answer: 'alpha beta gamma delta', fault: { kind: 'stall', afterChunks: 2 } });
    const outcome = await run(geminiProvider(fake), chat(), { timeouts: { firstTokenMs: 1_000, idleMs: 80 } });
    assert.equal(outcome.error?.reason, 'timeout');
    assert.equal(outcome.error?.providerCode, 'idle-timeout');
    assert.equal(outcome.text, 'alpha beta');
    await until(() => fake.requests[0]?.clientAborted === true);
  });

  it('rejects a bad key as auth without ever echoing the key', async () => {
    const key = 'AIzaSy-invalid-SECRET-9931';
    const outcome = await run(geminiProvider(fake, { apiKey: key }));
    assert.equal(outcome.error?.reason, 'auth');
    assert.equal(outcome.error?.status, 400);
    assert.equal(outcome.error?.providerCode, 'API_KEY_INVALID');
    assert.match(outcome.error?.message ?? '', /Google Gemini.*Set API Key/);
    assert.ok(!(outcome.error?.message ?? '').includes(key));
    assert.ok(!String(outcome.error?.cause).includes(key));
  });

  it('fails a missing key as auth before sending anything', async () => {
    const outcome = await run(geminiProvider(fake, { apiKey: '  ' }));
    assert.equal(outcome.error?.reason, 'auth');
    assert.equal(fake.requests.length, 0);
    await assert.rejects(geminiProvider(fake, { apiKey: undefined }).listModels({ signal: new AbortController().signal }), { reason: 'auth' });
  });

  describe('listModels', () => {
    it('lists the served models with ids stripped of "models/"', async () => {
      const models = await geminiProvider(fake).listModels({ signal: new AbortController().signal });
      assert.deepEqual(models.slice(3, 5).map((m) => [m.id, m.displayName]), [
        ['gemini-2.5-flash', 'Gemini 2.5 Flash'],
        ['gemini-2.5-pro', 'Gemini 2.5 Pro'],
      ]);
      // What the catalog infers capabilities from: generation methods, limits, thinking.
      assert.deepEqual(models[3], {
        id: 'gemini-2.5-flash', displayName: 'Gemini 2.5 Flash',
        methods: ['generateContent', 'countTokens', 'createCachedContent', 'batchGenerateContent'],
        inputTokenLimit: 1_048_576, outputTokenLimit: 65_536, thinking: true,
      });
      assert.deepEqual(models.find((m) => m.id === 'gemini-embedding-001')?.methods, ['embedContent', 'countTextTokens', 'countTokens']);
      assert.deepEqual(fake.requests.map((r) => [r.method, r.path]), [['GET', '/v1beta/models']]);
    });

    it('classifies a rejected key', async () => {
      await assert.rejects(geminiProvider(fake, { apiKey: 'invalid-key' }).listModels({ signal: new AbortController().signal }),
        { reason: 'auth', providerCode: 'API_KEY_INVALID' });
    });

    it('gives up at timeoutMs, and reports a caller abort as aborted', async () => {
      fake.enqueue({ fault: { kind: 'hang-headers' }, times: 2 });
      const started = Date.now();
      await assert.rejects(geminiProvider(fake).listModels({ signal: new AbortController().signal, timeoutMs: 60 }), { reason: 'timeout' });
      assert.ok(Date.now() - started < 600);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 30);
      await assert.rejects(geminiProvider(fake).listModels({ signal: controller.signal, timeoutMs: 5_000 }), { reason: 'aborted' });
      await until(() => fake.requests.length === 2 && fake.requests.every((r) => r.clientAborted === true));
    });
  });

  describe('the fake through the SDK directly', () => {
    const client = (): GoogleGenAI => new GoogleGenAI({
      apiKey: TEST_KEY, vertexai: false, httpOptions: { baseUrl: fake.baseUrls.gemini, apiVersion: 'v1beta' },
    });

    it('embeds through batchEmbedContents', async () => {
      const response = await client().models.embedContent({
        model: 'gemini-embedding-001', contents: ['first text', 'second text'], config: { outputDimensionality: 8 },
      });
      const vectors = response.embeddings?.map((e) => e.values ?? []) ?? [];
      assert.equal(vectors.length, 2);
      assert.ok(vectors.every((v) => v.length === 8));
      assert.notDeepEqual(vectors[0], vectors[1]);
      const [recorded] = fake.requests;
      assert.equal(recorded?.path, '/v1beta/models/gemini-embedding-001:batchEmbedContents');
      const body = recorded?.body as { requests: { model: string; outputDimensionality: number }[] };
      assert.deepEqual(body.requests.map((r) => [r.model, r.outputDimensionality]), [
        ['models/gemini-embedding-001', 8], ['models/gemini-embedding-001', 8],
      ]);
    });

    it('answers generateContent and countTokens', async () => {
      fake.enqueue({ answer: 'whole answer here', usage: { reasoningTokens: 5 } });
      const response = await client().models.generateContent({ model: MODEL, contents: 'Hi' });
      assert.equal(response.text, 'whole answer here');
      assert.equal(response.candidates?.[0]?.finishReason, 'STOP');
      assert.deepEqual([response.usageMetadata?.candidatesTokenCount, response.usageMetadata?.thoughtsTokenCount], [3, 5]);
      const counted = await client().models.countTokens({ model: MODEL, contents: 'Hi' });
      assert.equal(counted.totalTokens, 7);
      assert.deepEqual(fake.requests.map((r) => r.path), [`/v1beta/models/${MODEL}:generateContent`, `/v1beta/models/${MODEL}:countTokens`]);
    });
  });
});
