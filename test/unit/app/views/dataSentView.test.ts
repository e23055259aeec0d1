import assert from 'node:assert/strict';
import { bytesText, dataSentMarkdown, DATA_SENT_ROWS } from '../../../../src/app/views/dataSentView';
import type { DataSentEntry } from '../../../../src/core/privacy/dataSent';

const SENT: DataSentEntry = {
  id: 'e1', ts: Date.UTC(2026, 11, 1, 9), feature: 'ask', outcome: 'sent', provider: 'openai', model: 'luna', origin: 'https://api.openai.com', retry: 0,
  bytes: 2048, files: ['src/a|b.ts'], images: 1, secrets: [{ what: 'private key', where: 'user message 1, line 2', action: 'redacted' }],
};
const BLOCKED: DataSentEntry = { id: 'e2', ts: SENT.ts + 1, feature: 'vote', outcome: 'blocked', bytes: 10, files: [], images: 0, secrets: [{ what: 'AWS access key', where: 'user message 1, line 1', action: 'blocked' }] };

describe('dataSentView', () => {
  it('says when nothing was sent', () => {
    assert.match(dataSentMarkdown([]), /Nothing has been sent from this workspace yet\./);
  });

  it('totals bytes per origin and lists entries newest first, cells escaped', () => {
    const markdown = dataSentMarkdown([SENT, { ...SENT, id: 'e3', retry: 1, provider: 'anthropic', model: 'haiku', origin: 'https://api.anthropic.com', bytes: 100 }, BLOCKED]);
    assert.match(markdown, /\*\*2 requests\*\* sent, \*\*1\*\* blocked\./);
    assert.match(markdown, /\| https:\/\/api\.openai\.com \| 2\.0 KB \|/);
    const rows = markdown.split('\n').filter((line) => /^\| .* \| (sent|blocked) \|/.test(line));
    assert.equal(rows.length, 3);
    assert.match(rows[0] ?? '', /\| vote \| blocked \| — \| — \| 10 B \| — \| 0 \| AWS access key \(user message 1, line 1\): blocked \|$/);
    assert.match(rows[1] ?? '', /anthropic\/haiku \(retry 1\)/);
    assert.match(rows[2] ?? '', /\| src\/a\\\|b\.ts \| 1 \| private key \(user message 1, line 2\): redacted \|$/);
  });

  it('shows at most DATA_SENT_ROWS rows and points to the export for the rest', () => {
    const many = Array.from({ length: DATA_SENT_ROWS + 5 }, (_, i) => ({ ...SENT, id: `e${i}`, ts: SENT.ts + i }));
    assert.match(dataSentMarkdown(many), /The 5 older entries are in the export\./);
  });

  it('writes sizes in B, KB and MB', () => {
    assert.deepEqual([bytesText(0), bytesText(1023), bytesText(1536), bytesText(5 * 1024 * 1024)], ['0 B', '1,023 B', '1.5 KB', '5.0 MB']);
  });
});
