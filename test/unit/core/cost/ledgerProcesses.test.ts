// The ledger across real processes: a writer killed with SIGKILL mid-run, and two writers appending to the
// same workspace at once while this process tails the files. Writers run fixtures/ledgerWriter.js (compiled
// next to this file) on the same Node as the tests.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ledger, ledgerFileName } from '../../../../src/core/cost/ledger';
import { parseLedgerLine, serializeLedgerRecord } from '../../../../src/core/cost/ledgerRecord';
import { nodeFileStore } from '../../../../src/vscode/nodeFileStore';
import { MONTH_EDGE_MS, sampleDraft } from './ledgerDrafts';
import { useTempDir } from './tempDir';

const WRITER = join(__dirname, 'fixtures', 'ledgerWriter.js');

interface Writer {
  /** Ids the writer printed, i.e. whose append had resolved. */
  readonly acked: string[];
  /** Called after each batch of acks arrives. */
  onAck: (count: number) => void;
  readonly kill: () => void;
  /** Resolves when the process exited and its stdout is drained. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

function startWriter(dir: string, count: number, prefix: string, inFlight: number, paceMs = 0): Writer {
  const child = spawn(process.execPath, [WRITER, dir, String(count), prefix, String(inFlight), String(paceMs)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let pending = '';
  let stderr = '';
  const writer: Writer = {
    acked: [],
    onAck: () => undefined,
    kill: () => child.kill('SIGKILL'),
    exited: new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr }))),
  };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    writer.acked.push(...lines);
    writer.onAck(writer.acked.length);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return writer;
}

/** Every line of every monthly file; the last element of each file is what follows its last "\n". */
function rawLines(dir: string): { complete: string[]; tails: string[] } {
  const complete: string[] = [];
  const tails: string[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.jsonl'))) {
    const lines = readFileSync(join(dir, name), 'utf8').split('\n');
    tails.push(lines.pop() ?? '');
    complete.push(...lines);
  }
  return { complete, tails };
}

const open = (dir: string): Promise<Ledger> => Ledger.open({ dir, workspace: 'ws-test', store: nodeFileStore });

describe('ledger across processes', function () {
  this.timeout(30_000);
  const tempDir = useTempDir();

  it('a writer killed with SIGKILL mid-run loses no acknowledged record and corrupts no line', async () => {
    const dir = tempDir();
    // Four appends in flight, each loop pausing 2 ms: ≥ 0.5 s of writing, so the kill lands mid-run.
    const writer = startWriter(dir, 1_000, 'k', 4, 2);
    writer.onAck = (count) => {
      if (count >= 150) writer.kill();
    };
    const exit = await writer.exited;
    assert.equal(exit.signal, 'SIGKILL', exit.stderr);
    assert.ok(writer.acked.length >= 150 && writer.acked.length < 1_000, `killed mid-run (${writer.acked.length} acked)`);
    // Whatever the kill left, plus the worst case it could leave: half a line at the end of the file.
    const torn = serializeLedgerRecord({ ...sampleDraft(5_000), id: 'torn', ts: MONTH_EDGE_MS, workspace: 'ws-test' });
    appendFileSync(join(dir, ledgerFileName(MONTH_EDGE_MS)), torn.slice(0, torn.length / 2));

    const reopened = await open(dir);
    const ids = new Set(reopened.records().map((r) => r.id));
    for (const id of writer.acked) assert.ok(ids.has(id), `acknowledged record ${id} is there`);
    assert.ok(!ids.has('torn'));
    assert.equal(reopened.stats().invalidLines, 0);
    const { complete } = rawLines(dir);
    for (const line of complete) assert.ok(parseLedgerLine(line), `no corrupt line before the tail: ${line.slice(0, 80)}`);

    const after = await reopened.append(sampleDraft(1, { id: 'after-crash', ts: MONTH_EDGE_MS }));
    const again = await open(dir);
    assert.ok(again.records().some((r) => r.id === after.id), 'an append after the crash reads back');
    assert.equal(again.stats().invalidLines, 1, 'only the torn tail, now fenced onto a line of its own, is skipped');
    assert.equal(again.records().length, reopened.records().length);
  });

  it('two processes appending 5,000 records each at once give exactly 10,000, and a tailing reader sees them all', async () => {
    const dir = tempDir();
    const reader = await open(dir);
    const writers = [startWriter(dir, 5_000, 'a', 4), startWriter(dir, 5_000, 'b', 4)];
    let running = true;
    const refreshes: number[] = [];
    const exits = Promise.all(writers.map((w) => w.exited)).finally(() => (running = false));
    while (running) {
      await reader.refresh();
      refreshes.push(reader.records().length);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    for (const exit of await exits) assert.equal(exit.code, 0, exit.stderr);
    await reader.refresh();

    const expected = new Set([...writers[0]!.acked, ...writers[1]!.acked]);
    assert.equal(expected.size, 10_000);
    const tailed = reader.records().map((r) => r.id);
    assert.equal(tailed.length, 10_000, 'no lost and no duplicated record');
    assert.deepEqual(new Set(tailed), expected);
    assert.equal(reader.stats().invalidLines, 0);
    assert.ok(refreshes.some((n) => n > 0 && n < 10_000), 'the reader saw the files while they grew');

    const fresh = await open(dir);
    assert.equal(fresh.records().length, 10_000);
    assert.equal(fresh.stats().invalidLines, 0);
    const { complete, tails } = rawLines(dir);
    // A blank line is allowed: a writer whose first look at a file caught the other's line half-written
    // (a write crossing a page boundary becomes visible in parts) starts its own line with a fence "\n".
    const lines = complete.filter((line) => line !== '');
    assert.equal(lines.length, 10_000, 'one line per record, none interleaved');
    assert.ok(lines.every((line) => parseLedgerLine(line) !== undefined));
    assert.deepEqual(tails, ['', ''], 'both monthly files end with a whole line');
  });
});
