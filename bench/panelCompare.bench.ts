// panel.compare_wall: a Compare run of 3 models streaming at different speeds from the loopback fakes,
// through the real adapters, runner and fan-out. Wall time of the whole run / time of its slowest member
// run alone, measured interleaved in the same process. Target (issue 5): ratio <= 1.1.
import { startFanOut, type FanOutDeps } from '../src/core/ensemble/compare/fanOut';
import { systemClock } from '../src/core/ports';
import type { ModelRef } from '../src/core/types';
import { percentile, round } from './stats';
import { startRouteBench } from './routeHarness';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
/** Per-chunk delay of each member, ms: fast, medium, slow. */
const MEMBERS: readonly { readonly ref: ModelRef; readonly vendor: 'openai' | 'anthropic'; readonly perChunkMs: number }[] = [
  { ref: { provider: 'openai', model: 'gpt-6-luna' }, vendor: 'openai', perChunkMs: 2 },
  { ref: { provider: 'anthropic', model: 'claude-haiku-5-5' }, vendor: 'anthropic', perChunkMs: 5 },
  { ref: { provider: 'openai', model: 'gpt-6.2-sol' }, vendor: 'openai', perChunkMs: 10 },
];

async function main(): Promise<void> {
  const bench = await startRouteBench();
  const { runner } = bench.newRunner();
  const deps: FanOutDeps = {
    engine: { run: (ref, request, { signal }) => runner.run([ref], request, { signal, deadlineMs: 30_000, maxRetriesPerModel: 0, tryAnotherOnContentFilter: false }) },
    clock: systemClock,
    pricingOf: (ref) => bench.context.catalog.get(ref)?.pricing,
  };
  const request = { messages: [{ role: 'user' as const, content: 'Compare these: name one sorting algorithm and explain it briefly.' }] };
  const slowest = MEMBERS[MEMBERS.length - 1]!;
  const queue = (members: typeof MEMBERS) => {
    for (const m of members) bench.fake.enqueue({ vendor: m.vendor, model: m.ref.model, fault: { kind: 'latency', perChunkMs: m.perChunkMs } });
  };
  const timed = async (members: typeof MEMBERS): Promise<number> => {
    queue(members);
    const started = performance.now();
    const run = startFanOut(members.map((m, i) => ({ id: `c${i}`, ref: m.ref })), request, deps);
    const summaries = await run.idle();
    const wall = performance.now() - started;
    if (summaries.some((s) => s.status !== 'done')) throw new Error(`a column did not finish: ${JSON.stringify(summaries.map((s) => s.status))}`);
    return wall;
  };

  for (let i = 0; i < 3; i++) { await timed(MEMBERS); await timed([slowest]); }
  const ratios: number[] = [];
  const walls: number[] = [];
  const alone: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    bench.fake.reset();
    const slowAlone = await timed([slowest]);
    const wall = await timed(MEMBERS);
    walls.push(wall);
    alone.push(slowAlone);
    ratios.push(wall / slowAlone);
  }
  console.log(JSON.stringify({
    name: 'panel.compare_wall',
    runs: ROUNDS,
    columns: MEMBERS.length,
    p50_ms: round(percentile(walls, 50)),
    p99_ms: round(percentile(walls, 99)),
    baseline: 'slowest member run alone',
    baseline_p50_ms: round(percentile(alone, 50)),
    ratio_p50: round(percentile(ratios, 50)),
    ratio_p90: round(percentile(ratios, 90)),
    target_ratio: 1.1,
    per_chunk_ms: MEMBERS.map((m) => m.perChunkMs),
  }));
  await bench.close();
}

void main();
