import assert from 'node:assert/strict';
import { exactCacheKey, sha256Hex, type ExactCacheKeyInput } from '../../../../src/core/cache/exactCacheKey';

const base: ExactCacheKeyInput = {
  model: { provider: 'openai', model: 'gpt-6-luna' },
  messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Explain this code.' }],
  maxOutputTokens: 800,
  attachments: [{ path: 'src/a.ts', sha256: sha256Hex('const a = 1;') }, { path: 'src/b.ts', sha256: sha256Hex('const b = 2;') }],
};

describe('exactCacheKey', () => {
  it('is a stable SHA-256 hex of the request', () => {
    assert.match(exactCacheKey(base), /^[0-9a-f]{64}$/);
    assert.equal(exactCacheKey(base), exactCacheKey({ ...base, messages: base.messages.map((m) => ({ ...m })) }));
  });

  const changes: readonly [string, ExactCacheKeyInput][] = [
    ['another model', { ...base, model: { provider: 'openai', model: 'gpt-6.2-sol' } }],
    ['the same model id at another provider', { ...base, model: { provider: 'compat:x', model: 'gpt-6-luna' } }],
    ['another max output', { ...base, maxOutputTokens: 801 }],
    ['no max output', { ...base, maxOutputTokens: undefined }],
    ['a temperature', { ...base, temperature: 0.2 }],
    ['JSON response format', { ...base, responseFormat: 'json' }],
    ['one character of a message', { ...base, messages: [base.messages[0]!, { role: 'user', content: 'Explain this code!' }] }],
    ['a role', { ...base, messages: [{ role: 'user', content: 'Be brief.' }, base.messages[1]!] }],
    ['one more message', { ...base, messages: [...base.messages, { role: 'user', content: '' }] }],
    ['an image part', { ...base, messages: [{ role: 'user', content: [{ type: 'image', mediaType: 'image/png', data: 'AAAA' }] }] }],
    ['an attached file\'s content (hash)', { ...base, attachments: [{ path: 'src/a.ts', sha256: sha256Hex('const a = 2;') }, base.attachments[1]!] }],
    ['an attached file\'s path', { ...base, attachments: [{ path: 'src/c.ts', sha256: base.attachments[0]!.sha256 }, base.attachments[1]!] }],
    ['one attachment fewer', { ...base, attachments: [base.attachments[0]!] }],
  ];
  for (const [what, changed] of changes) {
    it(`changes with ${what}`, () => assert.notEqual(exactCacheKey(changed), exactCacheKey(base)));
  }

  it('does not depend on the order attachments were listed in', () => {
    assert.equal(exactCacheKey({ ...base, attachments: [...base.attachments].reverse() }), exactCacheKey(base));
  });

  it('tells image data apart without carrying it', () => {
    const image = (data: string): ExactCacheKeyInput => ({ ...base, messages: [{ role: 'user', content: [{ type: 'image', mediaType: 'image/png', data }] }] });
    assert.notEqual(exactCacheKey(image('AAAA')), exactCacheKey(image('AAAB')));
  });
});
