import assert from 'node:assert/strict';
import { createOpenAICompatibleProvider } from '../../../../../src/core/providers/openai/provider';
import { useFakeServer } from '../../../../fakes/useFakeServer';
import { openaiFake } from '../../../../fakes/openaiFake';
import { tokenize, usageFor } from '../../../../fakes/script';
import { ask, collect, failure, finishOf, onlyRequest, providerFor, textOf, usageOf } from './harness';

describe('OpenAI-compatible provider (Ollama/vLLM-like endpoint, against the loopback fake)', () => {
  const fake = useFakeServer(() => [openaiFake('openai'), openaiFake('openaiCompatible')]);

  it('has kind openaiCompatible and streams without a key, sending no Authorization header at all', async () => {
    const provider = providerFor(fake, 'openaiCompatible', { apiKey: undefined });
    assert.equal(provider.kind, 'openaiCompatible');
    fake.enqueue({ vendor: 'openaiCompatible', answer: 'Local models say hi.' });
    const events = await collect(provider.stream(ask('llama3.2:latest'), { signal: new AbortController().signal }));
    assert.equal(textOf(events), 'Local models say hi.');
    assert.deepEqual(events.slice(-2).map((e) => e.type), ['usage', 'finish']);
    const request = onlyRequest(fake);
    assert.equal(request.headers.authorization, undefined, 'the SDK placeholder key must not go on the wire');
    assert.equal(request.headers['x-stainless-retry-count'], '0');
  });

  it('treats an empty or blank key as no key', async () => {
    await collect(providerFor(fake, 'openaiCompatible', { apiKey: '  ' }).stream(ask('llama3.2:latest'), { signal: new AbortController().signal }));
    assert.equal(onlyRequest(fake).headers.authorization, undefined);
  });

  it('sends a configured key as Bearer, and gateway headers as given', async () => {
    const provider = providerFor(fake, 'openaiCompatible', { apiKey: 'sk-litellm-team-7', headers: { 'x-team': 'quorum' } });
    await collect(provider.stream(ask('llama3.2:latest'), { signal: new AbortController().signal }));
    const request = onlyRequest(fake);
    assert.equal(request.headers.authorization, 'Bearer sk-litellm-team-7');
    assert.equal(request.headers['x-team'], 'quorum');
  });

  it("keeps a gateway's own Authorization header when no key is set", async () => {
    const provider = providerFor(fake, 'openaiCompatible', { apiKey: undefined, headers: { Authorization: 'Basic dXNlcjpwdw==' } });
    await collect(provider.stream(ask('llama3.2:latest'), { signal: new AbortController().signal }));
    assert.equal(onlyRequest(fake).headers.authorization, 'Basic dXNlcjpwdw==');
  });

  it('rejects a key containing the marker as auth without echoing it', async () => {
    const key = 'sk-invalid-local-9876';
    const { error } = await failure(providerFor(fake, 'openaiCompatible', { apiKey: key }).stream(ask('llama3.2:latest'), { signal: new AbortController().signal }));
    assert.equal(error.reason, 'auth');
    assert.equal(error.status, 401);
    assert.match(error.message, /^Ollama rejected the API key/);
    assert.ok(!error.message.includes(key.slice(-4)));
  });

  it('maps the request: max_tokens, and all system messages merged into one leading message', async () => {
    await collect(providerFor(fake, 'openaiCompatible').stream({
      model: 'qwen2.5-coder:7b',
      messages: [
        { role: 'user', content: 'Write a haiku.' },
        { role: 'system', content: 'You are a poet.' },
        { role: 'assistant', content: 'Leaves fall.' },
        { role: 'system', content: [{ type: 'text', text: 'Use five syllables.' }] },
        { role: 'user', content: 'Again.' },
      ],
      maxOutputTokens: 64,
      responseFormat: 'json',
    }, { signal: new AbortController().signal }));
    const body = onlyRequest(fake).body as Record<string, unknown>;
    assert.deepEqual(body.messages, [
      { role: 'system', content: 'You are a poet.\n\nUse five syllables.' },
      { role: 'user', content: 'Write a haiku.' },
      { role: 'assistant', content: 'Leaves fall.' },
      { role: 'user', content: 'Again.' },
    ]);
    assert.equal(body.max_tokens, 64);
    assert.equal('max_completion_tokens' in body, false);
    assert.deepEqual(body.response_format, { type: 'json_object' });
    assert.deepEqual(body.stream_options, { include_usage: true });
  });

  it('maps totals-only usage and leaves the unreported breakdown unknown (not zero)', async () => {
    const answer = 'Short local answer.';
    fake.enqueue({ vendor: 'openaiCompatible', answer });
    const events = await collect(providerFor(fake, 'openaiCompatible').stream(ask('llama3.2:latest', 'Hi'), { signal: new AbortController().signal }));
    assert.deepEqual(usageOf(events), { inputTokens: usageFor(['Hi'], answer).input, outputTokens: tokenize(answer).length });
  });

  it('maps a vLLM-style breakdown when the server reports one', async () => {
    fake.enqueue({ vendor: 'openaiCompatible', answer: 'Thought about it.', usage: { cachedInputTokens: 16, reasoningTokens: 5 } });
    const events = await collect(providerFor(fake, 'openaiCompatible').stream(ask('llama3.2:latest'), { signal: new AbortController().signal }));
    const usage = usageOf(events);
    assert.equal(usage?.cachedInputTokens, 16);
    assert.equal(usage?.reasoningTokens, 5);
    assert.equal(usage?.outputTokens, tokenize('Thought about it.').length + 5);
  });

  it('finishes without a usage event when the server sends none', async () => {
    fake.enqueue({ vendor: 'openaiCompatible', fault: { kind: 'compat-quirk', quirk: 'no-usage' } });
    const events = await collect(providerFor(fake, 'openaiCompatible').stream(ask('llama3.2:latest'), { signal: new AbortController().signal }));
    assert.equal(events.some((e) => e.type === 'usage'), false);
    assert.deepEqual(finishOf(events), { type: 'finish', reason: 'stop', raw: 'stop' });
  });

  it('discovers models from /v1/models without a key', async () => {
    const models = await providerFor(fake, 'openaiCompatible', { apiKey: undefined })
      .listModels({ signal: new AbortController().signal, timeoutMs: 1000 });
    assert.deepEqual(models.map((m) => m.id), ['llama3.2:latest', 'qwen2.5-coder:7b', 'nomic-embed-text:latest']);
    const request = onlyRequest(fake);
    assert.equal(request.path, '/v1/models');
    assert.equal(request.headers.authorization, undefined);
  });

  it('classifies a listing failure (404 at a wrong base URL → notFound)', async () => {
    const provider = providerFor(fake, 'openaiCompatible', { baseUrl: `${fake.url}/compat/v2` });
    await assert.rejects(provider.listModels({ signal: new AbortController().signal }), { name: 'ProviderError', reason: 'notFound', status: 404 });
  });

  it('reports a missing base URL as a configuration error, sending nothing', async () => {
    const provider = createOpenAICompatibleProvider({ id: 'compat:lmstudio', displayName: 'LM Studio' });
    const { error } = await failure(provider.stream(ask('local-model'), { signal: new AbortController().signal }));
    assert.equal(error.reason, 'notFound');
    assert.equal(error.provider, 'compat:lmstudio');
    assert.match(error.message, /LM Studio has no base URL/);
    await assert.rejects(provider.listModels({ signal: new AbortController().signal }), { reason: 'notFound' });
    assert.equal(fake.requests.length, 0);
  });

  it('answers a 422 in FastAPI shape and still classifies it by status', async () => {
    fake.enqueue({ vendor: 'openaiCompatible', fault: { kind: 'bad-request', status: 422 } });
    const { error } = await failure(providerFor(fake, 'openaiCompatible').stream(ask('llama3.2:latest'), { signal: new AbortController().signal }));
    assert.equal(error.reason, 'invalidRequest');
    assert.equal(error.providerCode, undefined);
  });
});
