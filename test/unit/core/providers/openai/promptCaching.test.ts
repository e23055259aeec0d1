import assert from 'node:assert/strict';
import type { ChatRequest } from '../../../../../src/core/types';
import { openaiFake } from '../../../../fakes/openaiFake';
import { useFakeServer } from '../../../../fakes/useFakeServer';
import { collect, providerFor, usageOf } from './harness';

const long = (label: string): string => `${label} ${'The quick brown fox jumps over the lazy dog. '.repeat(150)}`;

describe('OpenAI prompt caching (prompt_cache_key, automatic cached_tokens)', () => {
  const fake = useFakeServer(() => [openaiFake('openai'), openaiFake('openaiCompatible')]);
  const request = (label: string, question: string, model = 'gpt-5.4'): ChatRequest => ({
    model,
    messages: [{ role: 'user', content: long(label) }, { role: 'assistant', content: 'Read it.' }, { role: 'user', content: question }],
    cache: { key: `conv-${label}`, stablePrefixMessages: 2 },
  });

  it('sends prompt_cache_key from the hint; a repeated prefix of 1,024+ tokens is read in 128-token steps', async () => {
    const first = usageOf(await collect(providerFor(fake, 'openai').stream(request('oa', 'One?'), { signal: new AbortController().signal })));
    assert.equal((fake.requests.at(-1)?.body as { prompt_cache_key?: string }).prompt_cache_key, 'conv-oa');
    assert.equal(first?.cachedInputTokens, 0);
    const second = usageOf(await collect(providerFor(fake, 'openai').stream(request('oa', 'Two?'), { signal: new AbortController().signal })));
    const cached = second?.cachedInputTokens ?? 0;
    assert.ok(cached >= 1024, `cached ${cached}`);
    assert.equal((cached - 1024) % 128, 0, 'whole 128-token steps');
    assert.ok(cached < (second?.inputTokens ?? 0));
  });

  it('an OpenAI-compatible server is not sent prompt_cache_key', async () => {
    await collect(providerFor(fake, 'openaiCompatible').stream(request('compat', 'One?', 'llama3.2:latest'), { signal: new AbortController().signal }));
    assert.equal('prompt_cache_key' in (fake.requests.at(-1)?.body as object), false);
  });
});
