// Routing benchmarks against the loopback fakes, each A/B interleaved round by round (median of block
// medians, DESIGN.md §7):
// - route.overhead: classify + route + fallback runner + adapter vs the same SDK called directly, same
//   fake, same prompt, same model. Target: added p50 <= 0.3 ms, added p99 <= 1 ms.
// - route.failover_fast5xx: the chosen model answers 503 at once; chain [primary, secondary] vs asking
//   the secondary alone. Fresh breakers each round, so the failover itself is measured, not an open
//   breaker; retries on the same model off (with them on, backoff waits ~0.5 s + 1 s by design).
//   Target: added <= 20 ms.
// - route.breaker_open: the primary's breaker is open; chain [primary, secondary] vs the secondary
//   alone. Target: added ≈ 0.
import Anthropic from '@anthropic-ai/sdk';
import { OpenAI } from 'openai';
import { classify } from '../src/core/routing/classify';
import { route } from '../src/core/routing/router';
import { preloadTokenizer } from '../src/core/routing/tokenEstimate';
import type { RouteRequest } from '../src/core/routing/taskProfile';
import type { ModelRef } from '../src/core/types';
import { KEY, runChain, startRouteBench } from './routeHarness';
import { medianOfMedians, percentile, round } from './stats';

// 1000 rounds: the p99 of 200 samples is the third-worst call, i.e. whichever side a GC pause happened to hit.
const RUNS = Number(process.env.BENCH_RUNS ?? 1000);
// Per-call code (classify, route, runner bookkeeping) runs once a round, far less often than per-chunk code:
// it needs a few hundred rounds before V8 optimises it, as it is in a long-lived extension host.
const WARMUP = Number(process.env.BENCH_WARMUP ?? 200);
const BLOCKS = 5;
const PROMPT = 'Summarise the benefits of streaming responses in two sentences.';
const REQUEST: RouteRequest = { messages: [{ role: 'user', content: PROMPT }], feature: 'ask', maxOutputTokens: 256 };

/**
 * Interleaves A and B (alternating which goes first) and prints one JSON line. `beforeRound` runs outside
 * the timed calls.
 */
async function abBench(
  name: string, a: () => Promise<unknown>, b: () => Promise<unknown>, extra: Record<string, unknown>, beforeRound: () => void,
): Promise<void> {
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const first = i % 2 === 0 ? a : b;
    const second = i % 2 === 0 ? b : a;
    beforeRound();
    const t0 = performance.now();
    await first();
    const t1 = performance.now();
    await second();
    const t2 = performance.now();
    if (i < WARMUP) continue;
    (i % 2 === 0 ? ta : tb).push(t1 - t0);
    (i % 2 === 0 ? tb : ta).push(t2 - t1);
  }
  const p50 = medianOfMedians(ta, BLOCKS);
  const base = medianOfMedians(tb, BLOCKS);
  console.log(JSON.stringify({
    name, runs: RUNS,
    p50_ms: round(p50), p99_ms: round(percentile(ta, 99)),
    baseline_p50_ms: round(base), baseline_p99_ms: round(percentile(tb, 99)),
    ratio_p50: round(p50 / base), added_p50_ms: round(p50 - base),
    added_p99_ms: round(percentile(ta, 99) - percentile(tb, 99)),
    ...extra,
  }));
}

async function main(): Promise<void> {
  preloadTokenizer();
  const bench = await startRouteBench();
  // The fake records every request it serves (headers and body) for the tests; over thousands of rounds
  // that log only makes both sides' GC pauses longer. Neither side's path includes it.
  const forgetRequests = (): void => {
    bench.fake.requests.length = 0;
  };
  const decision = route(REQUEST, classify(REQUEST), bench.context);
  const [primary, secondary] = decision.chain as [ModelRef, ModelRef];
  if (primary.provider === secondary.provider) throw new Error('expected a chain across providers');
  const request = { messages: REQUEST.messages, maxOutputTokens: 256 };

  // route.overhead: our whole path vs the chosen vendor's SDK, same fake and model.
  const openai = new OpenAI({ apiKey: KEY, baseURL: bench.fake.baseUrls.openai, maxRetries: 0 });
  const anthropic = new Anthropic({ apiKey: KEY, baseURL: bench.fake.baseUrls.anthropic, maxRetries: 0 });
  const direct = async (ref: ModelRef): Promise<void> => {
    const stream = ref.provider === 'openai'
      ? await openai.chat.completions.create({ model: ref.model, messages: [{ role: 'user', content: PROMPT }], max_completion_tokens: 256, stream: true, stream_options: { include_usage: true } })
      : await anthropic.messages.create({ model: ref.model, max_tokens: 256, messages: [{ role: 'user', content: PROMPT }], stream: true });
    for await (const _ of stream) void _;
  };
  const { runner } = bench.newRunner();
  await abBench('route.overhead', async () => {
    const d = route(REQUEST, classify(REQUEST), bench.context);
    await runChain(runner, d.chain, request, 2);
  }, () => direct(primary), { model: `${primary.provider}/${primary.model}` }, forgetRequests);

  // route.failover_fast5xx: the primary fails fast with 503 on every request.
  bench.fake.enqueue({ model: primary.model, fault: { kind: 'server-error', status: 503 }, times: -1 });
  await abBench('route.failover_fast5xx', async () => {
    const result = await runChain(bench.newRunner().runner, [primary, secondary], request, 0);
    if (result.answeredBy?.model !== secondary.model) throw new Error('the secondary should have answered');
  }, () => runChain(runner, [secondary], request, 0), { primary: `${primary.provider}/${primary.model}`, max_retries_per_model: 0, target_added_ms: 20 }, forgetRequests);

  // route.breaker_open: open the primary's breaker once, then measure with it open.
  const open = bench.newRunner();
  for (let i = 0; i < 5 && !open.breakers.isOpen(primary); i++) await runChain(open.runner, [primary, secondary], request, 0);
  if (!open.breakers.isOpen(primary)) throw new Error("the primary's breaker did not open");
  await abBench('route.breaker_open', async () => {
    const result = await runChain(open.runner, [primary, secondary], request, 0);
    if (result.answeredBy?.model !== secondary.model) throw new Error('the secondary should have answered');
  }, () => runChain(open.runner, [secondary], request, 0), { breaker_state: 'open' }, forgetRequests);

  await bench.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
