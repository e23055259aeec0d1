/**
 * Finds code in a prompt: fenced blocks (with or without a language tag), unfenced source by syntax
 * density, and the attached selection's VS Code language id. Linear in the text and bounded: the
 * density scan looks at most `DENSITY_SCAN_LINES` lines, so a 400 KB paste costs the same as a page.
 */

/** What the classifier needs to know about code in a prompt. */
export interface CodeFacts {
  readonly hasCode: boolean;
  /** VS Code language id when known: the selection's, else the first fence tag (normalised). */
  readonly language?: string;
  /** Lines of code found (fenced content plus unfenced code-like lines when the prose is code). */
  readonly codeLines: number;
  /** The prompt with fenced blocks replaced by a placeholder: the words that ask, without the code. */
  readonly prose: string;
  /** Short human facts, e.g. "code fence (typescript)". */
  readonly evidence: readonly string[];
}

/** Lines scanned for syntax density; enough to tell code from prose, cheap on huge inputs. */
export const DENSITY_SCAN_LINES = 200;
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

const FENCE = /^[ \t]*(```+|~~~+)[ \t]*([\w+#.-]*)[^\n]*\n([\s\S]*?)(?:^[ \t]*\1[ \t]*$|(?![\s\S]))/gm;

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

function countLines(text: string): number {
  let lines = text.length > 0 ? 1 : 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < text.length - 1; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

/** Share of non-empty lines that look like code, over at most `DENSITY_SCAN_LINES` lines. */
export function codeDensity(text: string): { readonly codeLike: number; readonly nonEmpty: number } {
  let codeLike = 0;
  let nonEmpty = 0;
  let start = 0;
  while (start < text.length && nonEmpty < DENSITY_SCAN_LINES) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    const line = text.slice(start, end);
    if (line.trim().length > 0) {
      nonEmpty++;
      // A line longer than any sane code line is prose; skipping the regex keeps huge pastes cheap.
      if (line.length <= MAX_CODE_LINE_CHARS && CODE_LINE.test(line)) codeLike++;
    }
    start = end + 1;
  }
  return { codeLike, nonEmpty };
}

function looksLikeCode(text: string): boolean {
  const { codeLike, nonEmpty } = codeDensity(text);
  return codeLike >= 3 && codeLike >= nonEmpty * 0.4;
}

/**
 * Code facts of `text` (the user's words plus any attached selection) and the editor's `languageId`.
 * A fence counts as code when it has a code language tag or code-like content; untagged logs do not.
 */
export function detectCode(text: string, languageId?: string): CodeFacts {
  const evidence: string[] = [];
  let language = normaliseLanguage(languageId);
  let hasCode = language !== undefined;
  let codeLines = 0;
  if (language !== undefined) evidence.push(`selection (${language})`);

  let prose = text;
  if (text.includes('```') || text.includes('~~~')) {
    const parts: string[] = [];
    let last = 0;
    for (const match of text.matchAll(FENCE)) {
      const tag = normaliseLanguage(match[2]);
      const body = match[3] ?? '';
      const isCode = tag !== undefined || (match[2] === '' && looksLikeCode(body));
      parts.push(text.slice(last, match.index), isCode ? ' [code] ' : ' [block] ');
      last = match.index + match[0].length;
      if (!isCode) continue;
      hasCode = true;
      codeLines += countLines(body);
      language ??= tag;
      evidence.push(tag !== undefined ? `code fence (${tag})` : 'code fence');
    }
    parts.push(text.slice(last));
    prose = parts.join('');
  }

  // Unfenced code: a pasted snippet or a selection sent as plain text.
  if (!hasCode || language === undefined || codeLines === 0) {
    const { codeLike, nonEmpty } = codeDensity(prose);
    if (codeLike >= 3 && codeLike >= nonEmpty * 0.4) {
      hasCode = true;
      codeLines += nonEmpty < DENSITY_SCAN_LINES ? nonEmpty : countLines(prose);
      evidence.push(`code-like lines (${codeLike}/${nonEmpty})`);
    } else if (language !== undefined && codeLines === 0) {
      // The selection is code but was pasted inside prose: count its share of lines.
      codeLines += codeLike;
    }
  }
  return { hasCode, codeLines, prose, evidence, ...(language !== undefined ? { language } : {}) };
}
