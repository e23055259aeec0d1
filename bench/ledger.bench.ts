// ledger.append: one record appended and acknowledged (real files in a temp folder), against a bare
// fs.appendFile of the same line as the baseline, interleaved in blocks (DESIGN.md §7).
// ledger.query_100k: today / month / all-time totals over 100,000 records already in memory (issue 4
// target: ≤ 50 ms), plus the cold load of those records from disk and the memory they take.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Ledger, ledgerFileName } from '../src/core/cost/ledger';
import { modelStats, spendBy, spendSummary, type LocalTime } from '../src/core/cost/ledgerQueries';
import { serializeLedgerRecord, type LedgerRecord } from '../src/core/cost/ledgerRecord';
import { nodeFileStore } from '../src/vscode/nodeFileStore';
import { sampleDraft } from '../test/unit/core/cost/ledgerDrafts';
import { medianOfMedians, percentile, round } from './stats';

const APPENDS = Number(process.env.BENCH_ROUNDS ?? 2_000);
const BLOCKS = 20;
const RECORDS = 100_000;
const QUERY_RUNS = 50;
const LOADS = 3;

// A real collection between measurements, so the heap figure is the records and not garbage.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

async function benchAppend(root: string): Promise<void> {
  const ledger = await Ledger.open({ dir: join(root, 'append'), workspace: 'bench', store: nodeFileStore });
  const baselineFile = join(root, 'baseline.jsonl');
  const appendOne = async (i: number): Promise<number> => {
    const t0 = process.hrtime.bigint();
    await ledger.append(sampleDraft(i));
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  const appendRaw = async (i: number): Promise<number> => {
    const line = serializeLedgerRecord({ ...sampleDraft(i), id: `raw-${i}`, ts: Date.now(), workspace: 'bench' });
    const t0 = process.hrtime.bigint();
    await appendFile(baselineFile, line);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  for (let i = 0; i < 200; i++) {
    // Warm-up: JIT, file creation, page cache.
    await appendOne(i);
    await appendRaw(i);
  }
  const times: number[] = [];
  const baseline: number[] = [];
  const blockSize = Math.max(1, Math.floor(APPENDS / BLOCKS));
  for (let i = 0; i < APPENDS; i += blockSize) {
    for (let j = i; j < i + blockSize; j++) times.push(await appendOne(j));
    for (let j = i; j < i + blockSize; j++) baseline.push(await appendRaw(j));
  }
  const p50 = medianOfMedians(times, BLOCKS);
  const baselineP50 = medianOfMedians(baseline, BLOCKS);
  console.log(JSON.stringify({
    name: 'ledger.append',
    runs: times.length,
    p50_ms: round(p50, 4),
    p99_ms: round(percentile(times, 99), 4),
    max_ms: round(percentile(times, 100), 4),
    baseline: 'fs.appendFile of the same line',
    baseline_p50_ms: round(baselineP50, 4),
    ratio_p50: round(p50 / baselineP50, 2),
  }));
}

async function benchQuery(dir: string): Promise<void> {
  mkdirSync(dir);
  // 100k records over about four months, written straight to the monthly files.
  const start = Date.UTC(2024, 0, 1);
  const step = Math.floor((120 * 86_400_000) / RECORDS);
  const files = new Map<string, string[]>();
  let bytes = 0;
  for (let i = 0; i < RECORDS; i++) {
    const ts = start + i * step;
    const line = serializeLedgerRecord({ ...sampleDraft(i), id: `r${i}`, ts, workspace: 'bench' });
    bytes += Buffer.byteLength(line);
    const name = ledgerFileName(ts);
    let lines = files.get(name);
    if (lines === undefined) files.set(name, (lines = []));
    lines.push(line);
  }
  for (const [name, lines] of files) writeFileSync(join(dir, name), lines.join(''));
  files.clear();

  const loadOnce = async (): Promise<{ ledger: Ledger; ms: number; heapBytes: number }> => {
    collect();
    const heapBefore = process.memoryUsage().heapUsed;
    const t0 = process.hrtime.bigint();
    const ledger = await Ledger.open({ dir, workspace: 'bench', store: nodeFileStore });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    collect();
    return { ledger, ms, heapBytes: process.memoryUsage().heapUsed - heapBefore };
  };
  // Heap from the first load only: later ones run while the previous ledger may still be alive.
  const first = await loadOnce();
  const heapBytes = first.heapBytes;
  const loads = [first.ms];
  let ledger = first.ledger;
  for (let i = 1; i < LOADS; i++) {
    const next = await loadOnce();
    loads.push(next.ms);
    ledger = next.ledger;
  }
  const records: readonly LedgerRecord[] = ledger.records();
  if (records.length !== RECORDS) throw new Error(`loaded ${records.length} records, expected ${RECORDS}`);

  const at: LocalTime = { nowMs: start + 100 * 86_400_000, utcOffsetMinutes: 60 };
  const time = (query: () => unknown): number[] => {
    for (let i = 0; i < 5; i++) query(); // warm-up
    const out: number[] = [];
    for (let i = 0; i < QUERY_RUNS; i++) {
      const t0 = process.hrtime.bigint();
      query();
      out.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    return out;
  };
  const totals = time(() => spendSummary(records, at));
  const groups = time(() => ['model', 'provider', 'feature'].map((d) => spendBy(records, d as 'model')));
  const stats = time(() => modelStats(records));
  console.log(JSON.stringify({
    name: 'ledger.query_100k',
    runs: totals.length,
    records: records.length,
    p50_ms: round(percentile(totals, 50), 3),
    p99_ms: round(percentile(totals, 99), 3),
    target_ms: 50,
    by_dimension_p50_ms: round(percentile(groups, 50), 3),
    model_stats_p50_ms: round(percentile(stats, 50), 3),
    load_ms: round(percentile(loads, 50), 1),
    file_mb: round(bytes / 1e6, 1),
    heap_mb: round(heapBytes / 1e6, 1),
    heap_bytes_per_record: Math.round(heapBytes / RECORDS),
  }));
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'quorum-ledger-bench-'));
  try {
    await benchAppend(root);
    await benchQuery(join(root, 'query'));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
