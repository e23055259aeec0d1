import assert from 'node:assert/strict';
import { ANTHROPIC_MAX_BREAKPOINTS, anthropicMinimumCacheTokens } from '../../../../../src/core/providers/anthropic/cacheBreakpoints';
import type { ChatMessage, ChatRequest, Usage } from '../../../../../src/core/types';
import { anthropicFake } from '../../../../fakes/anthropicFake';
import { ANTHROPIC_FAKE_TTL_MS } from '../../../../fakes/promptCache';
import { useFakeServer } from '../../../../fakes/useFakeServer';
import { collect, MODEL, providerOn } from './harness';

/** A unique file of about `tokens` tokens, so no test reads another's cache. */
const file = (label: string, tokens: number): string => `${label}: ${'const value = 1;\n'.repeat(Math.ceil((tokens * 4) / 17))}`;

function lastUsage(events: readonly { type: string; usage?: Usage }[]): Usage | undefined {
  return events.filter((e) => e.type === 'usage').at(-1)?.usage;
}

describe('Anthropic prompt caching (cache_control through the SDK, against the fake)', () => {
  let now = Date.parse('2026-12-06T02:00:00Z');
  const fake = useFakeServer(() => [anthropicFake({ now: () => now })]);
  const minimum = anthropicMinimumCacheTokens(MODEL);

  const conversation = (label: string, turns: number): ChatMessage[] => {
    const messages: ChatMessage[] = [{ role: 'system', content: 'You review code.' }, { role: 'user', content: file(label, minimum + 500) }, { role: 'user', content: 'Question 1' }];
    for (let t = 1; t <= turns; t++) messages.push({ role: 'assistant', content: `Answer ${t}` }, { role: 'user', content: `Question ${t + 1}` });
    return messages;
  };
  const send = async (messages: ChatMessage[], key = 'conv'): Promise<Usage | undefined> => {
    const request: ChatRequest = { model: MODEL, messages, cache: { key, stablePrefixMessages: messages.length - 1 } };
    const outcome = await collect(providerOn(fake), request);
    assert.equal(outcome.error, undefined, outcome.error?.message);
    return lastUsage(outcome.events);
  };

  it('a hint puts ephemeral breakpoints on the stable prefix only, never more than 4', async () => {
    await send(conversation('shape', 2));
    const body = fake.requests.at(-1)?.body as { system: unknown; messages: { content: unknown }[] };
    const marked = JSON.stringify(body).split('"cache_control":{"type":"ephemeral"}').length - 1;
    assert.ok(marked >= 1 && marked <= ANTHROPIC_MAX_BREAKPOINTS, `${marked} breakpoints`);
    const last = body.messages.at(-1)?.content;
    assert.equal(JSON.stringify(last).includes('cache_control'), false, 'the newest question is not cached');
    // The system prompt is short (below the minimum), so it carries no breakpoint of its own.
    assert.equal(typeof body.system, 'string');
  });

  it('turn 1 writes the prefix, turn 2 reads it (message_start and message_delta)', async () => {
    const first = await send(conversation('turns', 0));
    assert.ok((first?.cacheWriteTokens ?? 0) >= minimum, `write ${first?.cacheWriteTokens}`);
    assert.equal(first?.cachedInputTokens, 0);
    const second = await send(conversation('turns', 1));
    assert.equal(second?.cachedInputTokens, first?.cacheWriteTokens, 'the follow-up reads what turn 1 wrote');
    assert.ok((second?.cacheWriteTokens ?? 0) > 0, 'and writes its own new turn');
  });

  it('after the 5-minute TTL the prefix is written again (expired)', async () => {
    await send(conversation('ttl', 0));
    now += ANTHROPIC_FAKE_TTL_MS['5m'] + 1;
    const late = await send(conversation('ttl', 1));
    assert.equal(late?.cachedInputTokens, 0);
    assert.ok((late?.cacheWriteTokens ?? 0) > minimum);
  });

  it('a prefix below the model minimum gets no breakpoint and reports no cache', async () => {
    const messages: ChatMessage[] = [{ role: 'user', content: 'short' }, { role: 'assistant', content: 'ok' }, { role: 'user', content: 'again' }];
    const usage = await send(messages);
    assert.equal(JSON.stringify(fake.requests.at(-1)?.body).includes('cache_control'), false);
    assert.equal(usage?.cacheWriteTokens, 0);
  });

  it('without a hint nothing is marked (a one-off Ask pays no write premium)', async () => {
    const outcome = await collect(providerOn(fake), { model: MODEL, messages: conversation('nohint', 1) });
    assert.equal(JSON.stringify(fake.requests.at(-1)?.body).includes('cache_control'), false);
    assert.equal(lastUsage(outcome.events)?.cacheWriteTokens, 0);
  });

  it('the fake refuses a fifth breakpoint as the API does', async () => {
    const block = { type: 'text', text: 'x', cache_control: { type: 'ephemeral' } };
    const response = await fetch(`${fake.baseUrls.anthropic}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': 'sk-ant-test', 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, max_tokens: 5, messages: [{ role: 'user', content: [block, block, block, block, block] }] }),
    });
    assert.equal(response.status, 400);
    assert.match(JSON.stringify(await response.json()), /maximum of 4 blocks with cache_control/);
  });
});
