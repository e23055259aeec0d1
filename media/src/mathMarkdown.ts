import katex from 'katex';
import type { MarkdownIt, StateBlock, StateInline } from 'markdown-it';

/**
 * Math in answers: `$…$` and `\(…\)` inline, `$$…$$` and `\[…\]` as display math, rendered by KaTeX as
 * MathML only. The webviews' CSP allows no inline styles, and KaTeX's HTML output positions every glyph with
 * one; MathML needs none (Chromium lays it out), so nothing is loosened. The output still goes through
 * DOMPurify with the rest of the answer. KaTeX runs with `trust: false` (no \href, \url, \includegraphics,
 * \htmlClass…) and bounded macro expansion.
 *
 * Dollar amounts are not math: an opening `$` must be followed by a non-space, a closing `$` must follow a
 * non-space and must not be followed by a digit (Pandoc's rule), so "costs $5 and $10" stays text.
 */

/** Longer TeX than this is left as text: no model writes a formula this long, and it keeps rendering cheap. */
const MAX_TEX = 4_000;

/**
 * `tex` as MathML. KaTeX wraps it in `<semantics>` with the TeX source in an `<annotation>`; DOMPurify's MathML
 * profile drops both elements but would keep the annotation's text (the raw TeX) on screen, so they are taken
 * out here: `<math>` then holds the `<mrow>` alone. The source stays readable in the text as written.
 */
export function renderTex(tex: string, displayMode: boolean, escapeHtml: (text: string) => string): string {
  let html: string;
  try {
    html = katex.renderToString(tex, { displayMode, output: 'mathml', throwOnError: true, trust: false, strict: 'ignore', maxExpand: 200, maxSize: 20 });
  } catch (error) {
    // KaTeX's own error output carries an inline style the CSP refuses: TeX it cannot parse shows as code instead.
    const why = error instanceof Error ? error.message : 'not valid TeX';
    return `<code class="math-error" title="${escapeHtml(why)}">${escapeHtml(tex)}</code>`;
  }
  return html.replace(/<annotation\b[^>]*>[\s\S]*?<\/annotation>/g, '').replace(/<\/?semantics>/g, '');
}

const DOLLAR = 0x24;
const BACKSLASH = 0x5c;

/** The end of an inline `$…$` starting at `start` (the opening `$`), or -1. */
function closingDollar(src: string, start: number, max: number): number {
  const first = src[start + 1];
  if (first === undefined || /\s/.test(first)) return -1;
  for (let i = start + 1; i < max; i++) {
    const c = src[i];
    if (c === '\\') { i++; continue; }
    if (c === '\n' && src[i + 1] === '\n') return -1;
    if (c !== '$') continue;
    if (/\s/.test(src[i - 1] ?? ' ') || /\d/.test(src[i + 1] ?? '')) continue;
    return i - start - 1 > 0 && i - start - 1 <= MAX_TEX ? i : -1;
  }
  return -1;
}

function mathInline(state: StateInline, silent: boolean): boolean {
  const { src, pos, posMax } = state;
  const code = src.charCodeAt(pos);
  let open: string;
  let close: string;
  if (code === DOLLAR) {
    [open, close] = src.startsWith('$$', pos) ? ['$$', '$$'] : ['$', '$'];
  } else if (code === BACKSLASH && (src[pos + 1] === '(' || src[pos + 1] === '[')) {
    [open, close] = src[pos + 1] === '(' ? ['\\(', '\\)'] : ['\\[', '\\]'];
  } else {
    return false;
  }
  const end = open === '$' ? closingDollar(src, pos, posMax) : src.indexOf(close, pos + open.length);
  if (end < 0 || end > posMax) return false;
  const tex = src.slice(pos + open.length, end);
  if (tex.trim() === '' || tex.length > MAX_TEX) return false;
  if (!silent) {
    const token = state.push(open === '$' || open === '\\(' ? 'math_inline' : 'math_display_inline', 'math', 0);
    token.content = tex;
    token.markup = open;
  }
  state.pos = end + close.length;
  return true;
}

/** `$$` or `\[` opening a line, through the line that ends with `$$` or `\]`. */
function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const start = state.bMarks[startLine]! + state.tShift[startLine]!;
  const firstLine = state.src.slice(start, state.eMarks[startLine]);
  const open = firstLine.startsWith('$$') ? '$$' : firstLine.startsWith('\\[') ? '\\[' : undefined;
  if (open === undefined || state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const close = open === '$$' ? '$$' : '\\]';
  let line = startLine;
  let text = firstLine.slice(open.length);
  let found = text.trimEnd().endsWith(close);
  while (!found && ++line < endLine) {
    const content = state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]);
    if (content.trim() === '' && state.isEmpty(line)) return false;
    text += `\n${content}`;
    found = content.trimEnd().endsWith(close);
  }
  if (!found) return false;
  const tex = text.trimEnd().slice(0, -close.length);
  if (tex.trim() === '' || tex.length > MAX_TEX) return false;
  if (silent) return true;
  const token = state.push('math_block', 'math', 0);
  token.block = true;
  token.content = tex;
  token.map = [startLine, line + 1];
  state.line = line + 1;
  return true;
}

/** Adds the math rules to `md`: before `escape`, which would otherwise eat `\(` and `\[`. */
export function mathPlugin(md: MarkdownIt): void {
  md.inline.ruler.before('escape', 'math_inline', mathInline);
  md.block.ruler.before('fence', 'math_block', mathBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  const escape = md.utils.escapeHtml;
  md.renderer.rules['math_inline'] = (tokens, i) => renderTex(tokens[i]?.content ?? '', false, escape);
  md.renderer.rules['math_display_inline'] = (tokens, i) => renderTex(tokens[i]?.content ?? '', true, escape);
  md.renderer.rules['math_block'] = (tokens, i) => `<div class="math-block">${renderTex(tokens[i]?.content ?? '', true, escape)}</div>\n`;
}
