import assert from 'node:assert/strict';
import { anthropicAuth, anthropicFake } from '../../../../fakes/anthropicFake';
import { REJECTED_KEY_MARKER } from '../../../../fakes/fakeServer';
import { useFakeServer } from '../../../../fakes/useFakeServer';

/** The fake's own wire contract, checked with plain fetch (the way a 0.x SDK or a gateway would talk to it). */
describe('anthropicFake wire format', () => {
  const fake = useFakeServer(() => [anthropicFake()]);

  const OLD_SDK_HEADERS = { 'content-type': 'application/json', 'x-api-key': 'sk-old', 'anthropic-version': '2023-06-01' };
  const post = (path: string, body: unknown, headers: Record<string, string> = OLD_SDK_HEADERS): Promise<Response> =>
    fetch(`${fake.baseUrls.anthropic}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  const minimal = { model: 'claude-haiku-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'Hi there' }] };

  it('accepts the 0.x x-api-key style and answers non-streaming with a Message and a request-id', async () => {
    const res = await post('/v1/messages', minimal);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('request-id') ?? '', /^req_/);
    const body = await res.json() as { type: string; role: string; stop_reason: string; content: { type: string; text: string }[]; usage: Record<string, unknown> };
    assert.equal(body.type, 'message');
    assert.equal(body.stop_reason, 'end_turn');
    assert.equal(body.content[0]?.type, 'text');
    assert.equal(body.usage.input_tokens, 8);
    assert.deepEqual(anthropicAuth(fake.requests[0]?.headers ?? {}), { key: 'sk-old', style: 'x-api-key' });
  });

  it('rejects a missing key and a marked key with 401 authentication_error, in the Anthropic envelope', async () => {
    for (const headers of [
      { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      { ...OLD_SDK_HEADERS, 'x-api-key': `k-${REJECTED_KEY_MARKER}` },
    ]) {
      const res = await post('/v1/messages', minimal, headers);
      assert.equal(res.status, 401);
      const body = await res.json() as { type: string; error: { type: string }; request_id: string };
      assert.equal(body.type, 'error');
      assert.equal(body.error.type, 'authentication_error');
      assert.equal(body.request_id, res.headers.get('request-id'));
    }
  });

  it('requires anthropic-version and max_tokens, strict alternation, and no temperature on 2026-10-21', async () => {
    const noVersion = await post('/v1/messages', minimal, { 'content-type': 'application/json', 'x-api-key': 'k' });
    assert.equal(noVersion.status, 400);
    const noMax = await post('/v1/messages', { ...minimal, max_tokens: undefined });
    assert.deepEqual((await noMax.json() as { error: unknown }).error, { type: 'invalid_request_error', message: 'max_tokens: Field required' });
    const twoUsers = await post('/v1/messages', { ...minimal, messages: [{ role: 'user', content: 'a' }, { role: 'user', content: 'b' }] });
    assert.equal(twoUsers.status, 400);
    const systemRole = await post('/v1/messages', { ...minimal, messages: [{ role: 'system', content: 'a' }] });
    assert.equal(systemRole.status, 400);
    assert.equal((await post('/v1/messages', { ...minimal, temperature: 0.5 })).status, 200);
    const newVersion = { ...OLD_SDK_HEADERS, 'anthropic-version': '2026-10-21' };
    assert.equal((await post('/v1/messages', { ...minimal, temperature: 1 }, newVersion)).status, 400);
  });

  it('counts tokens without max_tokens', async () => {
    const res = await post('/v1/messages/count_tokens', { model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'Hi there' }] });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { input_tokens: 8 });
  });

  it('lists models in Anthropic page shape, with after_id pagination', async () => {
    const get = async (query: string): Promise<{ data: { id: string; type: string }[]; has_more: boolean; first_id: string | null; last_id: string | null }> => {
      const res = await fetch(`${fake.baseUrls.anthropic}/v1/models${query}`, { headers: OLD_SDK_HEADERS });
      assert.equal(res.status, 200);
      return await res.json() as { data: { id: string; type: string }[]; has_more: boolean; first_id: string | null; last_id: string | null };
    };
    const first = await get('?limit=2');
    assert.deepEqual(first.data.map((m) => m.id), ['claude-opus-5-5', 'claude-sonnet-5-5']);
    assert.equal(first.data[0]?.type, 'model');
    assert.deepEqual([first.has_more, first.first_id, first.last_id], [true, 'claude-opus-5-5', 'claude-sonnet-5-5']);
    const second = await get(`?limit=2&after_id=${first.last_id ?? ''}`);
    assert.deepEqual(second.data.map((m) => m.id), ['claude-haiku-5-5', 'claude-opus-4-8']);
    assert.equal(second.has_more, true);
    const last = await get(`?limit=10&after_id=${second.last_id ?? ''}`);
    assert.deepEqual(last.data.map((m) => m.id), ['claude-sonnet-4-6', 'claude-haiku-4-5', 'claude-opus-4-5']);
    assert.equal(last.has_more, false);
  });

  it('streams named events: message_start, content_block_start, ping, text_delta…, message_delta, message_stop', async () => {
    const res = await post('/v1/messages', { ...minimal, stream: true });
    assert.equal(res.headers.get('content-type'), 'text/event-stream');
    assert.match(res.headers.get('request-id') ?? '', /^req_/);
    const events = [...(await res.text()).matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    assert.deepEqual(events.slice(0, 3), ['message_start', 'content_block_start', 'ping']);
    assert.deepEqual(events.slice(-3), ['content_block_stop', 'message_delta', 'message_stop']);
    assert.ok(events.filter((e) => e === 'content_block_delta').length > 3);
  });
});
