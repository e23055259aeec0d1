import type {
  ContentBlockParam, MessageCreateParamsStreaming, MessageParam,
} from '@anthropic-ai/sdk/resources/messages';
import type { ChatMessage, ChatRequest, ContentPart } from '../../types';
import { cacheBreakpoints } from './cacheBreakpoints';

/**
 * `max_tokens` when the request names none (Anthropic requires one), in tokens. 4096 is an output size every
 * Claude model accepts (the smallest output limit among Claude models is 4096) and is ample for chat, code
 * actions and votes; callers that want long outputs set `maxOutputTokens`. We always stream, so the SDK's
 * "non-streaming request may take longer than 10 minutes" guard never applies.
 */
export const DEFAULT_ANTHROPIC_MAX_TOKENS = 4096;

/**
 * Anthropic has no JSON-mode flag: its structured outputs (`output_config.format`) need a JSON schema, which a
 * `ChatRequest` does not carry. So `responseFormat: 'json'` becomes an instruction in the system prompt.
 */
export const ANTHROPIC_JSON_INSTRUCTION =
  'Respond with a single valid JSON object and nothing else: no prose, no Markdown code fences.';

type AnthropicRole = 'user' | 'assistant';

/** Maps a vendor-neutral request to streaming Messages API params. */
export function toAnthropicParams(request: ChatRequest): MessageCreateParamsStreaming {
  const systemTexts: string[] = [];
  const turns: { role: AnthropicRole; blocks: ContentBlockParam[] }[] = [];
  // The last block sent so far after each message: where that message's cache breakpoint would go.
  const lastBlockAfter: (ContentBlockParam | undefined)[] = [];
  for (const message of request.messages) {
    lastBlockAfter.push(turns.at(-1)?.blocks.at(-1));
    if (message.role === 'system') {
      // Anthropic takes the system prompt as the top-level `system` field, not as a message; system
      // messages anywhere in the list are gathered there, in order.
      systemTexts.push(...textsOf(message));
      continue;
    }
    const blocks = toBlocks(message.content);
    if (blocks.length === 0) continue; // the API rejects empty content
    const last = turns[turns.length - 1];
    // The API wants user and assistant turns to alternate, so consecutive same-role messages become one turn.
    if (last !== undefined && last.role === message.role) last.blocks.push(...blocks);
    else turns.push({ role: message.role, blocks });
    lastBlockAfter[lastBlockAfter.length - 1] = blocks.at(-1);
  }
  if (request.responseFormat === 'json') systemTexts.push(ANTHROPIC_JSON_INSTRUCTION);
  const cacheSystem = markBreakpoints(request, lastBlockAfter);

  const params: MessageCreateParamsStreaming = {
    model: request.model,
    max_tokens: request.maxOutputTokens ?? DEFAULT_ANTHROPIC_MAX_TOKENS,
    messages: turns.map(toMessageParam),
    stream: true,
  };
  if (systemTexts.length > 0) {
    const system = systemTexts.join('\n\n');
    params.system = cacheSystem ? [{ type: 'text', text: system, cache_control: { type: 'ephemeral' } }] : system;
  }
  // `temperature` is deliberately not sent: API version 2026-10-21, which the pinned SDK 1.12.0 always sends,
  // rejects temperature/top_p/top_k with a 400 ("Extra inputs are not permitted"), and the SDK has no such field.
  if (request.stop !== undefined && request.stop.length > 0) params.stop_sequences = [...request.stop];
  return params;
}

/**
 * Prompt caching (`request.cache`): `cache_control: {type: 'ephemeral'}` (the default 5-minute cache, the
 * cheapest write) on the breakpoints `cacheBreakpoints` picks. Message blocks are marked in place, before they
 * become message params; returns whether the system prompt is a breakpoint too (it then goes as a one-block list).
 */
function markBreakpoints(request: ChatRequest, lastBlockAfter: readonly (ContentBlockParam | undefined)[]): boolean {
  let system = false;
  for (const at of cacheBreakpoints(request)) {
    if (at.kind === 'system') {
      system = true;
      continue;
    }
    const block = lastBlockAfter[at.index];
    if (block !== undefined && (block.type === 'text' || block.type === 'image')) block.cache_control = { type: 'ephemeral' };
  }
  return system;
}

function toMessageParam(turn: { role: AnthropicRole; blocks: ContentBlockParam[] }): MessageParam {
  const [only] = turn.blocks;
  // A lone text block goes as a plain string: the common, smallest wire form (unless it carries a cache mark).
  const content = turn.blocks.length === 1 && only?.type === 'text' && only.cache_control == null ? only.text : turn.blocks;
  return { role: turn.role, content };
}

function toBlocks(content: ChatMessage['content']): ContentBlockParam[] {
  const parts: readonly ContentPart[] = typeof content === 'string' ? [{ type: 'text', text: content }] : content;
  const blocks: ContentBlockParam[] = [];
  for (const part of parts) {
    if (part.type === 'text') {
      if (part.text !== '') blocks.push({ type: 'text', text: part.text });
    } else {
      blocks.push({ type: 'image', source: { type: 'base64', media_type: part.mediaType, data: part.data } });
    }
  }
  return blocks;
}

/** A system message's text; images cannot go into Anthropic's `system` field and are dropped there. */
function textsOf(message: ChatMessage): string[] {
  if (typeof message.content === 'string') return message.content === '' ? [] : [message.content];
  return message.content.flatMap((part) => (part.type === 'text' && part.text !== '' ? [part.text] : []));
}
