/**
 * Finds code in a prompt: fenced blocks (with or without a language tag), unfenced source by syntax
 * density, and the attached selection's VS Code language id. Bounded work on any input: fences are found
 * with native `indexOf` (no per-char JavaScript), density scans and line counts read a fixed budget of
 * chars and extrapolate beyond it, so a 400 KB paste costs about what a page does.
 */

/** What the classifier needs to know about code in a prompt. */
export interface CodeFacts {
  readonly hasCode: boolean;
  /** VS Code language id when known: the selection's, else the first fence tag (normalised). */
  readonly language?: string;
  /** Lines of code found (fenced content plus unfenced code-like lines when the prose is code). */
  readonly codeLines: number;
  /**
   * The prompt with fenced blocks replaced by a placeholder — the words that ask, without the code — or,
   * when longer than 2 × `PROSE_WINDOW_CHARS`, its head and tail joined by "…" (asks sit at either end).
   */
  readonly prose: string;
  /** Short human facts, e.g. "code fence (typescript)". */
  readonly evidence: readonly string[];
}

/** Non-empty lines scanned for syntax density; enough to tell code from prose, cheap on huge inputs. */
export const DENSITY_SCAN_LINES = 30;
/** Chars scanned for syntax density, whatever the line count. */
export const DENSITY_SCAN_CHARS = 2_400;
/** Chars of a block whose lines are counted one by one; beyond, the count is extrapolated by length. */
export const LINE_COUNT_CHARS = 4_096;
/** Fences parsed per prompt; anything after the last one is taken as prose. */
export const MAX_FENCES = 64;
/** Chars kept from each end of long prose (see `CodeFacts.prose`). */
export const PROSE_WINDOW_CHARS = 500;
/** Lines longer than this are never counted as code (minified code is not worth routing on). */
export const MAX_CODE_LINE_CHARS = 240;

// Language ids that mean "not code" when they come from the editor or a fence tag.
const NOT_CODE = new Set(['', 'plaintext', 'text', 'txt', 'markdown', 'md', 'log', 'output', 'csv', 'tsv']);

// Fence tags people type → the VS Code language ids routing rules match on.
const ALIASES: Readonly<Record<string, string>> = {
  ts: 'typescript', tsx: 'typescriptreact', js: 'javascript', jsx: 'javascriptreact', mjs: 'javascript',
  py: 'python', python3: 'python', rb: 'ruby', rs: 'rust', golang: 'go', sh: 'shellscript', bash: 'shellscript',
  zsh: 'shellscript', shell: 'shellscript', 'c++': 'cpp', cc: 'cpp', hpp: 'cpp', 'c#': 'csharp', cs: 'csharp',
  kt: 'kotlin', yml: 'yaml', ps1: 'powershell', 'objective-c': 'objective-c', tf: 'terraform',
};

// One line "looks like code" when it has statement syntax; prose rarely ends in ; { } or starts with
// declarations. Tuned so an English paragraph scores ~0 and a source file ~60–90 %.
const CODE_LINE = new RegExp(
  [
    String.raw`[;{}]\s*$`,
    String.raw`^\s*[})\]]`,
    String.raw`^\s*(?:def|class|import|from\s+\S+\s+import|function|const|let|var|return|if\s*\(|for\s*\(|while\s*\(|public|private|protected|static|fn|func|package|#include|using|namespace|async|await|export|interface|struct|impl|enum|SELECT|INSERT|UPDATE|CREATE TABLE)\b`,
    String.raw`=>|::|->|\+\+|!==|===|&&|\|\|`,
    String.raw`^\s*(?:@\w+|#!|//|/\*|\*\s|#\s*\w+\s*=)`,
    String.raw`^\s*\w+(?:\.\w+)*\s*\([^)]*\)\s*[:{;]?\s*$`,
    String.raw`^\s*(?:elif|else|except|try|finally)\b.*:\s*$`,
    String.raw`^\s*\w+\s*=\s*[\w"'\[{(]`,
  ].join('|'),
  'i',
);

/** Normalises a fence tag or language id to a VS Code language id; `undefined` when it is not code. */
export function normaliseLanguage(tag: string | undefined): string | undefined {
  if (tag === undefined) return undefined;
  const lower = tag.toLowerCase();
  if (NOT_CODE.has(lower)) return undefined;
  return ALIASES[lower] ?? lower;
}

