/**
 * Turns extracted code into the text that replaces a selection: the document's line endings, the
 * selection's base indentation (tabs or spaces as the document uses them, relative indentation kept) and
 * the selection's own leading/trailing blank lines. Nothing else in the code is changed.
 */

/** How the document is written, as the editor reports it. */
export interface ReplacementOptions {
  /** The document's line ending. */
  readonly eol: '\n' | '\r\n';
  /** One level of indentation in the document: "\t" or N spaces (from the editor's options). */
  readonly indentUnit?: string;
  /** Columns per tab in the document (editor `tabSize`); 4 when absent. */
  readonly tabSize?: number;
  /**
   * The document's text between the start of the selection's first line and the selection start. When the
   * selection starts after the indentation (or mid-line), that text stays in the document, so the first
   * line of the replacement must not repeat it. Absent = the selection starts at column 0.
   */
  readonly linePrefix?: string;
}

const DEFAULT_TAB_SIZE = 4;
// Indent widths we trust when inferring a unit; anything else (1, 5, alignment) means "unknown".
const PLAUSIBLE_UNITS = new Set([2, 3, 4, 8]);

function leadingWhitespace(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

function isBlank(line: string): boolean {
  return line.trim() === '';
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Indent unit in spaces of space-indented `lines`: the gcd of their indents above the smallest one. */
function spaceUnit(lines: readonly string[]): number | undefined {
  const widths = lines.filter((l) => !isBlank(l) && !leadingWhitespace(l).includes('\t')).map((l) => leadingWhitespace(l).length);
  if (widths.length === 0) return undefined;
  const min = Math.min(...widths);
  const unit = widths.map((w) => w - min).filter((w) => w > 0).reduce(gcd, 0);
  return PLAUSIBLE_UNITS.has(unit) ? unit : undefined;
}

/** Width in columns of an indentation string, a tab counting `tabWidth` columns. */
function columns(ws: string, tabWidth: number): number {
  let cols = 0;
  for (const ch of ws) cols += ch === '\t' ? tabWidth : 1;
  return cols;
}

/** The indentation style the output must use. */
interface Style {
  readonly tabs: boolean;
  /** Columns per indentation level in the document. */
  readonly width: number;
}

function documentStyle(originalLines: readonly string[], base: string, options: ReplacementOptions): Style {
  const tabSize = options.tabSize ?? DEFAULT_TAB_SIZE;
  const indented = originalLines.map(leadingWhitespace).filter((ws) => ws !== '');
  // What the selection itself shows wins over the editor setting: files often disagree with the settings.
  const tabs = base !== '' ? base.includes('\t') : indented.length > 0 ? indented.some((ws) => ws.startsWith('\t')) : options.indentUnit === '\t';
  if (tabs) return { tabs, width: tabSize };
  const fromOptions = options.indentUnit !== undefined && /^ +$/.test(options.indentUnit) ? options.indentUnit.length : undefined;
  return { tabs, width: spaceUnit(originalLines) ?? fromOptions ?? tabSize };
}

/**
 * Re-indents `code` lines (no leading/trailing blank lines) so the first line sits at `base`, converting
 * the model's indentation levels into the document's style and level width.
 */
function reindent(code: readonly string[], base: string, style: Style): string[] {
  const modelTabs = code.some((l) => leadingWhitespace(l).includes('\t'));
  // One model level in model columns: a tab is one level; spaces use their inferred unit. When the unit
  // cannot be inferred, assume the document's width, which means "no rescaling".
  const modelWidth = modelTabs ? style.width : spaceUnit(code) ?? style.width;
  const modelCols = (line: string): number => columns(leadingWhitespace(line), modelTabs ? modelWidth : style.width);
  const firstCols = modelCols(code[0] ?? '');
  const baseCols = columns(base, style.width);
  const render = (cols: number): string =>
    style.tabs ? '\t'.repeat(Math.floor(cols / style.width)) + ' '.repeat(cols % style.width) : ' '.repeat(cols);
  return code.map((line) => {
    if (isBlank(line)) return '';
    const rel = modelCols(line) - firstCols;
    // Whole model levels map to whole document levels; leftover columns (alignment) are kept as they are.
    const levels = Math.trunc(rel / modelWidth);
    const scaled = levels * style.width + (rel - levels * modelWidth);
    const indent = scaled >= 0 ? base + render(scaled) : render(Math.max(0, baseCols + scaled));
    return indent + line.slice(leadingWhitespace(line).length);
  });
}

/**
 * The text to put in place of the selection `original`, from `extracted` code (as `extractCode` returns
 * it): `options.eol` line endings; the first non-empty line at the selection's base indentation and every
 * other line shifted with it (relative indentation kept, tabs or spaces as the document uses them, model
 * levels rescaled to the document's width); the selection's leading blank lines and trailing line break
 * (plus any indentation after it) kept exactly. Whitespace-only lines come out empty.
 */
export function computeReplacement(original: string, extracted: string, options: ReplacementOptions): string {
  const originalLines = original.split(/\r\n?|\n/);
  const lead = /^(?:[ \t]*(?:\r\n?|\n))*/.exec(original)?.[0] ?? '';
  const body = original.slice(lead.length);
  const trail = /(?:(?:\r\n?|\n)[ \t]*)*$/.exec(body)?.[0] ?? '';
  const prefix = lead === '' ? options.linePrefix ?? '' : '';
  const prefixIsIndent = prefix.trim() === '';
  const firstOriginal = body.split(/\r\n?|\n/)[0] ?? '';
  // A whitespace prefix is part of the first line's indentation; a code prefix means the selection starts
  // mid-line, so later lines align with that line's indentation and the first line just continues it.
  const base = prefixIsIndent ? prefix + leadingWhitespace(firstOriginal) : leadingWhitespace(prefix);
  const style = documentStyle(prefix === '' ? originalLines : [prefix + firstOriginal, ...originalLines.slice(1)], base, options);

  const modelLines = extracted.replace(/\r\n?/g, '\n').split('\n');
  while (modelLines.length > 0 && isBlank(modelLines[0] ?? '')) modelLines.shift();
  while (modelLines.length > 0 && isBlank(modelLines[modelLines.length - 1] ?? '')) modelLines.pop();
  if (modelLines.length === 0) return lead + trail;

  const lines = reindent(modelLines, base, style);
  if (prefix !== '') {
    const first = lines[0] ?? '';
    lines[0] = prefixIsIndent && first.startsWith(prefix) ? first.slice(prefix.length) : first.trimStart();
  }
  const eol = (text: string): string => text.replace(/\r\n?|\n/g, options.eol);
  return eol(lead) + lines.join(options.eol) + eol(trail);
}
