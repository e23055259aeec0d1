import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import { ProviderError } from '../../errors';
import type { FinishReason, StreamEvent, Usage } from '../../types';

export interface ChunkTranslatorOptions {
  readonly provider: string;
  readonly providerName: string;
  readonly model: string;
  /**
   * OpenAI proper always sends the `include_usage` chunk just before `[DONE]`; since the SDK swallows `[DONE]`,
   * that chunk is the only proof the stream was not cut after `finish_reason`. Compatible servers may omit it.
   */
  readonly requireUsage: boolean;
}

export interface ChunkTranslator {
  translate(chunk: ChatCompletionChunk): readonly StreamEvent[];
  flush(): readonly StreamEvent[];
}

export const FINISH: Readonly<Record<string, FinishReason>> = {
  stop: 'stop',
  length: 'length',
  content_filter: 'content-filter',
  tool_calls: 'tool',
  function_call: 'tool',
};

/**
 * Turns Chat Completions chunks into stream events. The finish event is held back until the usage chunk
 * (which arrives after `finish_reason`) so that usage is always emitted first and a stream cut between the two
 * is not mistaken for a complete one. Tolerates `choices: null` / absent and `usage: null` (vLLM, Ollama).
 */
export function createChunkTranslator(options: ChunkTranslatorOptions): ChunkTranslator {
  let finish: StreamEvent | undefined;
  let sawUsage = false;
  let finished = false;
  const release = (): StreamEvent[] => {
    if (finish === undefined || finished) return [];
    finished = true;
    return [finish];
  };

  return {
    translate(chunk) {
      const events: StreamEvent[] = [];
      // Typed as an array, but compatible servers send `null` or leave it out on the usage chunk.
      const choices = (chunk.choices as ChatCompletionChunk.Choice[] | null | undefined) ?? [];
      const choice = choices.find((c) => c.index === 0) ?? choices[0];
      const delta = choice?.delta as ChatCompletionChunk.Choice.Delta | null | undefined;
      const text = answerText(delta?.content);
      if (text !== '') events.push({ type: 'text-delta', text });
      // A refusal is the model's answer to the user, so it is shown like text.
      if (typeof delta?.refusal === 'string' && delta.refusal !== '') events.push({ type: 'text-delta', text: delta.refusal });
      const raw = choice?.finish_reason;
      if (typeof raw === 'string' && finish === undefined) finish = { type: 'finish', reason: FINISH[raw] ?? 'other', raw };

      const usage = chunk.usage as CompletionUsage | null | undefined;
      if (usage !== null && usage !== undefined && typeof usage === 'object') {
        sawUsage = true;
        events.push({ type: 'usage', usage: toUsage(usage) });
      }
      if (sawUsage) events.push(...release());
      return events;
    },
    flush() {
      if (finish === undefined) return []; // the driver reports the missing terminal signal
      if (sawUsage || !options.requireUsage) return release();
      throw new ProviderError({
        reason: 'malformedResponse',
        provider: options.provider,
        model: options.model,
        providerCode: 'missing-usage-chunk',
        message: `${options.providerName} stream for ${options.model} ended before its final usage report (connection cut?).`,
      });
    },
  };
}

/** One typed part of a `delta.content` array (Mistral's magistral models): `text` is answer, `thinking` is not. */
interface ContentPart {
  readonly type?: unknown;
  readonly text?: unknown;
}

/**
 * The answer text of one delta. `content` is a string everywhere but at Mistral's reasoning models, which
 * stream an array of typed parts (`{type:'thinking',thinking:[…]}`, `{type:'text',text}`); only `text`
 * parts are answer. `reasoning_content` (DeepSeek, Qwen, xAI) is a separate field and never read here.
 */
function answerText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return (content as readonly ContentPart[])
    .map((part) => (part !== null && typeof part === 'object' && part.type === 'text' && typeof part.text === 'string' ? part.text : ''))
    .join('');
}

/** Fields compatible servers add to `CompletionUsage`, all optional. */
interface CompatibleUsage extends CompletionUsage {
  /** Azure AI Foundry reports reasoning at the top level instead of under `completion_tokens_details`. */
  readonly reasoning_tokens?: number | null;
  /** DeepSeek's cache hits, inside `prompt_tokens` (it sends `prompt_tokens_details.cached_tokens` only sometimes). */
  readonly prompt_cache_hit_tokens?: number | null;
}

/**
 * OpenAI's cached tokens are part of `prompt_tokens` and reasoning tokens part of `completion_tokens`, as in
 * `Usage`. xAI bills reasoning OUTSIDE `completion_tokens` (`total_tokens` = prompt + completion + reasoning):
 * told apart by the totals, not by vendor name, and then added to the output so the cost is right.
 */
export function toUsage(usage: CompatibleUsage): Usage {
  const input = count(usage.prompt_tokens);
  const completion = count(usage.completion_tokens);
  const reasoning = count(usage.completion_tokens_details?.reasoning_tokens) ?? count(usage.reasoning_tokens);
  const total = count(usage.total_tokens);
  const outside = input !== undefined && completion !== undefined && reasoning !== undefined && reasoning > 0
    && total === input + completion + reasoning;
  const mapped: Record<keyof Usage, number | undefined> = {
    inputTokens: input,
    outputTokens: outside ? (completion as number) + (reasoning as number) : completion,
    cachedInputTokens: count(usage.prompt_tokens_details?.cached_tokens) ?? count(usage.prompt_cache_hit_tokens),
    cacheWriteTokens: undefined, // Chat Completions does not report cache writes
    reasoningTokens: reasoning,
  };
  // Unknown fields are left out rather than set to undefined, so snapshots compare and serialise cleanly.
  return Object.fromEntries(Object.entries(mapped).filter(([, v]) => v !== undefined)) as Usage;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
