import assert from 'node:assert/strict';
import { appendFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ledger, ledgerFileName, workspaceLedgerKey } from '../../../../src/core/cost/ledger';
import { serializeLedgerRecord } from '../../../../src/core/cost/ledgerRecord';
import { spendTotals } from '../../../../src/core/cost/ledgerQueries';
import type { FileStore } from '../../../../src/core/ports';
import { nodeFileStore } from '../../../../src/vscode/nodeFileStore';
import { FakeClock } from '../resilience/fakeClock';
import { MONTH_EDGE_MS, sampleDraft } from './ledgerDrafts';
import { useTempDir } from './tempDir';

describe('ledger', () => {
  const tempDir = useTempDir();
  const open = (clock = new FakeClock(MONTH_EDGE_MS)): Promise<Ledger> =>
    Ledger.open({ dir: tempDir(), workspace: 'ws-1', store: nodeFileStore, clock });
  const fileOf = (ts = MONTH_EDGE_MS): string => join(tempDir(), ledgerFileName(ts));
  const lineOf = (i: number): string => serializeLedgerRecord({ ...sampleDraft(i), id: `r${i}`, ts: MONTH_EDGE_MS, workspace: 'ws-1' });

  it('round-trips records through the file, unknown usage and cost staying absent', async () => {
    const writer = await open();
    const written = [
      await writer.append(sampleDraft(0)),
      await writer.append(sampleDraft(9)), // unpriced: no costUsd
      await writer.append(sampleDraft(7)), // cache hit: usage {}, no attempts
    ];
    const reader = await open();
    assert.deepEqual(reader.records(), written);
    assert.equal(reader.records()[1]?.costUsd, undefined);
    assert.deepEqual(Object.values(reader.records()[2]?.usage ?? { x: 1 }).filter((v) => v !== undefined), []);
    const line = readFileSync(fileOf(), 'utf8').split('\n')[1] ?? '';
    assert.ok(!line.includes('costUsd') && !line.includes('null'), 'unknown cost is an absent field on disk');
    assert.deepEqual(reader.stats(), { records: 3, invalidLines: 0, files: 1 });
  });

  it('fills id, ts (from the clock) and workspace; keeps a caller-given id and ts', async () => {
    const ledger = await open(new FakeClock(1_700_000_000_000));
    const filled = await ledger.append(sampleDraft(1));
    assert.match(filled.id, /^[0-9a-f-]{36}$/);
    assert.equal(filled.ts, 1_700_000_000_000);
    assert.equal(filled.workspace, 'ws-1');
    const given = await ledger.append(sampleDraft(2, { id: 'mine', ts: 5 }));
    assert.equal(given.id, 'mine');
    assert.equal(given.ts, 5);
  });

  it('rejects, without writing, a record that would not read back valid', async () => {
    const ledger = await open();
    await assert.rejects(ledger.append(sampleDraft(0, { latencyMs: Number.NaN })), /Invalid ledger record/);
    await assert.rejects(ledger.append(sampleDraft(0, { usage: { inputTokens: -1 } })), /Invalid ledger record/);
    assert.deepEqual(readdirSync(tempDir()), []);
    assert.equal(ledger.records().length, 0);
  });

  it('rolls over to a new file per UTC month', async () => {
    const ledger = await open();
    await ledger.append(sampleDraft(0, { ts: Date.UTC(2024, 0, 31, 23, 59, 59, 999) }));
    await ledger.append(sampleDraft(1, { ts: Date.UTC(2024, 1, 1) }));
    await ledger.append(sampleDraft(2, { ts: Date.UTC(2024, 11, 31, 23, 59) }));
    await ledger.append(sampleDraft(3, { ts: Date.UTC(2025, 0, 1) }));
    assert.deepEqual(readdirSync(tempDir()).sort(), ['2024-01.jsonl', '2024-02.jsonl', '2024-12.jsonl', '2025-01.jsonl']);
    const reopened = await open();
    assert.equal(reopened.records().length, 4);
    assert.equal(reopened.stats().files, 4);
  });

  it('skips and counts lines that are not valid records; blank lines are not counted', async () => {
    writeFileSync(fileOf(), [lineOf(1), 'not json\n', '\n', '{"id":"x","ts":"yesterday"}\n', '[]\n', lineOf(2)].join(''));
    const ledger = await open();
    assert.deepEqual(ledger.records().map((r) => r.id), ['r1', 'r2']);
    assert.equal(ledger.stats().invalidLines, 3);
  });

  it('skips a torn last line and keeps the next append on a line of its own', async () => {
    const whole = lineOf(1);
    writeFileSync(fileOf(), whole + lineOf(2).slice(0, 40)); // killed mid-write of r2
    const ledger = await open();
    assert.deepEqual(ledger.records().map((r) => r.id), ['r1'], 'a partial line is not read');
    assert.equal(ledger.stats().invalidLines, 0, 'a partial last line may still be in progress: not yet invalid');
    await ledger.append(sampleDraft(3, { id: 'r3', ts: MONTH_EDGE_MS }));
    const reopened = await open();
    assert.deepEqual(reopened.records().map((r) => r.id), ['r1', 'r3']);
    assert.equal(reopened.stats().invalidLines, 1, 'the torn line, fenced off by "\\n"');
    const lines = readFileSync(fileOf(), 'utf8').split('\n');
    assert.equal(lines.length, 4);
    assert.equal(lines[3], '');
  });

  it('recovers a record glued to a torn tail another window left after this one checked the file', async () => {
    const ledger = await open();
    await ledger.append(sampleDraft(1, { id: 'r1', ts: MONTH_EDGE_MS }));
    appendFileSync(fileOf(), lineOf(2).slice(0, 55)); // another window died mid-write
    await ledger.append(sampleDraft(3, { id: 'r3', ts: MONTH_EDGE_MS }));
    const reopened = await open();
    assert.deepEqual(reopened.records().map((r) => r.id), ['r1', 'r3']);
  });

  it('reads complete lines only: a line still being written is picked up once it ends', async () => {
    const ledger = await open();
    const line = lineOf(1);
    appendFileSync(fileOf(), line.slice(0, 30));
    assert.equal(await ledger.refresh(), 0);
    appendFileSync(fileOf(), line.slice(30));
    assert.equal(await ledger.refresh(), 1);
    assert.equal(ledger.stats().invalidLines, 0);
  });

  it('picks up another instance\'s appends on refresh, never twice, dropping repeated ids', async () => {
    const a = await open();
    const b = await open();
    await a.append(sampleDraft(1, { id: 'r1' }));
    await b.append(sampleDraft(2, { id: 'r2' }));
    assert.equal(await b.refresh(), 1);
    assert.equal(await a.refresh(), 1);
    assert.equal(await a.refresh(), 0);
    appendFileSync(fileOf(), lineOf(1)); // the same id again
    assert.equal(await b.refresh(), 0);
    assert.deepEqual(a.records().map((r) => r.id).sort(), ['r1', 'r2']);
    assert.deepEqual(b.records().map((r) => r.id).sort(), ['r1', 'r2']);
  });

  it('loads a month larger than one read chunk, lines split across chunk boundaries', async () => {
    const lines: string[] = [];
    // Multi-byte characters in every line, so chunk boundaries also fall inside characters.
    const routeReason = 'résumé → 🙂 cheapest capable model';
    for (let i = 0; i < 12_000; i++) lines.push(serializeLedgerRecord({ ...sampleDraft(i), routeReason, id: `r${i}`, ts: MONTH_EDGE_MS, workspace: 'ws-1' }));
    writeFileSync(fileOf(), lines.join(''));
    assert.ok(Buffer.byteLength(lines.join('')) > 4 * 1024 * 1024);
    const ledger = await open();
    assert.equal(ledger.records().length, 12_000);
    assert.equal(ledger.stats().invalidLines, 0);
    assert.equal(new Set(ledger.records().map((r) => r.id)).size, 12_000);
    assert.ok(ledger.records().every((r) => r.routeReason === routeReason));
  });

  it('archive moves every file into archive-<time>/, empties the totals here and, on refresh, elsewhere', async () => {
    const a = await open();
    const b = await open();
    await a.append(sampleDraft(1, { ts: Date.UTC(2024, 0, 5) }));
    await a.append(sampleDraft(2, { ts: Date.UTC(2024, 1, 5) }));
    await b.refresh();
    const target = await a.archive();
    assert.ok(target !== undefined);
    assert.match(target, /archive-2024-01-31T23-00-00-000Z-[0-9a-f]{8}$/);
    assert.deepEqual(readdirSync(target).sort(), ['2024-01.jsonl', '2024-02.jsonl']);
    assert.deepEqual(readdirSync(tempDir()).filter((n) => n.endsWith('.jsonl')), []);
    assert.equal(spendTotals(a.records()).calls, 0);
    await b.refresh();
    assert.equal(spendTotals(b.records()).calls, 0);
    await b.append(sampleDraft(3, { ts: Date.UTC(2024, 1, 6) }));
    await a.refresh();
    assert.equal(a.records().length, 1);
    assert.ok(await a.archive());
    assert.equal(await a.archive(), undefined, 'nothing left to archive');
  });

  it('an append whose write lands just before an archive leaves the record archived, not in the totals', async () => {
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let holdNext = false;
    const store: FileStore = {
      ...nodeFileStore,
      append: async (path, data) => {
        await nodeFileStore.append(path, data);
        if (holdNext) await gate; // written, not yet acknowledged
      },
    };
    const ledger = await Ledger.open({ dir: tempDir(), workspace: 'ws-1', store, clock: new FakeClock(MONTH_EDGE_MS) });
    await ledger.append(sampleDraft(1));
    holdNext = true;
    const pending = ledger.append(sampleDraft(2, { id: 'straddler' }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const target = await ledger.archive();
    release();
    await pending;
    await ledger.refresh();
    assert.deepEqual(ledger.records(), []);
    assert.match(readFileSync(join(target ?? '', ledgerFileName(MONTH_EDGE_MS)), 'utf8'), /"straddler"/);
  });

  it('recreates its folder when it was removed under it', async () => {
    const ledger = await open();
    rmSync(tempDir(), { recursive: true });
    await ledger.append(sampleDraft(1, { id: 'again' }));
    assert.deepEqual((await open()).records().map((r) => r.id), ['again']);
  });

  it('tells listeners about new records', async () => {
    const a = await open();
    const b = await open();
    let changes = 0;
    const subscription = b.onDidChange(() => changes++);
    await b.append(sampleDraft(1));
    await a.append(sampleDraft(2));
    await b.refresh();
    assert.equal(changes, 2);
    subscription.dispose();
    await b.append(sampleDraft(3));
    assert.equal(changes, 2);
  });

  it('names a workspace folder by a stable hash without path characters', () => {
    assert.equal(workspaceLedgerKey('file:///home/me/project'), workspaceLedgerKey('file:///home/me/project'));
    assert.notEqual(workspaceLedgerKey('file:///home/me/project'), workspaceLedgerKey('file:///home/me/other'));
    assert.match(workspaceLedgerKey('file:///c%3A/work'), /^[0-9a-f]{16}$/);
  });
});
