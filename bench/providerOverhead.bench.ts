// provider.stream_overhead.<vendor>: a whole streamed answer through Quorum's adapter (stream driver,
// deadlines, translation, classification) versus the same official SDK called directly, against the same
// loopback fake, interleaved round by round so both see the same machine state. Prints one JSON line per
// vendor; `added_p50_ms` is what the adapter layer costs per call.
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import { OpenAI } from 'openai';
import { createAnthropicProvider } from '../src/core/providers/anthropic/provider';
import { createGeminiProvider } from '../src/core/providers/gemini/provider';
import { createOpenAIProvider } from '../src/core/providers/openai/provider';
import type { Provider } from '../src/core/providers/provider';
import { startAllFakes } from '../test/fakes/allFakes';
import { medianOfMedians, percentile, round } from './stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const WARMUP = 30;
const BLOCKS = 5;
const PROMPT = 'Summarise the benefits of streaming responses in two sentences.';

interface Contender {
  readonly name: string;
  ours(): Promise<void>;
  direct(): Promise<void>;
}

async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of stream) void _;
}

async function main(): Promise<void> {
  const fake = await startAllFakes();
  const key = 'bench-key-000000';
  const signal = new AbortController().signal;
  const ours = (p: Provider, model: string) => () => drain(p.stream({ model, messages: [{ role: 'user', content: PROMPT }], maxOutputTokens: 256 }, { signal }));

  const openai = new OpenAI({ apiKey: key, baseURL: fake.baseUrls.openai, maxRetries: 0 });
  const anthropic = new Anthropic({ apiKey: key, baseURL: fake.baseUrls.anthropic, maxRetries: 0 });
  const gemini = new GoogleGenAI({ apiKey: key, httpOptions: { baseUrl: fake.baseUrls.gemini, apiVersion: 'v1beta' } });
  const common = { apiKey: key };
  const contenders: Contender[] = [
    {
      name: 'openai',
      ours: ours(createOpenAIProvider({ ...common, id: 'openai', displayName: 'OpenAI', baseUrl: fake.baseUrls.openai }), 'gpt-bench'),
      direct: async () => drain(await openai.chat.completions.create({
        model: 'gpt-bench', messages: [{ role: 'user', content: PROMPT }], max_completion_tokens: 256,
        stream: true, stream_options: { include_usage: true },
      })),
    },
    {
      name: 'anthropic',
      ours: ours(createAnthropicProvider({ ...common, id: 'anthropic', displayName: 'Anthropic', baseUrl: fake.baseUrls.anthropic }), 'claude-bench'),
      direct: async () => drain(await anthropic.messages.create({
        model: 'claude-bench', max_tokens: 256, messages: [{ role: 'user', content: PROMPT }], stream: true,
      })),
    },
    {
      name: 'gemini',
      ours: ours(createGeminiProvider({ ...common, id: 'gemini', displayName: 'Google Gemini', baseUrl: fake.baseUrls.gemini, apiVersion: 'v1beta' }), 'gemini-bench'),
      direct: async () => drain(await gemini.models.generateContentStream({
        model: 'gemini-bench', contents: [{ role: 'user', parts: [{ text: PROMPT }] }], config: { maxOutputTokens: 256 },
      })),
    },
  ];

  for (const c of contenders) {
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < WARMUP + RUNS; i++) {
      // Alternate which side goes first so neither always runs on a warmer connection pool.
      const order = i % 2 === 0 ? [c.ours, c.direct] : [c.direct, c.ours];
      const times: number[] = [];
      for (const run of order) {
        const t0 = performance.now();
        await run();
        times.push(performance.now() - t0);
      }
      if (i < WARMUP) continue;
      const [first, second] = times as [number, number];
      a.push(i % 2 === 0 ? first : second);
      b.push(i % 2 === 0 ? second : first);
    }
    const p50 = medianOfMedians(a, BLOCKS);
    const base = medianOfMedians(b, BLOCKS);
    console.log(JSON.stringify({
      name: `provider.stream_overhead.${c.name}`,
      runs: RUNS,
      p50_ms: round(p50),
      p99_ms: round(percentile(a, 99)),
      baseline_p50_ms: round(base),
      baseline_p99_ms: round(percentile(b, 99)),
      ratio_p50: round(p50 / base),
      added_p50_ms: round(p50 - base),
    }));
  }
  await fake.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
