import assert from 'node:assert/strict';
import { apiKeySecretName, providerIdOfSecret, validateApiKeyInput } from '../../../../src/core/keys/secretNames';
import { SecretRedactor } from '../../../../src/core/keys/secretRedactor';

describe('SecretRedactor', () => {
  it('removes every occurrence of a known secret', () => {
    const r = new SecretRedactor();
    r.add('my-gateway-token-123');
    assert.equal(r.redact('a my-gateway-token-123 b my-gateway-token-123'), 'a [redacted] b [redacted]');
  });

  it('ignores too-short secrets instead of shredding ordinary text', () => {
    const r = new SecretRedactor();
    r.add('abc');
    assert.equal(r.redact('abc abc'), 'abc abc');
  });

  it('forgets a deleted secret', () => {
    const r = new SecretRedactor();
    r.add('token-to-forget-1');
    r.delete('token-to-forget-1');
    assert.equal(r.redact('token-to-forget-1'), 'token-to-forget-1');
  });

  const shapes: [string, string, string][] = [
    ['OpenAI project key', 'key sk-proj-AbCdEfGhIjKlMnOpQrSt end', 'key [redacted] end'],
    ['Anthropic key', 'sk-ant-api03-abcdefghijklmnopqrstu', '[redacted]'],
    ['Google key', 'x AIzaSyA1234567890abcdefghijklmnopqrstu y', 'x [redacted] y'],
    ['Bearer token', 'Authorization: Bearer abcdefghijklmnop1234', 'Authorization: Bearer [redacted]'],
    ['ordinary words survive', 'the task-list is ready', 'the task-list is ready'],
  ];
  for (const [name, input, expected] of shapes) {
    it(`redacts key shapes nobody registered: ${name}`, () => assert.equal(new SecretRedactor().redact(input), expected));
  }
});

describe('secret names', () => {
  it('round-trips provider ids through secret names', () => {
    for (const id of ['openai', 'anthropic', 'gemini', 'compat:ollama']) {
      assert.equal(apiKeySecretName(id), `quorum.apiKey.${id}`);
      assert.equal(providerIdOfSecret(apiKeySecretName(id)), id);
    }
    assert.equal(providerIdOfSecret('other.secret'), undefined);
  });

  const inputs: [string, RegExp | undefined][] = [
    ['', /Enter the API key/],
    ['   ', /Enter the API key/],
    ['sk-abc def-ghijk', /no spaces/],
    ['short', /too short/],
    ['sk-valid-looking-key', undefined],
    ['  sk-padded-but-fine  ', undefined],
  ];
  for (const [input, expected] of inputs) {
    it(`validates pasted key ${JSON.stringify(input)}`, () => {
      const problem = validateApiKeyInput(input);
      if (expected === undefined) assert.equal(problem, undefined);
      else assert.match(problem ?? '', expected);
    });
  }
});
