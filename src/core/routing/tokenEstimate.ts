import type * as O200k from './o200kTokenizer';
import type { ChatMessage } from '../types';

/**
 * Token estimates for routing: the o200k_base encoding of gpt-tokenizer (GPT-4o and later). Other vendors
 * tokenise differently (Anthropic and Gemini typically count 0–20 % more for English prose), so these are
 * estimates for choosing a context window and a price, not bills — the ledger prices real usage.
 */

/**
 * Flat per-image estimate, in tokens. Image cost depends on pixel size and vendor (OpenAI high detail
 * ≤ 1,105 for a default-sized image, Gemini 258 per 768-px tile, Anthropic ≈ w·h/750 capped near 1,600);
 * decoding the image header to get its size is not worth it on the routing path, so we take the largest
 * default-size figure: the context check then errs on the safe side (a window too big, never too small).
 */
export const IMAGE_TOKEN_ESTIMATE = 1_600;

/** Chat framing per message (role marker, separators), as in OpenAI's chat format; in tokens. */
export const MESSAGE_OVERHEAD_TOKENS = 4;
/** The tokens that prime the assistant's reply, once per request. */
export const REPLY_PRIMER_TOKENS = 3;

/**
 * Texts up to this many UTF-16 code units are counted exactly (≈ 60 µs worst case at ~30 ns/char);
 * longer texts are sampled, because exact BPE over a 400 KB paste costs tens of milliseconds.
 */
export const EXACT_CAP_CHARS = 2_048;
/**
 * Sampling for longer texts: this many windows of `SAMPLE_WINDOW_CHARS`, spread evenly over the text.
 * 8 × 256 beat 4 × 512 at the same cost (more spread, fewer misses of a differently dense region).
 */
export const SAMPLE_WINDOWS = 8;
export const SAMPLE_WINDOW_CHARS = 256;

/**
 * Error bound of the sampled estimate. The estimate is `chars × (tokens/char of the windows)`, so it is
 * exact for text whose density is uniform and off by the density difference otherwise. Measured against
 * exact counts on 262 real texts longer than the cap (this repo's TypeScript, Markdown specs with code,
 * JSON, CSS, package READMEs) plus CJK and base64-in-prose texts: median error 1.8 %, 90th percentile
 * 5 %, worst 11 %. There is no hard worst case: a region of very different density that every window
 * misses (a base64 blob in prose) shifts the estimate by up to that region's share of the text. Callers
 * comparing a sampled estimate against a context window should leave this much slack.
 */
export const SAMPLED_ERROR_BOUND = 0.12;

/**
 * The routing path's fixed budget (`quickMessageTokens`): a request whose text is at most this many chars
 * is counted exactly; a longer one is estimated from `QUICK_WINDOWS` × `QUICK_WINDOW_CHARS` sampled chars.
 * BPE costs 20–80 ns per char (more for capitalised names and punctuation), so 240 chars keep the count
 * under ~15 µs on any input, which is what lets a whole routing decision fit in 50 µs.
 */
export const QUICK_EXACT_CHARS = 240;
export const QUICK_WINDOWS = 5;
export const QUICK_WINDOW_CHARS = 48;
/**
 * Error bound of the quick estimate, measured like `SAMPLED_ERROR_BOUND` on the same 262 texts: median
 * 8 %, 90th percentile 18 %, worst 31 %. Coarse, and enough for what routing reads it for (size bands of
 * thousands of tokens). Where a decision hinges on it — a context window inside the error band — the
 * router re-counts with `countMessageTokens` (contextRefinement.ts); what users see as a cost estimate is
 * re-counted the same way off the routing path.
 */
export const QUICK_ERROR_BOUND = 0.35;

type CountTokens = (text: string) => number;

// Special-token text such as "<|endoftext|>" in a user's prompt is ordinary text, not a reason to throw.
const NO_SPECIAL: Set<string> = new Set();
let countExact: CountTokens | undefined;

function counter(): CountTokens {
  if (countExact === undefined) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose: the o200k ranks take ~200 ms to load, so they load on first use, not at extension activation.
    const tokenizer = require('./o200kTokenizer') as typeof O200k;
    countExact = (text) => tokenizer.countTokens(text, { disallowedSpecial: NO_SPECIAL });
  }
  return countExact;
}

/** Loads the tokenizer now (e.g. in the background after activation) so the first route is not slowed. */
export function preloadTokenizer(): void {
  counter();
}

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13;
}

/** Moves `index` forward to just after a whitespace within `limit` chars, so windows start on a word. */
function snapForward(text: string, index: number, limit: number): number {
  for (let i = index; i < Math.min(text.length, index + limit); i++) {
    if (isSpace(text.charCodeAt(i))) return i + 1;
  }
  return index;
}

/** Moves `index` back to a whitespace within `limit` chars, so windows end on a word. */
function snapBack(text: string, index: number, limit: number): number {
  for (let i = index; i > Math.max(0, index - limit); i--) {
    if (isSpace(text.charCodeAt(i - 1))) return i;
  }
  return index;
}

