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

describe('SecretRedactor: every form a key is echoed in (issue 13, finding 6)', () => {
  const key = 'sk-proj-Zq7Xw3Vb9Nm2Lk5Jh8Gf4Ds1Ap6';
  const gatewayKey = 'gw-7f3a9c1e5b2d8f4a6c0e';
  // A gateway token Quorum never stored: only its context (a header, a field) gives it away.
  const unknownToken = 'tok-9d8c7b6a5f4e3d2c';
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  const probes: [string, string][] = [
    ['as is', `key ${key} end`],
    ['split across lines', `key ${key.slice(0, 12)}\n${key.slice(12)} end`],
    ['URL-encoded', `url ?k=${[...key].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('')}`],
    ['base64', `blob ${b64(key)}`],
    ['Basic auth', `Authorization: Basic ${b64(`user:${gatewayKey}`)}`],
    ['lower-case bearer', `authorization: bearer ${unknownToken}`],
    ['x-api-key header', `x-api-key: ${unknownToken}`],
    ['password in a URL', 'https://me:hunter2secret@gateway.example/v1'],
    ['zero-width characters inside', `key ${key.slice(0, 10)}\u200b${key.slice(10, 20)}\u2060${key.slice(20)}`],
    ['glued to a word', `mykey${key}and more`],
    ['Groq gsk_ key', 'gsk_4bQ9zX1mN7vK2pL8rT5wY3cF6hJ0dS'],
    ['xAI xai- key', 'xai-8Hk2Lm9Np4Qr7St1Uv6Wx3Yz5Ab0Cd'],
    ['masked echo of a known key', `Incorrect API key provided: ${key.slice(0, 7)}**********${key.slice(-4)}`],
    ['masked echo, ellipsis', `key ${key.slice(0, 4)}…${key.slice(-4)}`],
    ['query parameter', 'https://gateway.example/v1?api_key=a1b2c3d4e5f6'],
    ['JSON field', `{"api_key": "${unknownToken}"}`],
  ];
  for (const [name, text] of probes) {
    it(`redacts ${name}`, () => {
      const r = new SecretRedactor();
      r.add(key);
      r.add(gatewayKey);
      const out = r.redact(text);
      assert.match(out, /\[redacted\]/);
      for (const secret of [key, gatewayKey, unknownToken, 'hunter2secret', 'a1b2c3d4e5f6', key.slice(-4)]) assert.ok(!out.replace(/\s|\u200b|\u2060/g, '').includes(secret), `${secret} in ${out}`);
    });
  }

  const prose: string[] = ['a basic question about bearer authentication', 'the task-management-system is ready', 'Loading… done', '**bold** text'];
  for (const text of prose) it(`keeps prose: ${text}`, () => assert.equal(new SecretRedactor().redact(text), text));
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
