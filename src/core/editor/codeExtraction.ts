/**
 * Takes the code out of a model's answer to a code action. Models do not always follow the "one fenced
 * block" rule: they add a second block (usage example, a diff), tag the wrong language, forget the fence,
 * or get cut off before closing it. Each case still yields the most plausible code, and says what it did.
 */
import { normaliseLanguage } from '../routing/codeDetection';

/** How the code was found: the only block, the best of several, or the answer itself (no fence). */
export type ExtractionSource = 'fence' | 'bestFence' | 'noFence';

/** The code of an answer, with `\n` line endings. */
export interface ExtractedCode {
  readonly code: string;
  readonly source: ExtractionSource;
  /** What the user should know before accepting, e.g. a language mismatch or a cut-off answer. */
  readonly note?: string;
  /** The answer's text outside the chosen block (the model's short note), trimmed; absent when none. */
  readonly commentary?: string;
}

/** Why no code could be extracted. */
export type CodeExtractionFailure = 'empty';

/** Thrown when an answer holds no code at all (empty, or only empty fences). */
export class CodeExtractionError extends Error {
  override readonly name = 'CodeExtractionError';
  constructor(readonly reason: CodeExtractionFailure, message: string) {
    super(message);
  }
}

/** One fenced block of an answer, by line index (0-based, `\n`-split). */
interface Block {
  readonly tag: string;
  readonly body: string;
  /** Line index of the opening fence. */
  readonly open: number;
  /** Line index of the closing fence, or the last line + 1 when the answer ended inside the block. */
  readonly close: number;
  readonly terminated: boolean;
}

// CommonMark: up to 3 spaces, then 3+ backticks or tildes; a backtick fence's info string has no backtick.
const OPEN = /^( {0,3})(`{3,}|~{3,})[ \t]*([^\s`]*)[^`]*$/;

/** The fenced blocks of `lines`, CommonMark-style (a closing fence is at least as long as the opening). */
function findBlocks(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = OPEN.exec(lines[i] ?? '');
    if (open === null) continue;
    const indent = open[1]?.length ?? 0;
    const marker = open[2] ?? '```';
    const closing = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`);
    let close = i + 1;
    while (close < lines.length && !closing.test(lines[close] ?? '')) close++;
    // A fence indented inside a list item indents its body too; CommonMark strips up to that much.
    const strip = new RegExp(`^ {0,${indent}}`);
    const body = lines.slice(i + 1, close).map((l) => (indent > 0 ? l.replace(strip, '') : l)).join('\n');
    blocks.push({ tag: open[3] ?? '', body, open: i, close, terminated: close < lines.length });
    i = close;
  }
  return blocks;
}

// React variants share their base language's fence tags (`ts` for a .tsx file is right).
function family(language: string | undefined): string | undefined {
  return language?.replace(/react$/, '');
}

/** True when a fence tag names the document's language (aliases normalised: ts ≡ typescript). */
function matchesLanguage(tag: string, languageId: string): boolean {
  if (tag === '') return false;
  // `normaliseLanguage` maps prose ids (markdown, plaintext) to undefined; compare those by name.
  const canonical = (id: string): string | undefined => family(normaliseLanguage(id) ?? id.toLowerCase());
  return canonical(tag) === canonical(languageId);
}

function longest(blocks: readonly Block[]): Block | undefined {
  return blocks.reduce<Block | undefined>((best, b) => (best === undefined || b.body.length > best.body.length ? b : best), undefined);
}

/**
 * The block to use: the longest tagged with the document's language, else the longest untagged one (models
 * often omit the tag), else the longest of all — a mismatch the caller reports.
 */
function chooseBlock(blocks: readonly Block[], languageId: string): Block | undefined {
  const withCode = blocks.filter((b) => b.body.trim() !== '');
  return (
    longest(withCode.filter((b) => matchesLanguage(b.tag, languageId))) ??
    longest(withCode.filter((b) => b.tag === '')) ??
    longest(withCode)
  );
}

// "Here is the fixed code:", "Sure! Here's the refactored function:" — a lead-in line, not code.
const LEAD_IN = /^(?:(?:sure|certainly|of course|okay|ok)[,.!]?\s*)?(?:here(?:'s| is| are)|below is|this is|the (?:fixed|corrected|refactored|updated|documented)\b)[^\n]*:\s*$/i;

function stripOneTrailingNewline(code: string): string {
  return code.endsWith('\n') ? code.slice(0, -1) : code;
}

function commentaryOf(lines: readonly string[], block: Block): string | undefined {
  const before = lines.slice(0, block.open).join('\n').trim();
  const after = lines.slice(block.close + 1).join('\n').trim();
  const outside = [before, after].filter((t) => t !== '').join('\n\n');
  return outside === '' ? undefined : outside;
}

/**
 * The code of `answer` for a document in `languageId`. Several fenced blocks → the one in the document's
 * language, else the longest; a mismatched tag is still taken but reported in `note`; no fence → the whole
 * answer trimmed, minus a "Here is…:" lead-in line. Line endings become `\n`; one trailing newline of the
 * code is dropped (the edit computation decides line endings). Throws `CodeExtractionError` when there is
 * no code at all.
 */
export function extractCode(answer: string, languageId: string): ExtractedCode {
  const text = answer.replace(/\r\n?/g, '\n');
  if (text.trim() === '') throw new CodeExtractionError('empty', 'The model returned an empty answer.');
  const lines = text.split('\n');
  const blocks = findBlocks(lines);
  if (blocks.length === 0) {
    const trimmed = text.trim().split('\n');
    if (trimmed.length > 1 && LEAD_IN.test(trimmed[0] ?? '')) trimmed.shift();
    const code = trimmed.join('\n').trim();
    if (code === '') throw new CodeExtractionError('empty', 'The model answered without any code.');
    return { code, source: 'noFence', note: 'The answer had no code block; the whole answer is used as code.' };
  }
  const block = chooseBlock(blocks, languageId);
  if (block === undefined) throw new CodeExtractionError('empty', 'The model returned only empty code blocks.');
  const notes: string[] = [];
  if (block.tag !== '' && !matchesLanguage(block.tag, languageId)) {
    notes.push(`The code is marked as ${block.tag}, not ${languageId}.`);
  }
  if (!block.terminated) notes.push('The code block was not closed; the answer may have been cut off.');
  const commentary = commentaryOf(lines, block);
  return {
    code: stripOneTrailingNewline(block.body),
    source: blocks.length === 1 ? 'fence' : 'bestFence',
    ...(notes.length > 0 ? { note: notes.join(' ') } : {}),
    ...(commentary !== undefined ? { commentary } : {}),
  };
}

/** An answer to a code action that holds no fenced code: prose to show the user, never code to apply. */
export interface ExplanationOnly {
  readonly source: 'explanation';
  readonly explanation: string;
}

/**
 * What a code action may apply: the fenced code of `answer` (as `extractCode` finds it), or, when the answer
 * has no fenced block, the answer as an explanation. Prose must never land in the user's file as code
 * (issue 14): guessing that an unfenced answer is code is fine for an eval's syntax check, not for an edit.
 * Throws `CodeExtractionError` when the answer is empty or holds only empty blocks.
 */
export function codeOrExplanation(answer: string, languageId: string): ExtractedCode | ExplanationOnly {
  const extracted = extractCode(answer, languageId);
  return extracted.source === 'noFence' ? { source: 'explanation', explanation: answer.trim() } : extracted;
}
