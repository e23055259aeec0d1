import assert from 'node:assert/strict';
import { useFakeServer } from '../../../../fakes/useFakeServer';
import { geminiFake } from '../../../../fakes/geminiFake';
import { MODEL, TEST_KEY } from './harness';

/** The fake's bytes on the wire, checked without the SDK in between (the SDK hides framing mistakes). */
describe('geminiFake wire format', () => {
  const fake = useFakeServer(() => [geminiFake()]);

  const post = (action: string, headers: Record<string, string> = { 'x-goog-api-key': TEST_KEY }, query = ''): Promise<Response> =>
    fetch(`${fake.baseUrls.gemini}/v1beta/models/${MODEL}:${action}${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] }),
    });

  it('streams data-only SSE with running totals, finishReason on the last event and no terminator', async () => {
    fake.enqueue({ answer: 'a b c', usage: { reasoningTokens: 4, cachedInputTokens: 2 } });
    const response = await post('streamGenerateContent', undefined, '?alt=sse');
    assert.equal(response.headers.get('content-type'), 'text/event-stream');
    const raw = await response.text();
    assert.ok(!raw.includes('[DONE]') && !raw.includes('event:'));
    const events = raw.split('\n\n').filter((e) => e !== '');
    assert.ok(events.every((e) => e.startsWith('data: ') && !e.includes('\n')), 'exactly one data: line per event');
    const chunks = events.map((e) => JSON.parse(e.slice('data: '.length)) as {
      candidates: { finishReason?: string }[];
      usageMetadata: Record<string, number>;
    });
    assert.deepEqual(chunks.map((c) => c.candidates[0]?.finishReason), [undefined, undefined, undefined, 'STOP']);
    assert.deepEqual(chunks.map((c) => c.usageMetadata.candidatesTokenCount), [1, 2, 3, 3]);
    for (const { usageMetadata: u } of chunks) {
      assert.equal(u.totalTokenCount, (u.promptTokenCount ?? 0) + (u.candidatesTokenCount ?? 0) + (u.thoughtsTokenCount ?? 0));
      assert.equal(u.cachedContentTokenCount, 2);
      assert.equal(u.thoughtsTokenCount, 4);
    }
  });

  it('streams one JSON array without alt=sse', async () => {
    fake.enqueue({ answer: 'a b' });
    const response = await post('streamGenerateContent');
    const chunks = await response.json() as unknown[];
    assert.equal(chunks.length, 3);
  });

  it('answers a missing key with 403 PERMISSION_DENIED, a wrong one with 400 API_KEY_INVALID', async () => {
    const missing = await post('generateContent', {});
    assert.equal(missing.status, 403);
    assert.equal(((await missing.json()) as { error: { status: string } }).error.status, 'PERMISSION_DENIED');
    const wrong = await post('generateContent', { 'x-goog-api-key': 'invalid-key' });
    assert.equal(wrong.status, 400);
    const body = (await wrong.json()) as { error: { status: string; details: { reason?: string }[] } };
    assert.equal(body.error.status, 'INVALID_ARGUMENT');
    assert.equal(body.error.details[0]?.reason, 'API_KEY_INVALID');
  });

  it('sends errors on stream calls as text/event-stream, and a 429 with RetryInfo', async () => {
    fake.enqueue({ fault: { kind: 'rate-limit', retryAfter: '5' } });
    const response = await post('streamGenerateContent', undefined, '?alt=sse');
    assert.equal(response.status, 429);
    assert.equal(response.headers.get('content-type'), 'text/event-stream');
    const body = JSON.parse(await response.text()) as { error: { status: string; details: Record<string, unknown>[] } };
    assert.equal(body.error.status, 'RESOURCE_EXHAUSTED');
    assert.ok(body.error.details.some((d) => d['@type'] === 'type.googleapis.com/google.rpc.RetryInfo' && d.retryDelay === '5s'));
  });

  it('keeps keep-alives as SSE comments, with CRLF framing when asked', async () => {
    fake.enqueue({ crlf: true, fault: { kind: 'keepalive-only', intervalMs: 5 } });
    const controller = new AbortController();
    const response = await fetch(`${fake.baseUrls.gemini}/v1/models/${MODEL}:streamGenerateContent?alt=sse`, {
      method: 'POST', headers: { 'x-goog-api-key': TEST_KEY }, body: '{"contents":[{"parts":[{"text":"x"}]}]}', signal: controller.signal,
    });
    const reader = response.body?.getReader();
    const first = await reader?.read();
    controller.abort();
    assert.equal(Buffer.from(first?.value ?? new Uint8Array()).toString('utf8').split('\r\n\r\n')[0], ': keep-alive');
    assert.equal(fake.requests[0]?.path, `/v1/models/${MODEL}:streamGenerateContent`);
  });
});
