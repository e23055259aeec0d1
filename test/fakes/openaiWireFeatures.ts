import type { WireFeature } from './scenario';
import type { FakeUsage } from './script';

type Json = Record<string, unknown>;

/** A streamed chat completion before framing: the chunks in order, by the part of the stream they belong to. */
export interface ChatChunks {
  preamble: Json[];
  content: Json[];
  /** The chunk carrying `finish_reason` (absent under the `no-finish-reason` quirk). */
  finish?: Json;
  /** The `include_usage` chunk (absent without `include_usage` or under the `no-usage` quirk). */
  usage?: Json;
}

const FILTER_OK = { filtered: false, severity: 'safe' };

/** Azure OpenAI's first chunk: no choices, only the prompt's content-filter verdict, with an empty id and model. */
const PROMPT_FILTER_CHUNK: Json = {
  choices: [], created: 0, id: '', model: '', object: '',
  prompt_filter_results: [{
    prompt_index: 0,
    content_filter_results: { hate: FILTER_OK, jailbreak: { filtered: false, detected: false }, self_harm: FILTER_OK, sexual: FILTER_OK, violence: FILTER_OK },
  }],
};

function deltaOf(chunk: Json): Json {
  const choices = chunk.choices as Json[] | undefined;
  return (choices?.[0]?.delta ?? {}) as Json;
}

/** A copy of `like` whose only choice has `delta` and no finish. */
function withDelta(like: Json, delta: Json): Json {
  const copy = structuredClone(like);
  copy.choices = [{ index: 0, delta, logprobs: null, finish_reason: null }];
  return copy;
}

/** Usage as the server in question reports it (the default is OpenAI's `CompletionUsage`). */
function rewriteUsage(usage: Json, features: ReadonlySet<WireFeature>, fake: FakeUsage): Json {
  const out = { ...usage };
  if (features.has('reasoning-outside-completion')) {
    out.completion_tokens = fake.output;
    out.total_tokens = fake.input + fake.output + fake.reasoning;
    out.completion_tokens_details = { reasoning_tokens: fake.reasoning, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 };
    // xAI's own extras beside the usual counts.
    out.prompt_tokens_details = { text_tokens: fake.input, audio_tokens: 0, image_tokens: 0, cached_tokens: fake.cached };
    out.num_sources_used = 0;
    out.cost_in_usd_ticks = 1_721_250;
  }
  if (features.has('vendor-extras')) Object.assign(out, { queue_time: 0.04, prompt_time: 0.004, completion_time: 0.5, total_time: 0.504 });
  if (features.has('top-level-reasoning-tokens')) {
    delete out.completion_tokens_details;
    out.prompt_tokens_details = null;
    out.reasoning_tokens = fake.reasoning;
  }
  if (features.has('prompt-cache-hit-tokens')) {
    out.prompt_cache_hit_tokens = fake.cached;
    out.prompt_cache_miss_tokens = fake.input - fake.cached;
  }
  return out;
}

/**
 * The OpenAI-compatible stream as a particular real server sends it (recorded shapes; see `WireFeature`).
 * Works on copies: the plain stream stays what Ollama/vLLM send.
 */
export function applyCompatibleWire(chunks: ChatChunks, wire: readonly WireFeature[], fake: FakeUsage): ChatChunks {
  const features = new Set(wire);
  if (features.size === 0) return chunks;
  const out: ChatChunks = structuredClone(chunks);
  const like = out.content[0] ?? out.preamble[0] ?? {};
  if (features.has('reasoning-content')) {
    out.preamble.push(...['Let me', ' think.'].map((piece) => withDelta(like, { reasoning_content: piece })));
  }
  if (features.has('content-parts')) {
    out.preamble.push(withDelta(like, { content: [{ type: 'thinking', thinking: [{ type: 'text', text: 'The user wants an answer.' }] }] }));
    for (const chunk of out.content) {
      const delta = deltaOf(chunk);
      delta.content = [{ type: 'text', text: delta.content }];
    }
  }
  if (out.usage !== undefined) out.usage.usage = rewriteUsage(out.usage.usage as Json, features, fake);
  if (features.has('usage-with-finish') && out.finish !== undefined && out.usage !== undefined) {
    out.finish.usage = out.usage.usage;
    delete out.usage;
  }
  if (features.has('vendor-extras')) {
    const id = 'req_01fakegroq000000000000000';
    if (out.preamble[0] !== undefined) out.preamble[0].x_groq = { id, seed: 1535227698 };
    if (out.finish !== undefined) {
      const usage = { queue_time: 0.04, prompt_tokens: fake.input, prompt_time: 0.004, completion_tokens: fake.output, completion_time: 0.5 };
      out.finish.x_groq = { id, usage: { ...usage, total_tokens: fake.input + fake.output, total_time: 0.504 } };
    }
  }
  if (features.has('prompt-filter-preamble')) out.preamble.unshift(structuredClone(PROMPT_FILTER_CHUNK));
  return out;
}
