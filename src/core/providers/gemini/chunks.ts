import type { GenerateContentResponse, GenerateContentResponseUsageMetadata } from '@google/genai';
import type { FinishReason, StreamEvent, Usage } from '../../types';

const CONTENT_FILTER_REASONS = new Set([
  'SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY', 'IMAGE_PROHIBITED_CONTENT', 'IMAGE_RECITATION',
]);

/**
 * A Gemini `finishReason` in our vocabulary.
 * - `CONTINUATION` is `length`: the per-request token limit stopped an unfinished answer (we turn the SDK's
 *   automatic continuation off, so it is ours to report).
 * - `MALFORMED_FUNCTION_CALL`, `UNEXPECTED_TOOL_CALL` and `TOO_MANY_TOOL_CALLS` are `other`, not `tool`: `tool`
 *   means "the model handed over a tool call for the caller to run", while these say a tool call *failed*, and
 *   Quorum declares no tools, so nothing usable is waiting for the caller.
 */
export function mapFinishReason(raw: string): FinishReason {
  if (raw === 'STOP') return 'stop';
  if (raw === 'MAX_TOKENS' || raw === 'CONTINUATION') return 'length';
  if (CONTENT_FILTER_REASONS.has(raw)) return 'content-filter';
  return 'other';
}

/**
 * `usageMetadata` in our terms. Gemini counts thoughts *outside* `candidatesTokenCount`, so output is their
 * sum; cached content is *inside* `promptTokenCount`, as our `inputTokens` wants it. proto3 JSON omits zero
 * counts, so when one of candidates/thoughts is present the other's absence means 0; when both are absent
 * the output is 0 if the total equals the prompt, else unknown, and every absent field stays `undefined`
 * rather than becoming a false 0.
 */
export function toUsage(meta: GenerateContentResponseUsageMetadata): Usage {
  const candidates = meta.candidatesTokenCount;
  const thoughts = meta.thoughtsTokenCount;
  // A blocked answer (finish SAFETY) reports neither, but `totalTokenCount == promptTokenCount` proves it is 0.
  const nothing = meta.promptTokenCount !== undefined && meta.totalTokenCount === meta.promptTokenCount;
  const outputTokens = candidates === undefined && thoughts === undefined
    ? (nothing ? 0 : undefined)
    : (candidates ?? 0) + (thoughts ?? 0);
  return {
    inputTokens: meta.promptTokenCount,
    outputTokens,
    cachedInputTokens: meta.cachedContentTokenCount,
    reasoningTokens: thoughts,
  };
}

function sameUsage(a: Usage | undefined, b: Usage): boolean {
  return a !== undefined && a.inputTokens === b.inputTokens && a.outputTokens === b.outputTokens
    && a.cachedInputTokens === b.cachedInputTokens && a.reasoningTokens === b.reasoningTokens;
}

/**
 * Turns the SDK's stream chunks into our events. Gemini has no terminator event: the chunk carrying a
 * candidate `finishReason` (or a prompt block) is the terminal signal. Every chunk repeats *running totals*
 * in `usageMetadata`, so each changed snapshot is passed on whole and replaces the previous one (never summed);
 * the last one before `finish` is the call's usage, and a cut stream still leaves its latest snapshot.
 */
export function createGeminiChunkTranslator(): (chunk: GenerateContentResponse) => readonly StreamEvent[] {
  let lastUsage: Usage | undefined;
  let toolCall = false;
  return (chunk) => {
    const events: StreamEvent[] = [];
    const first = chunk.candidates?.[0];
    toolCall ||= (first?.content?.parts ?? []).some((part) => part.functionCall !== undefined);
    // Thought summaries (`thought: true`) are reasoning, not answer text.
    const text = (first?.content?.parts ?? [])
      .map((part) => (part.thought === true || typeof part.text !== 'string' ? '' : part.text))
      .join('');
    if (text !== '') events.push({ type: 'text-delta', text });
    if (chunk.usageMetadata !== undefined) {
      const usage = toUsage(chunk.usageMetadata);
      if (!sameUsage(lastUsage, usage)) events.push({ type: 'usage', usage });
      lastUsage = usage;
    }
    const blocked = chunk.promptFeedback?.blockReason;
    if (blocked !== undefined) {
      // Every prompt-block reason (SAFETY, OTHER, BLOCKLIST, JAILBREAK…) means the prompt was refused by policy.
      events.push({ type: 'finish', reason: 'content-filter', raw: String(blocked) });
    } else if (first?.finishReason !== undefined) {
      const raw = String(first.finishReason);
      // Gemini ends a function call with STOP; like OpenAI's `tool_calls`, that is a handed-over tool call,
      // not an empty answer.
      events.push({ type: 'finish', reason: raw === 'STOP' && toolCall ? 'tool' : mapFinishReason(raw), raw });
    }
    return events;
  };
}
