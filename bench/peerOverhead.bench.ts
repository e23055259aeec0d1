// peer.stream_overhead.ai_sdk: the same streamed request to the same loopback fake (OpenAI-compatible
// dialect) three ways, interleaved round by round with a rotating order: a bare `fetch` that reads the SSE
// body to its end (the floor every client pays), Quorum (the compat adapter under the fallback runner, as an
// Ask runs it), and the Vercel AI SDK (`streamText` over `@ai-sdk/openai-compatible`, a devDependency used
// only here). Each side's added latency is its median of block medians minus the floor's; the line prints
// ours as a ratio to theirs (below 1: we add less).
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { streamText } from 'ai';
import { silentLogger, systemClock } from '../src/core/ports';
import { createOpenAICompatibleProvider } from '../src/core/providers/openai/provider';
import { abortableSleep } from '../src/core/resilience/backoff';
import { BreakerRegistry } from '../src/core/resilience/breaker';
import { FallbackRunner } from '../src/core/resilience/fallbackRunner';
import { HealthMonitor } from '../src/core/resilience/health';
import { startAllFakes } from '../test/fakes/allFakes';
import { medianOfMedians, percentile, round } from './stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const WARMUP = 30;
const BLOCKS = 5;
const MODEL = 'peer-bench';
const PROMPT = 'Summarise the benefits of streaming responses in two sentences.';
const KEY = 'bench-key-000000';

type Contender = () => Promise<string>;

async function main(): Promise<void> {
  const fake = await startAllFakes();
  const baseUrl = fake.baseUrls.openaiCompatible;
  const provider = createOpenAICompatibleProvider({ id: 'compat:bench', displayName: 'Bench', apiKey: KEY, baseUrl });
  const breakers = new BreakerRegistry(systemClock);
  const runner = new FallbackRunner({
    getProvider: async () => provider, breakers, health: new HealthMonitor({ clock: systemClock, breakers }), clock: systemClock,
    sleep: abortableSleep, random: Math.random, logger: silentLogger,
  });
  const peer = createOpenAICompatible({ name: 'bench', baseURL: baseUrl, apiKey: KEY, includeUsage: true });
  const body = JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: PROMPT }], max_tokens: 256, stream: true, stream_options: { include_usage: true } });

  const contenders: Readonly<Record<'floor' | 'quorum' | 'peer', Contender>> = {
    floor: async () => {
      const response = await fetch(`${baseUrl}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` }, body });
      return response.text();
    },
    quorum: async () => {
      let text = '';
      const run = runner.run([{ provider: 'compat:bench', model: MODEL }], { messages: [{ role: 'user', content: PROMPT }], maxOutputTokens: 256 }, {
        signal: new AbortController().signal, deadlineMs: 30_000, maxRetriesPerModel: 0, tryAnotherOnContentFilter: false,
      });
      for await (const event of run) if (event.type === 'text-delta') text += event.text;
      return text;
    },
    peer: async () => {
      let text = '';
      const result = streamText({ model: peer.chatModel(MODEL), prompt: PROMPT, maxOutputTokens: 256, maxRetries: 0 });
      for await (const part of result.textStream) text += part;
      return text;
    },
  };

  const names = Object.keys(contenders) as Array<keyof typeof contenders>;
  const times: Record<keyof typeof contenders, number[]> = { floor: [], quorum: [], peer: [] };
  for (let i = 0; i < WARMUP + RUNS; i++) {
    // Rotate who goes first, so none always runs on the warmest connection pool.
    for (let k = 0; k < names.length; k++) {
      const name = names[(i + k) % names.length] as keyof typeof contenders;
      const t0 = performance.now();
      const text = await contenders[name]();
      const ms = performance.now() - t0;
      if (name !== 'floor' && text.length === 0) throw new Error(`${name} streamed no text`);
      if (i >= WARMUP) times[name].push(ms);
    }
  }
  await fake.close();

  const floor = medianOfMedians(times.floor, BLOCKS);
  const ours = medianOfMedians(times.quorum, BLOCKS);
  const theirs = medianOfMedians(times.peer, BLOCKS);
  const added = ours - floor;
  const peerAdded = theirs - floor;
  console.log(JSON.stringify({
    name: 'peer.stream_overhead.ai_sdk',
    runs: RUNS,
    p50_ms: round(ours),
    p99_ms: round(percentile(times.quorum, 99)),
    baseline: 'bare fetch of the same stream',
    baseline_p50_ms: round(floor),
    peer: 'ai streamText + @ai-sdk/openai-compatible',
    peer_p50_ms: round(theirs),
    peer_p99_ms: round(percentile(times.peer, 99)),
    added_p50_ms: round(added),
    peer_added_p50_ms: round(peerAdded),
    added_ratio_to_peer: peerAdded > 0 ? round(added / peerAdded) : null,
  }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
