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

const FINISH: Readonly<Record<string, FinishReason>> = {
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
      if (typeof delta?.content === 'string' && delta.content !== '') events.push({ type: 'text-delta', text: delta.content });
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

/** OpenAI's cached tokens are part of `prompt_tokens` and reasoning tokens part of `completion_tokens`, as in `Usage`. */
function toUsage(usage: CompletionUsage): Usage {
  const mapped: Record<keyof Usage, number | undefined> = {
    inputTokens: count(usage.prompt_tokens),
    outputTokens: count(usage.completion_tokens),
    cachedInputTokens: count(usage.prompt_tokens_details?.cached_tokens),
    cacheWriteTokens: undefined, // Chat Completions does not report cache writes
    reasoningTokens: count(usage.completion_tokens_details?.reasoning_tokens),
  };
  // Unknown fields are left out rather than set to undefined, so snapshots compare and serialise cleanly.
  return Object.fromEntries(Object.entries(mapped).filter(([, v]) => v !== undefined)) as Usage;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
