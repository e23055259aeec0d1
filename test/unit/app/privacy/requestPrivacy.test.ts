import assert from 'node:assert/strict';
import { createRequestPrivacy, type PrivacyPorts } from '../../../../src/app/privacy/requestPrivacy';
import type { SecretsMode } from '../../../../src/core/config/privacySchema';
import type { DataSentDraft } from '../../../../src/core/privacy/dataSent';
import type { ChatMessage } from '../../../../src/core/types';

const KEY = ['-----BEGIN PRIVATE KEY-----', 'MIIEvQIBADANfake', '-----END PRIVATE KEY-----'].join('\n');
const WITH_KEY: readonly ChatMessage[] = [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: `Why does this fail?\n${KEY}` }];
const CLEAN: readonly ChatMessage[] = [{ role: 'user', content: 'Is 7 prime?' }];
const luna = { provider: 'openai', model: 'luna' };

function ports(mode: SecretsMode): PrivacyPorts & { log: DataSentDraft[]; warnings: string[] } {
  const log: DataSentDraft[] = [];
  const warnings: string[] = [];
  return { log, warnings, secretsMode: () => mode, record: (d) => void log.push(d), originOf: (id) => (id === 'openai' ? 'https://api.openai.com' : undefined), warn: (m) => void warnings.push(m) };
}

describe('requestPrivacy', () => {
  it('passes clean messages through untouched and logs each attempt with origin, model, bytes and files', () => {
    const p = ports('redact');
    const session = createRequestPrivacy(p).begin('ask', ['src/a.ts']);
    const screened = session.screen(CLEAN);
    assert.ok(!('blocked' in screened));
    assert.equal(screened.messages, CLEAN);
    session.sent(luna, CLEAN, 0);
    session.sent({ provider: 'compat:x', model: 'm' }, CLEAN, 1);
    assert.deepEqual(p.log, [
      { feature: 'ask', outcome: 'sent', provider: 'openai', model: 'luna', origin: 'https://api.openai.com', retry: 0, bytes: 11, images: 0, files: ['src/a.ts'], secrets: [] },
      { feature: 'ask', outcome: 'sent', provider: 'compat:x', model: 'm', retry: 1, bytes: 11, images: 0, files: ['src/a.ts'], secrets: [] },
    ]);
  });

  it('redact: replaces the secret with a marker and the log says what was redacted where', () => {
    const p = ports('redact');
    const session = createRequestPrivacy(p).begin('compare');
    const screened = session.screen(WITH_KEY);
    assert.ok(!('blocked' in screened));
    const text = JSON.stringify(screened.messages);
    assert.ok(!text.includes('MIIEvQIBADANfake'));
    assert.ok(text.includes('[REDACTED private key]'));
    session.sent(luna, screened.messages, 0);
    assert.deepEqual(p.log[0]?.secrets, [{ what: 'private key', where: 'user message 2, line 2', action: 'redacted' }]);
    assert.deepEqual(p.warnings, []);
  });

  it('block: refuses with what was found where and how to proceed, and logs the blocked request', () => {
    const p = ports('block');
    const screened = createRequestPrivacy(p).begin('vote').screen(WITH_KEY);
    assert.ok('blocked' in screened);
    assert.match(screened.blocked, /did not send this request: it contains a private key \(user message 2, line 2\)\. Remove the secret .* quorum\.privacy\.secrets to "redact"/);
    assert.equal(p.log.length, 1);
    assert.equal(p.log[0]?.outcome, 'blocked');
    assert.equal(p.log[0]?.provider, undefined);
    assert.deepEqual(p.log[0]?.secrets, [{ what: 'private key', where: 'user message 2, line 2', action: 'blocked' }]);
  });

  it('warn: sends the messages as they are and tells the user once', () => {
    const p = ports('warn');
    const session = createRequestPrivacy(p).begin('ask');
    const screened = session.screen(WITH_KEY);
    assert.ok(!('blocked' in screened));
    assert.equal(screened.messages, WITH_KEY);
    assert.equal(p.warnings.length, 1);
    assert.match(p.warnings[0] ?? '', /found a private key \(user message 2, line 2\) in this ask request and is sending it as is/);
    session.sent(luna, screened.messages, 0);
    assert.equal(p.log[0]?.secrets[0]?.action, 'warned');
  });

  it('names a secret once however often the same messages are screened, and lists many findings briefly', () => {
    const p = ports('block');
    const many: ChatMessage[] = [{ role: 'user', content: Array.from({ length: 7 }, (_, i) => `TOKEN_${i}=abc123def${i}`).join('\n') }];
    const session = createRequestPrivacy(p).begin('ask');
    const first = session.screen(many);
    session.screen(many);
    assert.ok('blocked' in first);
    assert.match(first.blocked, /and 2 more\./);
    assert.equal(p.log.at(-1)?.secrets.length, 7);
  });
});
