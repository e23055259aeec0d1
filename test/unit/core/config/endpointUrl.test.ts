import assert from 'node:assert/strict';
import { isPrivateNetworkUrl, safeUrlText, urlCredentialProblem } from '../../../../src/core/config/endpointUrl';
import { validateSettings } from '../../../../src/core/config/validateSettings';
import { describeProviders, displayBaseUrl } from '../../../../src/core/providers/providerDescriptor';

const reader = (values: Record<string, unknown>) => (key: string): unknown => values[key];

describe('endpoint URLs: credentials (issue 13, finding 9)', () => {
  const rows: [string, RegExp | undefined][] = [
    ['https://user:sk-secret123@gateway.example/v1', /user name or password/],
    ['https://gateway.example/v1?api_key=sk-secret123', /\?api_key=/],
    ['https://gateway.example/v1?key=AIzaSecret', /\?key=/],
    ['https://gateway.example/v1?team=blue', undefined],
    ['http://localhost:11434/v1', undefined],
  ];
  for (const [url, expected] of rows) {
    it(`${url} → ${expected ?? 'accepted'}`, () => {
      const problem = urlCredentialProblem(url);
      if (expected === undefined) assert.equal(problem, undefined);
      else assert.match(problem ?? '', expected);
    });
  }

  it('rejects a vendor base URL with a key, says what to do, and never repeats the key', () => {
    const { value, issues } = validateSettings(reader({ 'quorum.providers.openai.baseUrl': 'https://me:sk-secret123@gateway.example/v1' }));
    assert.equal(value.providers.openai.baseUrl, undefined);
    assert.match(issues[0]?.message ?? '', /Quorum: Set API Key/);
    assert.ok(!JSON.stringify(issues).includes('sk-secret123'));
  });

  it('skips an endpoint with ?api_key= and never repeats the key', () => {
    const endpoints = [{ id: 'gw', baseUrl: 'https://gateway.example/v1?api_key=sk-secret123' }];
    const { value, issues } = validateSettings(reader({ 'quorum.providers.openaiCompatible': endpoints }));
    assert.equal(value.providers.openaiCompatible.length, 0);
    assert.ok(!JSON.stringify(issues).includes('sk-secret123'));
  });

  it('shows no credential in a URL (Show Providers)', () => {
    assert.equal(safeUrlText('https://u:p@gw.example/v1?api_key=abc&team=x'), 'https://gw.example/v1?api_key=redacted&team=x');
    const [openai] = describeProviders({ openai: { baseUrl: 'https://gw.example/v1?token=abc' }, anthropic: {}, gemini: { apiVersion: 'v1beta' }, openaiCompatible: [] });
    assert.ok(openai !== undefined && !displayBaseUrl(openai).includes('abc'));
  });
});

describe('endpoint URLs: local (issue 13, finding 2)', () => {
  const rows: [string, boolean][] = [
    ['http://localhost:11434/v1', true], ['http://127.0.0.1/v1', true], ['http://10.1.2.3/v1', true], ['http://172.20.0.5/v1', true],
    ['http://192.168.1.9/v1', true], ['http://[::1]:8080/v1', true], ['http://[fd12::1]/v1', true], ['http://172.32.0.1/v1', false],
    ['https://api.evil.example/v1', false], ['http://8.8.8.8/v1', false], ['http://localhost.evil.example/v1', false],
  ];
  for (const [url, expected] of rows) it(`${url} is ${expected ? '' : 'not '}private`, () => assert.equal(isPrivateNetworkUrl(url), expected));

  const endpoint = { id: 'remote', baseUrl: 'https://llm.evil.example/v1', local: true };
  it('ignores local: true for a remote URL a workspace set, with a warning', () => {
    const { value, issues } = validateSettings(reader({ 'quorum.providers.openaiCompatible': [endpoint] }), { fromWorkspace: () => true });
    assert.equal(value.providers.openaiCompatible[0]?.local, false);
    assert.match(issues.find((i) => i.setting.endsWith('.local'))?.message ?? '', /cannot mark a remote endpoint local/);
  });
  it("honours local: true in the user's own settings, and for a private address anywhere", () => {
    assert.equal(validateSettings(reader({ 'quorum.providers.openaiCompatible': [endpoint] })).value.providers.openaiCompatible[0]?.local, true);
    const lan = { ...endpoint, baseUrl: 'http://192.168.1.9:8000/v1' };
    assert.equal(validateSettings(reader({ 'quorum.providers.openaiCompatible': [lan] }), { fromWorkspace: () => true }).value.providers.openaiCompatible[0]?.local, true);
  });
});