/** Lines in `text[start, end)`, counted up to `LINE_COUNT_CHARS` and extrapolated by length beyond. */
function countLines(text: string, start: number, end: number): number {
  if (end <= start) return 0;
  const countedEnd = Math.min(end, start + LINE_COUNT_CHARS);
  let lines = 1;
  for (let i = text.indexOf('\n', start); i !== -1 && i < countedEnd - 1; i = text.indexOf('\n', i + 1)) lines++;
  return countedEnd === end ? lines : Math.round((lines * (end - start)) / (countedEnd - start));
}

/** Syntax density of a sample: how many of its non-empty lines look like code, and what it covered. */
export interface Density {
  readonly codeLike: number;
  readonly nonEmpty: number;
  /** Chars read; less than the text's length when the budget ran out. */
  readonly scannedChars: number;
}

/** Density over `text[start, end)`, within `DENSITY_SCAN_LINES` non-empty lines and `DENSITY_SCAN_CHARS`. */
function densityOf(text: string, start: number, end: number): Density {
  let codeLike = 0;
  let nonEmpty = 0;
  let at = start;
  const stop = Math.min(end, start + DENSITY_SCAN_CHARS);
  while (at < stop && nonEmpty < DENSITY_SCAN_LINES) {
    const nl = text.indexOf('\n', at);
    const lineEnd = nl === -1 || nl > end ? end : nl;
    const line = text.slice(at, lineEnd);
    if (line.trim().length > 0) {
      nonEmpty++;
      // A line longer than any sane code line is prose; skipping the regex keeps huge pastes cheap.
      if (line.length <= MAX_CODE_LINE_CHARS && CODE_LINE.test(line)) codeLike++;
    }
    at = lineEnd + 1;
  }
  return { codeLike, nonEmpty, scannedChars: Math.min(at, end) - start };
}

/** Share of non-empty lines that look like code, within the scan budget. */
export function codeDensity(text: string): Density {
  return densityOf(text, 0, text.length);
}

function isCodeDensity({ codeLike, nonEmpty }: Density): boolean {
  return codeLike >= 3 && codeLike >= nonEmpty * 0.4;
}

