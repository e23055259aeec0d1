import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSentDraft } from '../../../../src/core/privacy/dataSent';
import { DataSentLog, dayFile } from '../../../../src/core/privacy/dataSentLog';
import { nodeFileStore } from '../../../../src/vscode/nodeFileStore';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 11, 1, 12);
const DRAFT: DataSentDraft = {
  feature: 'ask', outcome: 'sent', provider: 'openai', model: 'gpt-x', origin: 'https://api.openai.com', retry: 0, bytes: 42, files: ['src/a.ts'], images: 0,
  secrets: [{ what: 'private key', where: 'user message 1, line 2', action: 'redacted' }],
};

describe('DataSentLog', () => {
  let dir: string;
  let now: number;
  const open = (extra: { maxAgeDays?: number; maxBytes?: number } = {}) => DataSentLog.open({ dir, store: nodeFileStore, clock: { now: () => now }, ...extra });

  beforeEach(async () => {
    dir = await fs.mkdtemp(join(tmpdir(), 'quorum-sent-'));
    now = T0;
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('appends one JSON line per entry to the day file and reads them back in time order', async () => {
    const log = await open();
    const first = await log.append(DRAFT);
    now += 1000;
    await log.append({ ...DRAFT, provider: 'anthropic', retry: 1 });
    assert.deepEqual((await fs.readdir(dir)), [dayFile(T0)]);
    const entries = await log.entries();
    assert.deepEqual(entries.map((e) => [e.provider, e.retry, e.ts]), [['openai', 0, T0], ['anthropic', 1, T0 + 1000]]);
    assert.deepEqual(entries[0], first);
  });

  it('sees what another window appended, and skips torn or invalid lines without losing the next entry', async () => {
    const log = await open();
    await log.append(DRAFT);
    await fs.appendFile(join(dir, dayFile(T0)), '{"id":"x","ts":1,"feat');
    const other = await open();
    await other.append({ ...DRAFT, model: 'after-tear' });
    await fs.appendFile(join(dir, dayFile(T0)), '{"not":"an entry"}\n');
    assert.deepEqual((await log.entries()).map((e) => e.model), ['gpt-x', 'after-tear']);
  });

  it('removes days past the age cap', async () => {
    const log = await open({ maxAgeDays: 2 });
    await log.append(DRAFT);
    now = T0 + DAY;
    await log.append(DRAFT);
    now = T0 + 3 * DAY;
    await log.append(DRAFT);
    assert.deepEqual((await fs.readdir(dir)).sort(), [dayFile(T0 + DAY), dayFile(T0 + 3 * DAY)]);
    assert.equal((await log.entries()).length, 2);
  });

  it('removes the oldest days past the size cap, never the newest', async () => {
    for (let day = 0; day < 4; day += 1) {
      await fs.writeFile(join(dir, dayFile(T0 - (3 - day) * DAY)), `${JSON.stringify({ ...DRAFT, id: `d${day}`, ts: T0 - (3 - day) * DAY })}\n`.repeat(10));
    }
    const size = (await fs.stat(join(dir, dayFile(T0)))).size;
    const log = await open({ maxBytes: size * 2 });
    assert.deepEqual((await fs.readdir(dir)).sort(), [dayFile(T0 - DAY), dayFile(T0)]);
    assert.equal((await log.entries()).length, 20);
    const tiny = await open({ maxBytes: 1 });
    assert.deepEqual((await fs.readdir(dir)), [dayFile(T0)]);
    assert.equal((await tiny.entries()).length, 10);
  });
});
