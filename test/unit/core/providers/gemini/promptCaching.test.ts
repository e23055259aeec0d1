import assert from 'node:assert/strict';
import { GEMINI_EXPLICIT_CACHE_MIN_TOKENS, GEMINI_EXPLICIT_CACHE_TTL_SECONDS } from '../../../../../src/core/providers/gemini/explicitCache';
import type { ChatMessage, ChatRequest } from '../../../../../src/core/types';
import { geminiFake } from '../../../../fakes/geminiFake';
import { useFakeServer } from '../../../../fakes/useFakeServer';
import { geminiProvider, MODEL, run, until } from './harness';

/** A unique attachment of about `tokens` tokens, so tests never share a cache. */
const attachment = (label: string, tokens: number): string => `${label}\n${'line of attached code;\n'.repeat(Math.ceil((tokens * 4) / 22))}`;

function turn(label: string, tokens: number, questions: number): ChatRequest {
  const messages: ChatMessage[] = [{ role: 'system', content: 'You review code.' }, { role: 'user', content: attachment(label, tokens) }, { role: 'user', content: 'Q1' }];
  for (let q = 2; q <= questions; q++) messages.push({ role: 'assistant', content: `A${q - 1}` }, { role: 'user', content: `Q${q}` });
  return { model: MODEL, messages, cache: { key: `conv-${label}`, stablePrefixMessages: messages.length - 1 } };
}

describe('Gemini prompt caching (explicit cachedContents and implicit caching, through @google/genai)', () => {
  const fake = useFakeServer(() => [geminiFake()]);
  const big = GEMINI_EXPLICIT_CACHE_MIN_TOKENS + 2_000;
  const creates = () => fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/cachedContents'));
  const generates = () => fake.requests.filter((r) => r.path.includes(':streamGenerateContent'));

  it('a large attachment gets an explicit cache with a TTL; the request sends only what follows it and reads it', async () => {
    const provider = geminiProvider(fake);
    const first = await run(provider, turn('explicit', big, 1));
    assert.equal(first.error, undefined, first.error?.message);
    assert.equal(creates().length, 1);
    const created = creates()[0]?.body as { ttl?: string; systemInstruction?: unknown; contents?: unknown[] };
    assert.equal(created.ttl, `${GEMINI_EXPLICIT_CACHE_TTL_SECONDS}s`);
    assert.ok(created.systemInstruction !== undefined, 'the system prompt lives in the cache');
    const sent = generates().at(-1)?.body as { cachedContent?: string; contents: unknown[]; systemInstruction?: unknown };
    assert.match(sent.cachedContent ?? '', /^cachedContents\//);
    assert.equal(sent.contents.length, 1, 'only the question');
    assert.equal(sent.systemInstruction, undefined);
    assert.ok((first.usage?.cachedInputTokens ?? 0) >= big, `cachedContentTokenCount ${first.usage?.cachedInputTokens}`);

    const second = await run(provider, turn('explicit', big, 2));
    assert.equal(creates().length, 1, 'the follow-up reuses the cache');
    assert.equal((generates().at(-1)?.body as { cachedContent?: string }).cachedContent, sent.cachedContent);
    assert.ok((second.usage?.cachedInputTokens ?? 0) >= big);
  });

  it('a changed prefix gets a new cache, and the superseded one is deleted', async () => {
    const provider = geminiProvider(fake);
    await run(provider, turn('changed-a', big, 1));
    const old = (generates().at(-1)?.body as { cachedContent?: string }).cachedContent ?? '';
    await run(provider, { ...turn('changed-b', big, 1), cache: { key: 'conv-changed-a', stablePrefixMessages: 2 } });
    assert.equal(creates().length, 2);
    await until(() => fake.requests.some((r) => r.method === 'DELETE' && r.path.endsWith(old.slice('cachedContents/'.length))));
  });

  it('a cache Google no longer has (403 CachedContent not found): the request goes out whole, no failover', async () => {
    const provider = geminiProvider(fake);
    await run(provider, turn('vanished', big, 1));
    const name = (generates().at(-1)?.body as { cachedContent?: string }).cachedContent ?? '';
    const gone = await fetch(`${fake.baseUrls.gemini}/v1beta/${name}`, { method: 'DELETE', headers: { 'x-goog-api-key': 'AIza-test' } });
    assert.equal(gone.status, 200);
    const next = await run(provider, turn('vanished', big, 2));
    assert.equal(next.error, undefined, next.error?.message);
    assert.ok(next.text.length > 0);
    const [refused, whole] = generates().slice(-2).map((r) => r.body as { cachedContent?: string; contents: unknown[] });
    assert.equal(refused?.cachedContent, name);
    assert.equal(whole?.cachedContent, undefined);
    assert.equal(whole?.contents.length, 4, 'the attachment, the first question and answer, the new question');
  });

  it('a small prefix: no explicit cache, implicit caching reports a repeated prefix', async () => {
    const provider = geminiProvider(fake);
    await run(provider, turn('implicit', 3_000, 1));
    const again = await run(provider, turn('implicit', 3_000, 2));
    assert.equal(creates().length, 0);
    assert.ok((again.usage?.cachedInputTokens ?? 0) >= 1_024, `implicit read ${again.usage?.cachedInputTokens}`);
  });

  it('the fake refuses an unknown cache (403) and a system instruction beside a cache (400), as the API does', async () => {
    const url = `${fake.baseUrls.gemini}/v1beta/models/${MODEL}:generateContent`;
    const post = (body: unknown) => fetch(url, { method: 'POST', headers: { 'x-goog-api-key': 'AIza-test', 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const missing = await post({ cachedContent: 'cachedContents/nope', contents: [{ role: 'user', parts: [{ text: 'hi' }] }] });
    assert.equal(missing.status, 403);
    const create = await fetch(`${fake.baseUrls.gemini}/v1beta/cachedContents`, {
      method: 'POST', headers: { 'x-goog-api-key': 'AIza-test', 'content-type': 'application/json' },
      body: JSON.stringify({ model: `models/${MODEL}`, ttl: '60s', contents: [{ role: 'user', parts: [{ text: attachment('raw', 2_000) }] }] }),
    });
    const { name } = await create.json() as { name: string };
    const withSystem = await post({ cachedContent: name, systemInstruction: { parts: [{ text: 'x' }] }, contents: [{ role: 'user', parts: [{ text: 'hi' }] }] });
    assert.equal(withSystem.status, 400);
  });
});

describe('Gemini fake: cachedContents expire at their TTL', () => {
  let now = Date.parse('2026-12-06T02:00:00Z');
  const fake = useFakeServer(() => [geminiFake(() => now)]);

  it('get works until expireTime, then the cache is gone (403)', async () => {
    const headers = { 'x-goog-api-key': 'AIza-test', 'content-type': 'application/json' };
    const created = await fetch(`${fake.baseUrls.gemini}/v1beta/cachedContents`, {
      method: 'POST', headers,
      body: JSON.stringify({ model: `models/${MODEL}`, ttl: '60s', contents: [{ role: 'user', parts: [{ text: attachment('ttl', 2_000) }] }] }),
    });
    const body = await created.json() as { name: string; expireTime: string };
    assert.equal(Date.parse(body.expireTime), now + 60_000);
    assert.equal((await fetch(`${fake.baseUrls.gemini}/v1beta/${body.name}`, { headers })).status, 200);
    now += 61_000;
    assert.equal((await fetch(`${fake.baseUrls.gemini}/v1beta/${body.name}`, { headers })).status, 403);
  });
});
