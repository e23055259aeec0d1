import assert from 'node:assert/strict';
import { DATA_SENT_CSV_COLUMNS, dataSentCsv, dataSentJson, payloadSize, type DataSentEntry } from '../../../../src/core/privacy/dataSent';

const ENTRY: DataSentEntry = {
  id: 'e1', ts: Date.UTC(2026, 11, 1, 9, 30), feature: 'compare', outcome: 'sent', provider: 'openai', model: 'gpt-x', origin: 'https://api.openai.com', retry: 0,
  bytes: 1200, files: ['src/a.ts', '=cmd.ts'], images: 1, secrets: [{ what: 'GitHub API token', where: 'user message 1, line 2', action: 'redacted' }],
};

describe('dataSent', () => {
  it('counts UTF-8 bytes of text, base64 bytes and the number of images', () => {
    assert.deepEqual(payloadSize([
      { role: 'system', content: 'héllo' },
      { role: 'user', content: [{ type: 'text', text: 'abc' }, { type: 'image', mediaType: 'image/png', data: 'AAAA' }] },
    ]), { bytes: 6 + 3 + 4, images: 1 });
    assert.deepEqual(payloadSize([]), { bytes: 0, images: 0 });
  });

  it('exports CSV with a header, one row per entry, lists joined and formulas defused', () => {
    const blocked: DataSentEntry = { id: 'e2', ts: ENTRY.ts, feature: 'ask', outcome: 'blocked', bytes: 0, files: [], images: 0, secrets: [{ what: 'private key', where: 'user message 1, line 1', action: 'blocked' }] };
    const [header, first, second, end] = dataSentCsv([ENTRY, blocked]).split('\r\n');
    assert.equal(header, DATA_SENT_CSV_COLUMNS.join(','));
    assert.equal(first, "2026-12-01T09:30:00.000Z,compare,sent,openai,gpt-x,https://api.openai.com,0,1200,src/a.ts; =cmd.ts,1,GitHub API token (user message 1, line 2): redacted,e1".replace('GitHub API token (user message 1, line 2): redacted', '"GitHub API token (user message 1, line 2): redacted"'));
    assert.equal(second, '2026-12-01T09:30:00.000Z,ask,blocked,,,,,0,,0,"private key (user message 1, line 1): blocked",e2');
    assert.equal(end, '');
    assert.ok(dataSentCsv([{ ...ENTRY, files: ['=HYPERLINK("x")'] }]).includes(`"'=HYPERLINK(""x"")"`));
  });

  it('exports JSON with the entries as stored', () => {
    const parsed = JSON.parse(dataSentJson([ENTRY], ENTRY.ts)) as { exportedAt: string; entries: unknown[] };
    assert.equal(parsed.exportedAt, '2026-12-01T09:30:00.000Z');
    assert.deepEqual(parsed.entries, [ENTRY]);
  });
});
