import type { ChatMessage } from '../types';
import type { ConversationRef, PromptCacheHint } from './conversationRef';

/**
 * Smallest stable prefix, in rough tokens (~4 characters each), worth a cache hint on the FIRST turn of a
 * conversation. Why a first turn gets one at all: Anthropic bills the write at 1.25× input and every later read
 * at 0.1×, so caching an attached file pays off as soon as the user asks one follow-up within the cache's life
 * (expected saving p·0.9 − 0.25 > 0 for any follow-up probability p above ~28 %, which a conversation with a
 * file attached clears). Below 1,024 tokens no vendor caches anything, so a hint would only add noise.
 */
export const FIRST_TURN_MIN_PREFIX_TOKENS = 1_024;

/**
 * The provider prompt-cache hint for one request of a conversation, or `undefined` when there is nothing
 * worth caching. Key: the conversation id (the same key every turn, so OpenAI routes the turns to one cache
 * and the Gemini adapter finds its explicit cache again). Stable prefix: everything but the newest user turn
 * (system, attached files, earlier turns), which is exactly what the next turn will send again unchanged.
 *
 * Requests outside a conversation get no hint: nothing would read the cache again, and Anthropic's write
 * premium would be pure loss. (OpenAI and Gemini implicit caching still apply to them on their own.)
 */
export function promptCacheHintFor(messages: readonly ChatMessage[], conversation: ConversationRef | undefined): PromptCacheHint | undefined {
  if (conversation === undefined || conversation.id === '') return undefined;
  const stablePrefixMessages = stablePrefixLength(messages);
  if (stablePrefixMessages === 0) return undefined;
  if (conversation.turn === 0 && roughTokens(messages.slice(0, stablePrefixMessages)) < FIRST_TURN_MIN_PREFIX_TOKENS) return undefined;
  return { key: conversation.id, stablePrefixMessages };
}

/**
 * Messages before the newest user message. Attached files sent as their own message(s) before the question
 * are part of the prefix, so even a first turn's attachments are cached for the follow-ups.
 */
function stablePrefixLength(messages: readonly ChatMessage[]): number {
  // Not ending in a user message (an unusual shape): nothing is known to repeat, so cache nothing.
  return messages.at(-1)?.role === 'user' ? messages.length - 1 : 0;
}

/** Rough tokens (~4 characters each) of the messages' text: enough to compare against caching thresholds. */
export function roughTokens(messages: readonly ChatMessage[]): number {
  let chars = 0;
  for (const message of messages) {
    if (typeof message.content === 'string') chars += message.content.length;
    else for (const part of message.content) chars += part.type === 'text' ? part.text.length : 0;
  }
  return Math.ceil(chars / 4);
}