/**
 * Tokens of `texts` (taken as one text of `totalChars` chars) extrapolated from `windows` windows of
 * `windowChars` chars spread evenly over the whole; a window never spans two texts.
 */
function sampledCount(texts: readonly string[], totalChars: number, windows: number, windowChars: number, count: CountTokens): number {
  const span = Math.max(0, totalChars - windowChars);
  let sampledChars = 0;
  let sampledTokens = 0;
  let textIndex = 0;
  let textStart = 0; // offset of texts[textIndex] in the whole
  for (let w = 0; w < windows; w++) {
    const at = Math.floor((span * w) / (windows - 1));
    while (textIndex < texts.length - 1 && at >= textStart + (texts[textIndex]?.length ?? 0)) {
      textStart += texts[textIndex]?.length ?? 0;
      textIndex++;
    }
    const text = texts[textIndex] ?? '';
    const local = at - textStart;
    const snap = Math.min(32, windowChars >> 2);
    const start = local === 0 ? 0 : snapForward(text, local, snap);
    const end = Math.min(text.length, snapBack(text, start + windowChars, snap));
    if (end <= start) continue;
    sampledChars += end - start;
    sampledTokens += count(text.slice(start, end));
  }
  return Math.ceil((totalChars * sampledTokens) / Math.max(1, sampledChars));
}

/**
 * Estimated tokens of `text` (o200k_base). Exact up to `EXACT_CAP_CHARS`; beyond that, sampled in
 * constant time (8 × 256 chars) and extrapolated by length, within `SAMPLED_ERROR_BOUND` on typical text.
 */
export function estimateTokens(text: string): number {
  if (text.length === 0) return 0;
  const count = counter();
  return text.length <= EXACT_CAP_CHARS ? count(text) : sampledCount([text], text.length, SAMPLE_WINDOWS, SAMPLE_WINDOW_CHARS, count);
}

/** The texts of a request and what it costs beyond them (framing and images), in tokens. */
function requestParts(messages: readonly ChatMessage[]): { readonly texts: string[]; readonly chars: number; readonly fixed: number } {
  const texts: string[] = [];
  let chars = 0;
  let fixed = REPLY_PRIMER_TOKENS;
  for (const message of messages) {
    fixed += MESSAGE_OVERHEAD_TOKENS;
    if (typeof message.content === 'string') {
      if (message.content.length > 0) { texts.push(message.content); chars += message.content.length; }
      continue;
    }
    for (const part of message.content) {
      if (part.type === 'image') fixed += IMAGE_TOKEN_ESTIMATE;
      else if (part.text.length > 0) { texts.push(part.text); chars += part.text.length; }
    }
  }
  return { texts, chars, fixed };
}

/** A prompt-size estimate in tokens and its relative error bound (0 when counted exactly). */
export interface TokenCount {
  readonly tokens: number;
  readonly errorBound: number;
}

/**
 * Estimated prompt tokens of a whole request within a fixed budget of BPE work (`QUICK_EXACT_CHARS`):
 * exact for short requests, else within `QUICK_ERROR_BOUND`. Framing and images count as in
 * `estimateMessageTokens`. For routing, where the time budget is tens of microseconds.
 */
export function quickMessageTokens(messages: readonly ChatMessage[]): TokenCount {
  if (messages.length === 0) return { tokens: 0, errorBound: 0 };
  const { texts, chars, fixed } = requestParts(messages);
  const count = counter();
  if (chars <= QUICK_EXACT_CHARS) {
    let tokens = fixed;
    for (const text of texts) tokens += count(text);
    return { tokens, errorBound: 0 };
  }
  return { tokens: fixed + sampledCount(texts, chars, QUICK_WINDOWS, QUICK_WINDOW_CHARS, count), errorBound: QUICK_ERROR_BOUND };
}

/**
 * Estimated prompt tokens of a whole chat request: every text part, `IMAGE_TOKEN_ESTIMATE` per image,
 * `MESSAGE_OVERHEAD_TOKENS` per message and `REPLY_PRIMER_TOKENS` once; with its error bound (0 when
 * every text is within `EXACT_CAP_CHARS`, else `SAMPLED_ERROR_BOUND`).
 */
export function countMessageTokens(messages: readonly ChatMessage[]): TokenCount {
  if (messages.length === 0) return { tokens: 0, errorBound: 0 };
  const { texts, fixed } = requestParts(messages);
  let tokens = fixed;
  let sampled = false;
  for (const text of texts) {
    tokens += estimateTokens(text);
    sampled ||= text.length > EXACT_CAP_CHARS;
  }
  return { tokens, errorBound: sampled ? SAMPLED_ERROR_BOUND : 0 };
}

/** `countMessageTokens` without the bound. */
export function estimateMessageTokens(messages: readonly ChatMessage[]): number {
  return countMessageTokens(messages).tokens;
}
