import { numberFromWords } from './numberWords';

/**
 * Answer normalisation for majority voting: two answers vote together exactly when their keys are equal.
 * Deterministic and pure; the key's prefix says which comparison applied, so a code answer never collides
 * with a text one:
 * - `code:` — the answer has a fenced block (prose around it is ignored): the blocks' code without comments
 *   and without whitespace outside string literals;
 * - `json:` — the answer (after labels) or its fenced block is a JSON object or array: canonical JSON (keys
 *   sorted at every depth, no whitespace; values kept exactly, so string case matters);
 * - `text:` — everything else: labels ("Answer:", "The answer is") dropped, lower-cased, punctuation, quotes
 *   and whitespace dropped, numbers canonical ("1,000" = "1000" = "1000.0" = "one thousand"), "percent" = "%",
 *   and a whole answer that is a yes/no synonym reduced to `yes` / `no`.
 * An empty key (`''`) means there was no answer to vote with.
 */
export function normaliseAnswer(text: string): string {
  const trimmed = text.normalize('NFKC').trim();
  if (trimmed === '') return '';
  const blocks = fencedBlocks(trimmed);
  if (blocks.length > 0) {
    const json = canonicalJson(blocks.map((b) => b.body).join('\n'));
    if (json !== undefined) return `json:${json}`;
    const code = blocks.map((b) => codeKey(b.body, b.lang)).join('');
    return code === '' ? '' : `code:${code}`;
  }
  const unlabelled = stripLabels(trimmed);
  const json = canonicalJson(unlabelled);
  if (json !== undefined) return `json:${json}`;
  const words = textKey(unlabelled);
  return words === '' ? '' : `text:${words}`;
}

// Not the single letters y / n: as whole answers they are as often a variable or an option as a yes or no.
const YES = new Set(['yes', 'yeah', 'yep', 'yup', 'true', 'correct', 'right', 'affirmative']);
const NO = new Set(['no', 'nope', 'nah', 'false', 'incorrect', 'wrong', 'negative']);

/**
 * Leading labels models put before a short answer. A noun label needs its colon, so an answer that merely
 * starts with "Result" keeps it; "answer is" needs no colon ("The final answer is 42").
 */
const LABELS: readonly RegExp[] = [
  /^(?:the\s+)?(?:final\s+|correct\s+|short\s+|best\s+)?answer\s*(?:is\b\s*:?|[:\-–—])\s*/iu,
  /^(?:final\s+)?(?:result|output|response|verdict|solution)\s*:\s*/iu,
];
/** Markdown emphasis, headings and quote markers before a label ("**Answer:** 42", "> Answer: 42"). */
const LEADING_MARKUP = /^[\s*_#>]+/u;

function stripLabels(text: string): string {
  let current = text;
  for (;;) {
    const bare = current.replace(LEADING_MARKUP, '');
    const label = LABELS.find((re) => re.test(bare));
    if (label === undefined) return current;
    current = bare.replace(label, '');
  }
}

/**
 * Words, numbers and `%`. A number is a sign, digits with optional thousands commas, decimals and exponent,
 * not glued to a letter ("3rd" stays a word) nor preceded by a dot ("v1.2.3" stays words).
 */
const TOKEN = /(?<![\p{L}\p{N}.])[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:e[-+]?\d+)?(?![\p{L}\p{N}])|[\p{L}\p{N}]+|%/gu;
const NUMBER = /^[-+]?[\d,]+(?:\.\d+)?(?:e[-+]?\d+)?$/u;

function textKey(text: string): string {
  // Apostrophes join ("don't" = "dont"); every other punctuation mark separates words.
  const lowered = text.toLowerCase().replace(/['’‘`]/gu, '');
  const tokens = (lowered.match(TOKEN) ?? []).map((token) => {
    if (token === 'percent') return '%';
    if (!NUMBER.test(token)) return token;
    const value = Number(token.replace(/,/gu, ''));
    return Number.isFinite(value) ? String(value) : token;
  });
  const spelled = numberFromWords(tokens);
  if (spelled !== undefined) return String(spelled);
  if (tokens.length === 1) {
    const only = tokens[0] ?? '';
    if (YES.has(only)) return 'yes';
    if (NO.has(only)) return 'no';
  }
  return tokens.join(' ');
}

/** Canonical JSON of an object or array; `undefined` for anything else (scalars vote as text). */
export function canonicalJson(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    return canonical(JSON.parse(trimmed) as unknown);
  } catch {
    return undefined;
  }
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

interface FencedBlock {
  readonly lang: string;
  readonly body: string;
}

/** Every ``` block; an unterminated last one (a cut-off answer) runs to the end. */
function fencedBlocks(text: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  for (const match of text.matchAll(/```([^\n`]*)\n?([\s\S]*?)(?:```|$)/gu)) {
    blocks.push({ lang: (match[1] ?? '').trim().toLowerCase(), body: match[2] ?? '' });
  }
  return blocks;
}

type CommentStyle = { readonly slash: boolean; readonly hash: boolean };

const HASH_LANGS = new Set(['python', 'py', 'sh', 'bash', 'shell', 'zsh', 'ruby', 'rb', 'yaml', 'yml', 'r', 'perl', 'pl', 'toml', 'dockerfile', 'makefile', 'powershell', 'ps1']);
const SLASH_LANGS = new Set([
  'js', 'javascript', 'ts', 'typescript', 'jsx', 'tsx', 'c', 'cpp', 'c++', 'h', 'hpp', 'cs', 'csharp', 'java', 'kotlin',
  'kt', 'go', 'rust', 'rs', 'swift', 'scala', 'dart', 'css', 'scss', 'less', 'jsonc', 'json5',
]);

/**
 * The comment syntax of a fence's language: `#` in Python (where `//` is floor division), `//` and `/* *\/`
 * in C-like languages (where `#` starts a directive or a private name), all three when the tag is unknown.
 */
function commentStyle(lang: string): CommentStyle {
  if (HASH_LANGS.has(lang)) return { slash: false, hash: true };
  if (SLASH_LANGS.has(lang)) return { slash: true, hash: false };
  return { slash: true, hash: true };
}

/**
 * Code without comments and without whitespace, except inside string literals (`"a b"` and `"ab"` are
 * different programs). Quotes `'` and `"` end at a newline, so a stray apostrophe cannot swallow the rest.
 */
function codeKey(code: string, lang: string): string {
  const style = commentStyle(lang);
  let out = '';
  let i = 0;
  while (i < code.length) {
    const c = code[i] ?? '';
    const next = code[i + 1];
    if ((style.slash && c === '/' && next === '/') || (style.hash && c === '#')) {
      const end = code.indexOf('\n', i);
      i = end === -1 ? code.length : end;
    } else if (style.slash && c === '/' && next === '*') {
      const end = code.indexOf('*/', i + 2);
      i = end === -1 ? code.length : end + 2;
    } else if (c === '"' || c === "'" || c === '`') {
      const end = stringEnd(code, i);
      out += code.slice(i, end);
      i = end;
    } else {
      if (!/\s/u.test(c)) out += c;
      i += 1;
    }
  }
  return out;
}

/** Index just past the string literal opening at `start` (backslash escapes honoured). */
function stringEnd(code: string, start: number): number {
  const quote = code[start];
  for (let i = start + 1; i < code.length; i += 1) {
    const c = code[i];
    if (c === '\\') i += 1;
    else if (c === quote) return i + 1;
    else if (c === '\n' && quote !== '`') return i;
  }
  return code.length;
}
