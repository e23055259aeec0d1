import assert from 'node:assert/strict';
import { ProviderError } from '../../../../src/core/errors';
import { SecretRedactor } from '../../../../src/core/keys/secretRedactor';
import { cleanError, guardedProvider, refusingProvider } from '../../../../src/core/providers/guardedProvider';
import type { Provider } from '../../../../src/core/providers/provider';
import { cleanProviderText, MAX_PROVIDER_TEXT_CHARS } from '../../../../src/core/providers/providerText';

const KEY = 'sk-ant-api03-Zq7Xw3Vb9Nm2Lk5Jh8Gf4Ds1Ap6';

function redactor(): SecretRedactor {
  const r = new SecretRedactor();
  r.add(KEY);
  return r;
}

describe('cleanProviderText (issue 13, finding 3)', () => {
  const clean = (text: string) => cleanProviderText(text, (t) => redactor().redact(t), ['https://api.anthropic.com']);
  const rows: [string, string, RegExp, RegExp | undefined][] = [
    ['redacts the key', `bad key ${KEY}`, /\[redacted\]/, new RegExp(KEY)],
    ['removes a foreign link', 'see https://evil.example/login now', /\[link removed\]/, /evil\.example/],
    ['keeps a link to the configured origin', 'see https://api.anthropic.com/docs', /api\.anthropic\.com\/docs/, undefined],
  ];
  for (const [name, input, present, absent] of rows) {
    it(name, () => {
      const out = clean(input);
      assert.match(out, present);
      if (absent !== undefined) assert.doesNotMatch(out, absent);
    });
  }
  it('bounds the text, visibly', () => {
    const out = clean('y'.repeat(5_202));
    assert.equal(out.length, MAX_PROVIDER_TEXT_CHARS);
    assert.ok(out.endsWith('…'));
  });
});

describe('guardedProvider (issue 13, findings 3, 6 and 9)', () => {
  const clean = (text: string) => cleanProviderText(text, (t) => redactor().redact(t), []);
  const sdkError = Object.assign(new Error(`401 {"error":"invalid x-api-key ${KEY}"}`), { headers: { 'x-api-key': KEY } });
  const failing: Provider = {
    id: 'anthropic', kind: 'anthropic', displayName: 'Anthropic',
    // eslint-disable-next-line require-yield -- fails before the first event
    async *stream() {
      throw new ProviderError({ reason: 'invalidRequest', provider: 'anthropic', message: `rejected: ${KEY.toLowerCase()} ${KEY}`, cause: sdkError });
    },
    listModels: async () => {
      throw sdkError;
    },
  };

  it('cleans a stream error and keeps no SDK object (and so no key) as its cause', async () => {
    const provider = guardedProvider(failing, clean);
    await assert.rejects(async () => {
      for await (const _ of provider.stream({ model: 'm', messages: [] }, { signal: new AbortController().signal })) void _;
    }, (error: unknown) => {
      assert.ok(error instanceof ProviderError);
      assert.equal(error.reason, 'invalidRequest');
      assert.ok(!JSON.stringify({ message: error.message, cause: error.cause }).includes(KEY));
      assert.notEqual(error.cause, sdkError);
      return true;
    });
  });

  it('cleans a listing error', async () => {
    await assert.rejects(guardedProvider(failing, clean).listModels({ signal: new AbortController().signal }), (error: unknown) => {
      assert.ok(error instanceof Error && !error.message.includes(KEY));
      return true;
    });
  });

  it('keeps an abort recognisable', () => {
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
    assert.equal(cleanError(abort, clean).name, 'AbortError');
  });

  it('a refusing provider sends nothing and says why', async () => {
    const provider = refusingProvider('compat:x', 'openaiCompatible', 'X', 'Not sent: declined.');
    await assert.rejects(provider.listModels({ signal: new AbortController().signal }), /Not sent/);
  });
});
