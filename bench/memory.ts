// `node out/bench/memory.js` (Node 24, with --expose-gc): where Quorum's memory goes, each figure from a fresh
// child process against the loopback fakes running in another process.
// - startup: RSS and heap added by what the first Ask loads (the vendor bundle, the tokenizer), next to the
//   bare OpenAI SDK;
// - sequential: 10,000 streamed requests one after another, through Quorum (adapter under the fallback
//   runner) and through the bare SDK, sampling RSS and heap (after a GC) every 1,000; `levels_off` says
//   whether the second half grew by less than a tenth of the first half's growth.
// Prints one JSON line per figure.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { silentLogger, systemClock } from '../src/core/ports';
import { createOpenAIProvider } from '../src/core/providers/openai/provider';
import { abortableSleep } from '../src/core/resilience/backoff';
import { BreakerRegistry } from '../src/core/resilience/breaker';
import { FallbackRunner } from '../src/core/resilience/fallbackRunner';
import { HealthMonitor } from '../src/core/resilience/health';
import { EventLoopLag } from '../src/core/resilience/loopLag';
import { startFakesProcess } from './fakesProcess';
import { round } from './stats';

const REQUESTS = Number(process.env.MEM_REQUESTS ?? 10_000);
const EVERY = Math.max(1, Math.floor(REQUESTS / 10));
const KEY = 'bench-key-000000';
const PROMPT = 'Summarise the benefits of streaming responses in two sentences.';
const ROOT = join(__dirname, '..', '..');

const mib = (bytes: number): number => round(bytes / 2 ** 20, 1);

function settled(): NodeJS.MemoryUsage {
  global.gc?.();
  return process.memoryUsage();
}

/** Child: `REQUESTS` sequential streamed requests; memory every `EVERY`. */
async function sequential(side: 'quorum' | 'sdk'): Promise<void> {
  const fakes = await startFakesProcess();
  const baseUrl = fakes.baseUrls.openai;
  let call: () => Promise<void>;
  if (side === 'quorum') {
    const provider = createOpenAIProvider({ id: 'openai', displayName: 'OpenAI', apiKey: KEY, baseUrl });
    const breakers = new BreakerRegistry(systemClock);
    const runner = new FallbackRunner({
      getProvider: async () => provider, breakers, health: new HealthMonitor({ clock: systemClock, breakers }), clock: systemClock,
      sleep: abortableSleep, random: Math.random, logger: silentLogger, loopLag: new EventLoopLag().start(),
    });
    call = async () => {
      const run = runner.run([{ provider: 'openai', model: 'gpt-mem' }], { messages: [{ role: 'user', content: PROMPT }], maxOutputTokens: 256 }, {
        signal: new AbortController().signal, deadlineMs: 30_000, maxRetriesPerModel: 0, tryAnotherOnContentFilter: false,
      });
      for await (const _ of run) void _;
    };
  } else {
    const { OpenAI } = await import('openai');
    const client = new OpenAI({ apiKey: KEY, baseURL: baseUrl, maxRetries: 0 });
    call = async () => {
      const stream = await client.chat.completions.create({ model: 'gpt-mem', messages: [{ role: 'user', content: PROMPT }], max_completion_tokens: 256, stream: true, stream_options: { include_usage: true } });
      for await (const _ of stream) void _;
    };
  }
  await call();
  const start = settled();
  const rss: number[] = [];
  const heap: number[] = [];
  for (let i = 1; i <= REQUESTS; i++) {
    await call();
    if (i % EVERY === 0) {
      const m = settled();
      rss.push(mib(m.rss - start.rss));
      heap.push(mib(m.heapUsed - start.heapUsed));
    }
  }
  await fakes.close();
  const half = Math.floor(rss.length / 2);
  const firstHalf = (rss[half - 1] ?? 0) - 0;
  const secondHalf = (rss.at(-1) ?? 0) - (rss[half - 1] ?? 0);
  console.log(JSON.stringify({ rss_growth_mib: rss, heap_growth_mib: heap, levels_off: secondHalf <= Math.max(1, firstHalf / 10) }));
}

function child(args: readonly string[]): unknown {
  const run = spawnSync(process.execPath, ['--expose-gc', ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (run.status !== 0) throw new Error(`memory child ${args.join(' ')} failed (${run.status})`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}');
}

/**
 * A child that loads nothing but `modules` (this file's own imports would load the SDK first) and prints the
 * RSS and heap they added, after a GC on both sides.
 */
function startup(modules: readonly string[]): unknown {
  const code = `const m = () => { gc(); return process.memoryUsage(); }; const a = m();
${modules.map((module) => `require(${JSON.stringify(module)});`).join(' ')}
const b = m(); console.log(JSON.stringify({ rss_mib: Math.round((b.rss - a.rss) / 104857.6) / 10, heap_mib: Math.round((b.heapUsed - a.heapUsed) / 104857.6) / 10 }));`;
  return child(['-e', code]);
}

function main(): void {
  const [mode, arg] = process.argv.slice(2);
  if (mode === 'sequential') {
    sequential(arg === 'sdk' ? 'sdk' : 'quorum').catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
    return;
  }
  const loads: Record<string, readonly string[]> = {
    bare_openai_sdk: ['openai'],
    quorum_vendor_bundle: ['./dist/providers.js'],
    quorum_tokenizer: ['./dist/tokenizer.js'],
    quorum_first_ask: ['./dist/providers.js', './dist/tokenizer.js'],
  };
  const startupFigures = Object.fromEntries(Object.entries(loads).map(([name, modules]) => [name, startup(modules)]));
  console.log(JSON.stringify({ name: 'memory.startup', ...startupFigures }));
  console.log(JSON.stringify({ name: 'memory.sequential', requests: REQUESTS, every: EVERY, quorum: child([__filename, 'sequential', 'quorum']), bare_sdk: child([__filename, 'sequential', 'sdk']) }));
}

main();
