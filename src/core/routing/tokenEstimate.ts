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
 * exact counts on 79 real files longer than the cap (this repo's TypeScript, Markdown specs with code,
 * JSON, READMEs) plus CJK and base64-in-prose texts: median error 2 %, 90th percentile 6 %, worst 11 %.
 * There is no hard worst case: a region of very different density that every window misses (a base64
 * blob in prose) shifts the estimate by up to that region's share of the text. Callers comparing a sampled
 * estimate against a context window should leave this much slack.
 */
export const SAMPLED_ERROR_BOUND = 0.12;

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

function sampledEstimate(text: string, count: CountTokens): number {
  const span = text.length - SAMPLE_WINDOW_CHARS;
  let sampledChars = 0;
  let sampledTokens = 0;
  for (let w = 0; w < SAMPLE_WINDOWS; w++) {
    const rawStart = Math.floor((span * w) / (SAMPLE_WINDOWS - 1));
    const start = w === 0 ? 0 : snapForward(text, rawStart, 32);
    const end = w === SAMPLE_WINDOWS - 1 ? text.length : snapBack(text, start + SAMPLE_WINDOW_CHARS, 32);
    const window = text.slice(start, end);
    sampledChars += window.length;
    sampledTokens += count(window);
  }
  return Math.ceil((text.length * sampledTokens) / Math.max(1, sampledChars));
}

/**
 * Estimated tokens of `text` (o200k_base). Exact up to `EXACT_CAP_CHARS`; beyond that, sampled in
 * constant time (8 × 256 chars) and extrapolated by length, within `SAMPLED_ERROR_BOUND` on typical text.
 */
export function estimateTokens(text: string): number {
  if (text.length === 0) return 0;
  const count = counter();
  return text.length <= EXACT_CAP_CHARS ? count(text) : sampledEstimate(text, count);
}

/**
 * Estimated prompt tokens of a whole chat request: every text part, `IMAGE_TOKEN_ESTIMATE` per image,
 * `MESSAGE_OVERHEAD_TOKENS` per message and `REPLY_PRIMER_TOKENS` once.
 */
export function estimateMessageTokens(messages: readonly ChatMessage[]): number {
  if (messages.length === 0) return 0;
  let total = REPLY_PRIMER_TOKENS;
  for (const message of messages) {
    total += MESSAGE_OVERHEAD_TOKENS;
    if (typeof message.content === 'string') {
      total += estimateTokens(message.content);
      continue;
    }
    for (const part of message.content) {
      total += part.type === 'image' ? IMAGE_TOKEN_ESTIMATE : estimateTokens(part.text);
    }
  }
  return total;
}
