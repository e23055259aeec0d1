// `npm run soak` (not part of `npm test`): 1,000 concurrent streamed requests through the real adapters and
// the fallback runner, against the loopback fakes in another process. Chain: OpenAI (~70 % faulted) →
// Anthropic (~50 %) → Gemini (healthy). Faults: 429 with Retry-After, 500, reset mid-stream, truncated
// stream, hang before headers, malformed SSE. One configuration per child process (clean memory figures):
// the product's default deadlines, a 2 s first-token timeout, and that again with the event loop 60 % busy
// with other work (a saturated extension host). Each prints one JSON line; the exit code
// is non-zero when a run did not answer every request or showed duplicated text.
import { spawnSync } from 'node:child_process';
import { silentLogger, systemClock } from '../src/core/ports';
import { createAnthropicProvider } from '../src/core/providers/anthropic/provider';
import { createGeminiProvider } from '../src/core/providers/gemini/provider';
import { createOpenAIProvider } from '../src/core/providers/openai/provider';
import type { Provider } from '../src/core/providers/provider';
import { abortableSleep } from '../src/core/resilience/backoff';
import { BreakerRegistry } from '../src/core/resilience/breaker';
import { FallbackError } from '../src/core/resilience/fallbackErrors';
import { FallbackRunner } from '../src/core/resilience/fallbackRunner';
import { HealthMonitor } from '../src/core/resilience/health';
import { EventLoopLag } from '../src/core/resilience/loopLag';
import type { ModelRef } from '../src/core/types';
import type { Fault, Scenario, VendorId } from '../test/fakes/scenario';
import { seededRandom } from '../test/fakes/script';
import { startFakesProcess } from './fakesProcess';
import { percentile, round } from './stats';

const REQUESTS = Number(process.env.SOAK_REQUESTS ?? 1000);
/** The whole run is cut off here, in ms: anything unanswered by then counts as not answered. */
const TIME_CAP_MS = Number(process.env.SOAK_TIME_CAP_MS ?? 240_000);
/** `hostBusy`: the share of every 10 ms this process spends busy elsewhere, as a saturated extension host does. */
const CONFIGS: ReadonlyArray<{ name: string; firstTokenMs: number; hostBusy: number }> = [
  { name: 'default deadlines', firstTokenMs: 60_000, hostBusy: 0 },
  { name: '2 s first-token timeout', firstTokenMs: 2_000, hostBusy: 0 },
  { name: '2 s first-token timeout, host 60 % busy', firstTokenMs: 2_000, hostBusy: 0.6 },
];
const ANSWER = 'Streaming shows an answer while it is written; when a provider fails after the first words, another model continues it without repeating them.';
const FAULTS: readonly Fault[] = [
  { kind: 'rate-limit', retryAfter: '1' },
  { kind: 'server-error', status: 500 },
  { kind: 'reset', afterChunks: 3 },
  { kind: 'truncate', afterChunks: 3 },
  { kind: 'hang-headers' },
  { kind: 'malformed', afterChunks: 2 },
];
const CHAIN: readonly ModelRef[] = [
  { provider: 'openai', model: 'gpt-soak' },
  { provider: 'anthropic', model: 'claude-soak' },
  { provider: 'gemini', model: 'gemini-soak' },
];

/** `count` scenarios for one model, `share` of them faulted (kinds drawn evenly), then healthy for good. */
function faultMix(vendor: VendorId, model: string, share: number, count: number, random: () => number): Scenario[] {
  const out: Scenario[] = [];
  for (let i = 0; i < count; i++) {
    out.push(random() < share ? { vendor, model, answer: ANSWER, fault: FAULTS[Math.floor(random() * FAULTS.length)] as Fault } : { vendor, model, answer: ANSWER });
  }
  out.push({ vendor, model, answer: ANSWER, times: -1 });
  return out;
}

interface Outcome {
  readonly answeredBy?: string;
  readonly failure?: string;
  readonly text: string;
  readonly ms: number;
}

async function ask(runner: FallbackRunner, i: number, firstTokenMs: number, signal: AbortSignal): Promise<Outcome> {
  const t0 = performance.now();
  let text = '';
  const run = runner.run(CHAIN, { messages: [{ role: 'user', content: `Soak request ${i}: why stream answers?` }], maxOutputTokens: 128 }, {
    signal, deadlineMs: 120_000, timeouts: { firstTokenMs, idleMs: 30_000 }, maxRetriesPerModel: 2, tryAnotherOnContentFilter: false,
  });
  try {
    for (;;) {
      const step = await run.next();
      if (step.done === true) return { answeredBy: step.value.answeredBy?.provider, text, ms: performance.now() - t0 };
      if (step.value.type === 'text-delta') text += step.value.text;
    }
  } catch (error) {
    const failure = error instanceof FallbackError ? `${error.name}: ${error.lastError?.reason ?? 'none tried'}` : String(error);
    return { failure, text, ms: performance.now() - t0 };
  }
}