/** One fenced block: where its body is and what its opening line said. */
interface Fence {
  readonly start: number;
  readonly rawTag: string;
  readonly bodyStart: number;
  readonly bodyEnd: number;
  readonly end: number;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

/** Index where the line holding `index` starts, or -1 when anything but spaces/tabs precede `index`. */
function lineStartBefore(text: string, index: number): number {
  let i = index;
  while (i > 0 && isBlank(text.charCodeAt(i - 1))) i--;
  return i === 0 || text.charCodeAt(i - 1) === 10 ? i : -1;
}

/** The next fence marker ("```"/"~~~" or longer) at or after `from`, in native `indexOf` steps. */
function nextMarker(text: string, from: number): number {
  const tick = text.indexOf('```', from);
  const tilde = text.indexOf('~~~', from);
  return tick === -1 ? tilde : tilde === -1 ? tick : Math.min(tick, tilde);
}

/** Where a block opened by `marker` ends: a line holding only that marker, else the end of the text. */
function closeOf(text: string, marker: string, from: number): { readonly bodyEnd: number; readonly end: number } {
  for (let at = text.indexOf(marker, from); at !== -1; at = text.indexOf(marker, at + 1)) {
    const lineStart = lineStartBefore(text, at);
    if (lineStart === -1) continue;
    let after = at + marker.length;
    while (after < text.length && isBlank(text.charCodeAt(after))) after++;
    if (after === text.length || text.charCodeAt(after) === 10) return { bodyEnd: lineStart, end: after };
  }
  return { bodyEnd: text.length, end: text.length };
}

/** The fenced blocks of `text` (CommonMark-style: a marker at line start, closed by the same marker). */
function findFences(text: string): Fence[] {
  const fences: Fence[] = [];
  let from = 0;
  while (fences.length < MAX_FENCES) {
    const at = nextMarker(text, from);
    if (at === -1) break;
    const start = lineStartBefore(text, at);
    const markerChar = text.charCodeAt(at);
    let markerEnd = at;
    while (markerEnd < text.length && text.charCodeAt(markerEnd) === markerChar) markerEnd++;
    const lineEnd = text.indexOf('\n', markerEnd);
    if (start === -1 || lineEnd === -1) {
      from = markerEnd;
      continue;
    }
    const rawTag = /^[ \t]*([\w+#.-]*)/.exec(text.slice(markerEnd, Math.min(lineEnd, markerEnd + 64)))?.[1] ?? '';
    const { bodyEnd, end } = closeOf(text, text.slice(at, markerEnd), lineEnd + 1);
    fences.push({ start, rawTag, bodyStart: lineEnd + 1, bodyEnd: Math.max(lineEnd + 1, bodyEnd), end });
    from = end;
  }
  return fences;
}

/** Head and tail of `pieces` taken as one text, each `PROSE_WINDOW_CHARS` long, or all of it when short. */
function proseWindow(pieces: readonly string[], total: number): string {
  if (total <= 2 * PROSE_WINDOW_CHARS) return pieces.join('');
  let head = '';
  for (let i = 0; i < pieces.length && head.length < PROSE_WINDOW_CHARS; i++) {
    head += (pieces[i] ?? '').slice(0, PROSE_WINDOW_CHARS - head.length);
  }
  let tail = '';
  for (let i = pieces.length - 1; i >= 0 && tail.length < PROSE_WINDOW_CHARS; i--) {
    const piece = pieces[i] ?? '';
    tail = piece.slice(Math.max(0, piece.length - (PROSE_WINDOW_CHARS - tail.length))) + tail;
  }
  return `${head}\n…\n${tail}`;
}

/**
 * Code facts of `text` (the user's words plus any attached selection) and the editor's `languageId`.
 * A fence counts as code when it has a code language tag or code-like content; untagged logs do not.
 * Line counts past `LINE_COUNT_CHARS` per block are extrapolated (complexity only reads size bands).
 */
export function detectCode(text: string, languageId?: string): CodeFacts {
  const evidence: string[] = [];
  let language = normaliseLanguage(languageId);
  let hasCode = language !== undefined;
  let codeLines = 0;
  if (language !== undefined) evidence.push(`selection (${language})`);

  const pieces: string[] = [];
  let proseChars = 0;
  let last = 0;
  for (const fence of findFences(text)) {
    const tag = normaliseLanguage(fence.rawTag);
    const isCode = tag !== undefined || (fence.rawTag === '' && isCodeDensity(densityOf(text, fence.bodyStart, fence.bodyEnd)));
    const before = text.slice(last, fence.start);
    const placeholder = isCode ? ' [code] ' : ' [block] ';
    pieces.push(before, placeholder);
    proseChars += before.length + placeholder.length;
    last = fence.end;
    if (!isCode) continue;
    hasCode = true;
    codeLines += countLines(text, fence.bodyStart, fence.bodyEnd);
    language ??= tag;
    evidence.push(tag !== undefined ? `code fence (${tag})` : 'code fence');
  }
  const rest = last === 0 ? text : text.slice(last);
  pieces.push(rest);
  proseChars += rest.length;

  // Unfenced code: a pasted snippet or a selection sent as plain text. Read from the longest prose piece
  // (the paste), within the density budget; its line count is extrapolated past what was read.
  if (!hasCode || language === undefined || codeLines === 0) {
    const paste = pieces.reduce((a, b) => (b.length > a.length ? b : a), '');
    const density = densityOf(paste, 0, paste.length);
    if (isCodeDensity(density)) {
      hasCode = true;
      codeLines += density.scannedChars >= paste.length
        ? density.nonEmpty
        : Math.round((density.nonEmpty * paste.length) / Math.max(1, density.scannedChars));
      evidence.push(`code-like lines (${density.codeLike}/${density.nonEmpty})`);
    } else if (language !== undefined && codeLines === 0) {
      // The selection is code but was pasted inside prose: count its share of lines.
      codeLines += density.codeLike;
    }
  }
  const prose = proseWindow(pieces, proseChars);
  return { hasCode, codeLines, prose, evidence, ...(language !== undefined ? { language } : {}) };
}
