import type { TaskProfile } from './taskProfile';

/**
 * The learned router's input: a prompt turned into hashed sparse features. Shared by the trainer
 * (scripts/router) and the runtime model so the two can never disagree. Bounded work on any input: only the
 * head and tail of the text are read.
 */

/** Hash buckets (a power of two). 2^16 keeps collisions rare at ~7k training prompts and the model < 1 MB. */
export const FEATURE_BUCKETS = 1 << 16;
/** Chars read from the start and from the end of the prompt (the ask sits at either end). */
export const HEAD_CHARS = 1_200;
export const TAIL_CHARS = 400;
/** Words whose character trigrams are hashed too (typos, inflections, identifiers). */
const CHAR_GRAM_WORDS = 120;

/** What the heuristic classifier already knows, reused as features. */
export type HeuristicFacts = Pick<TaskProfile, 'type' | 'complexity' | 'features'>;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const MASK = FEATURE_BUCKETS - 1;

function hashSlice(text: string, start: number, end: number, seed: number): number {
  let h = (FNV_OFFSET ^ seed) >>> 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

function mix(a: number, b: number): number {
  return Math.imul(a ^ Math.imul(b, 0x9e3779b1), FNV_PRIME) >>> 0;
}

function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 95 || code === 39 || code >= 0xc0;
}

const SEED = { word: 1, bigram: 2, gram: 3, first: 4, last: 5, flag: 6, symbol: 7, head: 8, tail: 9 } as const;
/** Words at the start and at the end that are hashed a second time, as the likely ask. */
const HEAD_WORDS = 10;
const TAIL_WORDS = 6;

function flag(name: string): number {
  return hashSlice(name, 0, name.length, SEED.flag) & MASK;
}

/** Log-2 bucket of a count, so "length" is a handful of features rather than a continuum. */
function bucket(value: number): number {
  return value <= 0 ? 0 : Math.min(15, 1 + Math.floor(Math.log2(value)));
}

function addWords(window: string, out: number[]): void {
  let prev = 0;
  let words = 0;
  let firstWords = 0;
  let lastHash = 0;
  const tail: number[] = [];
  let i = 0;
  while (i < window.length) {
    const code = window.charCodeAt(i);
    if (!isWordChar(code)) {
      // Punctuation that marks code, questions and shapes (`{`, `?`, `#`, `=>`) is a feature of its own.
      if (code > 32 && code < 127) out.push(mix(code, SEED.symbol) & MASK);
      i++;
      continue;
    }
    let end = i + 1;
    while (end < window.length && isWordChar(window.charCodeAt(end))) end++;
    const h = hashSlice(window, i, end, SEED.word);
    out.push(h & MASK);
    if (prev !== 0) out.push(mix(prev, h) & MASK);
    if (firstWords < 3) out.push(mix(h, SEED.first + firstWords * 16) & MASK);
    // The ask leads or trails a paste: the first words count again, apart from the material's words.
    if (firstWords++ < HEAD_WORDS) out.push(mix(h, SEED.head) & MASK);
    if (words < CHAR_GRAM_WORDS && end - i >= 4) {
      out.push(hashSlice(window, i, i + 3, SEED.first + 100) & MASK); // the word's start, apart from its other trigrams
      for (let g = i; g + 3 <= end; g++) out.push(hashSlice(window, g, g + 3, SEED.gram) & MASK);
    }
    prev = h;
    lastHash = h;
    tail[words % TAIL_WORDS] = h;
    words++;
    i = end;
  }
  if (lastHash !== 0) out.push(mix(lastHash, SEED.last) & MASK);
  for (let k = 0; k < Math.min(words, TAIL_WORDS); k++) out.push(mix(tail[k] as number, SEED.tail) & MASK);
  out.push(flag(`words:${bucket(words)}`));
}

const STRUCTURE: readonly [string, RegExp][] = [
  ['trace', /(?:Error|Exception|Traceback|panic:|ERR!|FATAL|error\[E\d+\]|error TS\d+)/],
  ['diff', /^(?:@@|\+\+\+ |--- a\/|diff --git)/m],
  ['fileRef', /#file:?\S/],
  ['fence', /```/],
  ['endsQuestion', /\?\s*$/],
  ['numbers', /\d+(?:\.\d+)?\s*(?:[-+*/x×%]|percent|\$)|\$\d/],
  ['quoted', /["“][^"”]{12,}["”]/],
  ['bullets', /^\s*(?:\d+[.)]|[-*•])\s/m],
];

/**
 * The hashed feature indices of a prompt (repeats allowed: a repeated word weighs more). `out` is cleared and
 * filled; pass a reused array on hot paths.
 */
export function featurize(text: string, facts: HeuristicFacts, out: number[] = []): number[] {
  out.length = 0;
  const window = text.length <= HEAD_CHARS + TAIL_CHARS ? text : `${text.slice(0, HEAD_CHARS)}\n${text.slice(-TAIL_CHARS)}`;
  addWords(window.toLowerCase(), out);
  for (const [name, pattern] of STRUCTURE) if (pattern.test(window)) out.push(flag(name));
  const lines = text.split('\n', 200).length;
  out.push(flag(`chars:${bucket(text.length)}`), flag(`lines:${bucket(lines)}`));
  out.push(flag(`heur:${facts.type}`), flag(`heurCx:${facts.complexity}`), flag(`heur:${facts.type}:${facts.complexity}`));
  out.push(flag(`code:${facts.features.hasCode}`), flag(`tokens:${bucket(facts.features.promptTokens)}`));
  if (facts.features.codeLanguage !== undefined) out.push(flag(`lang:${facts.features.codeLanguage}`));
  out.push(flag('bias'));
  return out;
}