function count<T>(items: readonly T[], key: (item: T) => string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    if (k !== undefined) out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

async function soak(config: (typeof CONFIGS)[number]): Promise<boolean> {
  const fakes = await startFakesProcess();
  const random = seededRandom(Number(process.env.SOAK_SEED ?? Date.now() % 100_000));
  await fakes.enqueue([
    ...faultMix('openai', 'gpt-soak', 0.7, 4 * REQUESTS, random),
    ...faultMix('anthropic', 'claude-soak', 0.5, 4 * REQUESTS, random),
    ...faultMix('gemini', 'gemini-soak', 0, 0, random),
  ]);
  const common = { apiKey: 'soak-key-0000', timeouts: { firstTokenMs: config.firstTokenMs } };
  const providers: Record<string, Provider> = {
    openai: createOpenAIProvider({ ...common, id: 'openai', displayName: 'OpenAI', baseUrl: fakes.baseUrls.openai }),
    anthropic: createAnthropicProvider({ ...common, id: 'anthropic', displayName: 'Anthropic', baseUrl: fakes.baseUrls.anthropic }),
    gemini: createGeminiProvider({ ...common, id: 'gemini', displayName: 'Google Gemini', baseUrl: fakes.baseUrls.gemini, apiVersion: 'v1beta' }),
  };
  const breakers = new BreakerRegistry(systemClock);
  const lag = new EventLoopLag().start();
  const runner = new FallbackRunner({
    getProvider: async (id) => providers[id],
    breakers,
    health: new HealthMonitor({ clock: systemClock, breakers }),
    clock: systemClock,
    sleep: abortableSleep,
    random: Math.random,
    logger: silentLogger,
    loopLag: lag,
  });
  const peak = { rss: 0, heap: 0 };
  const sample = (): void => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heap = Math.max(peak.heap, m.heapUsed);
  };
  const sampler = setInterval(sample, 100);
  const busy = config.hostBusy > 0 ? setInterval(() => {
    const until = performance.now() + 10 * config.hostBusy;
    while (performance.now() < until) {
      // Someone else's work on this event loop (rendering, other extensions).
    }
  }, 10) : undefined;
  const cap = new AbortController();
  const capTimer = setTimeout(() => cap.abort(new Error('time cap')), TIME_CAP_MS);
  const t0 = performance.now();
  const outcomes = await Promise.all(Array.from({ length: REQUESTS }, (_, i) => ask(runner, i, config.firstTokenMs, cap.signal)));
  const wallMs = performance.now() - t0;
  clearTimeout(capTimer);
  clearInterval(sampler);
  clearInterval(busy);
  sample();
  lag.stop();
  await fakes.close();
  global.gc?.();
  const answered = outcomes.filter((o) => o.answeredBy !== undefined);
  const duplicated = answered.filter((o) => o.text.length > ANSWER.length && o.text.includes(ANSWER.slice(0, 24), 1)).length;
  const wrongText = answered.filter((o) => o.text !== ANSWER).length;
  const times = answered.map((o) => o.ms);
  const mib = (bytes: number): number => round(bytes / 2 ** 20, 1);
  console.log(JSON.stringify({
    name: 'soak',
    config: config.name,
    requests: REQUESTS,
    first_token_ms: config.firstTokenMs,
    host_busy: config.hostBusy,
    answered: answered.length,
    by_provider: count(answered, (o) => o.answeredBy),
    failures: count(outcomes, (o) => o.failure),
    duplicated,
    wrong_text: wrongText,
    p50_ms: round(percentile(times, 50), 1),
    p95_ms: round(percentile(times, 95), 1),
    wall_ms: Math.round(wallMs),
    loop_lost_ms: Math.round(lag.lostMs()),
    peak_rss_mib: mib(peak.rss),
    peak_heap_mib: mib(peak.heap),
    heap_after_mib: mib(process.memoryUsage().heapUsed),
  }));
  return answered.length === REQUESTS && duplicated === 0 && wrongText === 0;
}

function main(): void {
  const only = process.env.SOAK_CONFIG;
  if (only !== undefined) {
    const config = CONFIGS[Number(only)];
    if (config === undefined) throw new Error(`SOAK_CONFIG must be 0..${CONFIGS.length - 1}`);
    soak(config).then((ok) => process.exit(ok ? 0 : 1), (error: unknown) => {
      console.error(error);
      process.exit(2);
    });
    return;
  }
  let failed = 0;
  for (const index of CONFIGS.keys()) {
    const child = spawnSync(process.execPath, [...process.execArgv, __filename], { stdio: 'inherit', env: { ...process.env, SOAK_CONFIG: String(index) } });
    if (child.status !== 0) failed++;
  }
  process.exit(failed === 0 ? 0 : 1);
}

main();
