import type { PromptCacheHint } from '../../conversation/conversationRef';
import type { ChatMessage } from '../../types';

/** The API rejects a request with more `cache_control` blocks than this (tools, system and messages together). */
export const ANTHROPIC_MAX_BREAKPOINTS = 4;

/** Cache lifetime without `ttl` ("5m"), refreshed on every read; what cache-aware routing counts on. */
export const ANTHROPIC_CACHE_TTL_MS = 5 * 60_000;

/** Rough tokens of an image block (Anthropic: ~(w·h)/750; a typical screenshot is 1,000–1,600). */
const IMAGE_TOKENS = 1_600;

/**
 * Shortest prefix Anthropic caches, by model family, from the prompt-caching docs: 4,096 tokens for Opus 4.5+
 * and Haiku 4.5, 2,048 for Sonnet 4.6 and the Haiku 3 family, 1,024 for the older Sonnet/Opus 4 models. A
 * shorter marked prefix is silently not cached (no error), so the later generations we cannot look up (the 5.x
 * line) take the largest published minimum: we would rather skip a breakpoint than promise a cache that the
 * API then does not make (the miss would be misreported as "prefix changed").
 */
export function anthropicMinimumCacheTokens(model: string): number {
  if (/claude-(?:opus-4-[5-9]|haiku-4-5)/.test(model)) return 4_096;
  if (/claude-sonnet-4-6|claude-(?:3-5-)?haiku-3|claude-3(?:-5)?-haiku/.test(model)) return 2_048;
  if (/claude-(?:sonnet|opus)-4(?:-[0-4])?(?:\b|-\d{8})|claude-3/.test(model)) return 1_024;
  return 4_096;
}

/** A place for a breakpoint: the end of the system prompt, or the end of message `index` of the request. */
export type BreakpointAt = { readonly kind: 'system' } | { readonly kind: 'message'; readonly index: number };

/**
 * Where to put `cache_control` for a hint, at most `ANTHROPIC_MAX_BREAKPOINTS`, each on a prefix at least the
 * model's minimum long:
 * - the end of the system prompt (cached on its own, so a conversation that only changes its messages still
 *   reads it);
 * - the end of the previous turn's stable prefix (two messages before this one's: the prior question and answer),
 *   which is where the previous request WROTE its cache, so this request reads it even when the conversation
 *   has grown beyond the API's 20-block lookback;
 * - the end of this turn's stable prefix (the last message before the newest user turn): written now, read by
 *   the next turn.
 */
export function cacheBreakpoints(request: { readonly model: string; readonly messages: readonly ChatMessage[]; readonly cache?: PromptCacheHint }): BreakpointAt[] {
  const hint = request.cache;
  if (hint === undefined || hint.stablePrefixMessages <= 0) return [];
  const minimum = anthropicMinimumCacheTokens(request.model);
  const stable = Math.min(hint.stablePrefixMessages, request.messages.length);
  const systemTokens = request.messages.reduce((sum, m) => sum + (m.role === 'system' ? tokensOf(m) : 0), 0);
  // Prefix tokens up to and including message i (system messages sit in the prefix's head, whatever their index).
  const upTo: number[] = [];
  let running = systemTokens;
  for (const message of request.messages) {
    if (message.role !== 'system') running += tokensOf(message);
    upTo.push(running);
  }
  const wanted: BreakpointAt[] = [];
  if (systemTokens >= minimum) wanted.push({ kind: 'system' });
  for (const index of [stable - 3, stable - 1]) {
    const message = request.messages[index];
    if (message === undefined || message.role === 'system' || (upTo[index] ?? 0) < minimum) continue;
    wanted.push({ kind: 'message', index });
  }
  return wanted.slice(-ANTHROPIC_MAX_BREAKPOINTS);
}

function tokensOf(message: ChatMessage): number {
  if (typeof message.content === 'string') return Math.ceil(message.content.length / 4);
  return message.content.reduce((sum, part) => sum + (part.type === 'text' ? Math.ceil(part.text.length / 4) : IMAGE_TOKENS), 0);
}
