import assert from 'node:assert/strict';
import { endpointOrigin } from '../../../../src/core/privacy/endpointOrigin';

describe('endpointOrigin', () => {
  const base = { id: 'openai', kind: 'openai' as const, displayName: 'OpenAI', requiresKey: true, local: false };
  it('is the vendor default when no base URL is set', () => assert.equal(endpointOrigin(base), 'https://api.openai.com'));
  it('keeps scheme, host and port, never path, query or credentials', () => {
    assert.equal(endpointOrigin({ ...base, id: 'compat:x', kind: 'openaiCompatible', baseUrl: 'http://user:pw@10.0.0.5:11434/v1?key=abc' }), 'http://10.0.0.5:11434');
  });
  it('is undefined for a base URL that is not a URL', () => assert.equal(endpointOrigin({ ...base, kind: 'openaiCompatible', baseUrl: 'not a url' }), undefined));
});
