import assert from 'node:assert/strict';
import { OpenAI } from 'openai';
import type { FakeServer } from '../../../../fakes/fakeServer';
import { useFakeServer } from '../../../../fakes/useFakeServer';
import { openaiFake } from '../../../../fakes/openaiFake';
import { OPENAI_KEY } from './harness';

/** Raw SSE body of a chat request, to check the framing the SDK hides. */
async function rawStream(fake: FakeServer, vendor: 'openai' | 'openaiCompatible', body: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${fake.baseUrls[vendor]}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${OPENAI_KEY}` },
    body: JSON.stringify({ model: 'gpt-5.4', messages: [{ role: 'user', content: 'Hi' }], stream: true, ...body }),
  });
  assert.equal(response.headers.get('content-type'), 'text/event-stream');
  return response.text();
}

function dataOf(raw: string): string[] {
  return raw.split('\n\n').filter((e) => e !== '').map((e) => {
    assert.match(e, /^data: /, 'OpenAI streams have data lines only, no event: lines');
    return e.slice('data: '.length);
  });
}

describe('OpenAI fake: wire format', () => {
  const fake = useFakeServer(() => [openaiFake('openai'), openaiFake('openaiCompatible')]);

  it('streams role chunk, content, finish chunk, then [DONE] — and no usage without include_usage', async () => {
    fake.enqueue({ vendor: 'openai', answer: 'A B' });
    const data = dataOf(await rawStream(fake, 'openai', {}));
    assert.equal(data.at(-1), '[DONE]');
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d) as { choices: { delta: Record<string, unknown>; finish_reason: string | null }[]; usage?: unknown });
    assert.deepEqual(chunks[0]?.choices[0]?.delta, { role: 'assistant', content: '', refusal: null });
    assert.deepEqual(chunks.slice(1, 3).map((c) => c.choices[0]?.delta.content), ['A', ' B']);
    assert.equal(chunks.at(-1)?.choices[0]?.finish_reason, 'stop');
    assert.ok(chunks.every((c) => !('usage' in c)), 'usage only with stream_options.include_usage');
  });

  it('with include_usage: usage null on every chunk, then a usage chunk with choices [] just before [DONE]', async () => {
    const data = dataOf(await rawStream(fake, 'openai', { stream_options: { include_usage: true } }));
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d) as { choices: unknown[]; usage: Record<string, number> | null });
    const last = chunks.at(-1);
    assert.deepEqual(last?.choices, []);
    assert.equal(last?.usage?.total_tokens, (last?.usage?.prompt_tokens ?? 0) + (last?.usage?.completion_tokens ?? 0));
    assert.ok(chunks.slice(0, -1).every((c) => c.usage === null));
  });

  it('compat quirks change the framing: no [DONE], and keep-alive comments', async () => {
    fake.enqueue({ vendor: 'openaiCompatible', fault: { kind: 'compat-quirk', quirk: 'no-done' } });
    assert.ok(!(await rawStream(fake, 'openaiCompatible', {})).includes('[DONE]'));
    fake.enqueue({ vendor: 'openaiCompatible', fault: { kind: 'compat-quirk', quirk: 'keepalive-comments' }, crlf: true });
    const raw = await rawStream(fake, 'openaiCompatible', {});
    assert.match(raw, /^: keep-alive\r\n\r\n/m);
    assert.ok(!/[^\r]\n/.test(raw), 'CRLF framing throughout');
  });

  it('answers non-streaming requests with a chat.completion and its usage', async () => {
    const client = new OpenAI({ apiKey: OPENAI_KEY, baseURL: fake.baseUrls.openai, maxRetries: 0 });
    fake.enqueue({ vendor: 'openai', answer: 'Plain answer.', usage: { cachedInputTokens: 10, reasoningTokens: 4 } });
    const completion = await client.chat.completions.create({ model: 'gpt-5.4', messages: [{ role: 'user', content: 'Hi' }] });
    assert.equal(completion.object, 'chat.completion');
    assert.equal(completion.choices[0]?.message.content, 'Plain answer.');
    assert.equal(completion.choices[0]?.finish_reason, 'stop');
    assert.equal(completion.usage?.prompt_tokens_details?.cached_tokens, 10);
    assert.equal(completion.usage?.completion_tokens, 2 + 4);
  });

  it('answers an unknown route with OpenAI’s 404 envelope', async () => {
    const response = await fetch(`${fake.baseUrls.openai}/nope`, { headers: { authorization: `Bearer ${OPENAI_KEY}` } });
    assert.equal(response.status, 404);
    assert.deepEqual(await response.json(), { error: { message: 'Invalid URL (GET /v1/nope)', type: 'invalid_request_error', param: null, code: null } });
  });
});
