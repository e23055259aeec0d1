import type { RawMessageStreamEvent, StopReason } from '@anthropic-ai/sdk/resources/messages';
import type { FinishReason, StreamEvent, Usage } from '../../types';

/** The usage fields Anthropic sends in `message_start.message.usage` and (cumulatively) in `message_delta.usage`. */
interface WireUsage {
  readonly input_tokens?: number | null;
  readonly output_tokens?: number | null;
  readonly cache_read_input_tokens?: number | null;
  readonly cache_creation_input_tokens?: number | null;
  readonly output_tokens_details?: { readonly thinking_tokens?: number | null } | null;
}

/** Raw Anthropic counts as last reported; `undefined` = not reported yet. */
export interface Counts {
  input?: number;
  cacheRead?: number;
  cacheWrite?: number;
  output?: number;
  thinking?: number;
}

/**
 * Maps Anthropic `stop_reason` to ours. `model_context_window_exceeded` is `length` (the answer was cut by a
 * size limit; the raw value stays on the event); `pause_turn` and anything new are `other`.
 */
export function mapStopReason(reason: StopReason | string | null | undefined): FinishReason {
  switch (reason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'refusal':
      return 'content-filter';
    case 'tool_use':
      return 'tool';
    default:
      return 'other';
  }
}

/**
 * Turns the raw Messages stream into `StreamEvent`s. Stateful: usage arrives in `message_start` and again,
 * cumulatively, in `message_delta` (each later value REPLACES the earlier one, never adds to it), and the stop
 * reason arrives in `message_delta` while the terminal signal is `message_stop` — so `finish` is emitted only then.
 */
export function createAnthropicTranslator(): (event: RawMessageStreamEvent) => readonly StreamEvent[] {
  const counts: Counts = {};
  let stopReason: string | undefined;

  const absorb = (usage: WireUsage | null | undefined): StreamEvent[] => {
    if (usage === null || usage === undefined) return [];
    // A field that is null or absent in a later event means "not reported here", not zero: keep the earlier value.
    counts.input = usage.input_tokens ?? counts.input;
    counts.output = usage.output_tokens ?? counts.output;
    counts.cacheRead = usage.cache_read_input_tokens ?? counts.cacheRead;
    counts.cacheWrite = usage.cache_creation_input_tokens ?? counts.cacheWrite;
    counts.thinking = usage.output_tokens_details?.thinking_tokens ?? counts.thinking;
    return [{ type: 'usage', usage: toUsage(counts) }];
  };

  return (event) => {
    switch (event.type) {
      case 'message_start':
        return absorb(event.message.usage);
      case 'content_block_delta':
        // Only answer text is streamed; thinking, signatures, tool-input JSON and citations are not answer text.
        return event.delta.type === 'text_delta' ? [{ type: 'text-delta', text: event.delta.text }] : [];
      case 'message_delta':
        stopReason = event.delta.stop_reason ?? stopReason;
        return absorb(event.usage);
      case 'message_stop':
        return [stopReason === undefined ? { type: 'finish', reason: 'other' } : { type: 'finish', reason: mapStopReason(stopReason), raw: stopReason }];
      default:
        return [];
    }
  };
}

/**
 * Anthropic reports `input_tokens` WITHOUT cache reads and writes; our `inputTokens` includes both. Missing cache
 * counts add nothing to the total (the API omits them when no caching happened) but stay `undefined` on their own.
 */
export function toUsage(counts: Counts): Usage {
  const inputTokens = counts.input === undefined ? undefined : counts.input + (counts.cacheRead ?? 0) + (counts.cacheWrite ?? 0);
  return {
    inputTokens,
    outputTokens: counts.output,
    cachedInputTokens: counts.cacheRead,
    cacheWriteTokens: counts.cacheWrite,
    reasoningTokens: counts.thinking,
  };
}
