import type { ChatMessage } from '../types';
import type { RouteRequest } from '../routing/taskProfile';

/** Tokens in a text; the classifier's tokenizer when wired, `roughTokens` otherwise. */
export type TokenEstimator = (text: string) => number;

/** ~4 characters per token: close enough for English and code to keep context inside a budget. */
export const roughTokens: TokenEstimator = (text) => Math.ceil(text.length / 4);

/** What the active editor shows, as plain data (the VS Code layer fills it in). */
export interface EditorSnapshot {
  /** Workspace-relative path for files on disk; undefined for untitled or virtual documents. */
  readonly path?: string;
  /** What to call the document in the prompt (the path, or e.g. `Untitled-1`). */
  readonly name: string;
  readonly languageId: string;
  readonly text: string;
  /** Zero-based cursor line; the file window is centred on it when the file does not fit. */
  readonly cursorLine: number;
  /** A non-empty selection, with zero-based inclusive lines. */
  readonly selection?: { readonly text: string; readonly startLine: number; readonly endLine: number };
}

/** What was attached, for the header and the log. Lines are one-based and inclusive. */
export interface AttachedContext {
  readonly selection?: { readonly fromLine: number; readonly toLine: number; readonly truncated: boolean };
  readonly file?: { readonly name: string; readonly fromLine: number; readonly toLine: number; readonly whole: boolean };
  /** File names of attached images (`imageAttachments.ts`). */
  readonly images?: readonly string[];
  readonly tokens: number;
}

export interface AskRequest {
  readonly request: RouteRequest;
  readonly attached: AttachedContext;
}

/**
 * Builds the Ask Best Model request: the selection first, then as much of the active file as still fits
 * in `budgetTokens` (whole, or a window of lines around the cursor), then the prompt last so the question
 * is the freshest thing the model reads. A selection covering the whole file is attached once.
 */
export function buildAskRequest(prompt: string, editor: EditorSnapshot | undefined, budgetTokens: number, estimate: TokenEstimator = roughTokens): AskRequest {
  const parts: string[] = [];
  let remaining = Math.max(0, Math.floor(budgetTokens));
  let selection: AttachedContext['selection'];
  let file: AttachedContext['file'];
  if (editor !== undefined && remaining > 0) {
    const sel = editor.selection;
    const selectionIsFile = sel !== undefined && sel.text === editor.text;
    if (sel !== undefined && !selectionIsFile) {
      const lines = sel.text.split('\n');
      const kept = takeLines(lines, 0, remaining, estimate);
      if (kept.count > 0) {
        const fromLine = sel.startLine + 1;
        const toLine = sel.startLine + kept.count;
        parts.push(codeBlock(`Selected code from ${editor.name} (lines ${fromLine}–${toLine})`, editor.languageId, kept.text));
        remaining -= kept.tokens;
        selection = { fromLine, toLine, truncated: kept.count < lines.length };
      }
    }
    const lines = editor.text.split('\n');
    const center = sel?.startLine ?? editor.cursorLine;
    const window = remaining > 0 && editor.text.trim() !== '' ? windowAround(lines, center, remaining, estimate) : undefined;
    if (window !== undefined && window.to >= window.from) {
      const whole = window.from === 0 && window.to === lines.length - 1;
      const label = whole
        ? `The active file ${editor.name}`
        : `Part of the active file ${editor.name} (lines ${window.from + 1}–${window.to + 1} of ${lines.length})`;
      parts.push(codeBlock(label, editor.languageId, lines.slice(window.from, window.to + 1).join('\n')));
      remaining -= window.tokens;
      file = { name: editor.name, fromLine: window.from + 1, toLine: window.to + 1, whole };
    }
  }
  parts.push(prompt.trim());
  const attachedAny = selection !== undefined || file !== undefined;
  const messages: ChatMessage[] = [{ role: 'user', content: parts.join('\n\n') }];
  const request: RouteRequest = {
    messages,
    feature: 'ask',
    ...(attachedAny && editor !== undefined ? { languageId: editor.languageId } : {}),
    ...(attachedAny && editor?.path !== undefined ? { contextFiles: [editor.path] } : {}),
  };
  return { request, attached: { selection, file, tokens: Math.max(0, Math.floor(budgetTokens)) - remaining } };
}

/** The longest prefix of `lines` (from `start`) within `budget` tokens. */
function takeLines(lines: readonly string[], start: number, budget: number, estimate: TokenEstimator): { text: string; count: number; tokens: number } {
  let tokens = 0;
  let count = 0;
  for (let i = start; i < lines.length; i++) {
    const cost = estimate(`${lines[i] ?? ''}\n`);
    if (tokens + cost > budget) break;
    tokens += cost;
    count++;
  }
  return { text: lines.slice(start, start + count).join('\n'), count, tokens };
}

/** Grows a window of lines outward from `center`, alternating below and above, while it fits. */
function windowAround(lines: readonly string[], center: number, budget: number, estimate: TokenEstimator): { from: number; to: number; tokens: number } | undefined {
  // One estimate of the whole text first: the common case (the file fits) never goes line by line.
  const total = estimate(lines.join('\n'));
  if (total <= budget) return { from: 0, to: lines.length - 1, tokens: total };
  const mid = Math.min(Math.max(0, center), lines.length - 1);
  let from = mid;
  let to = mid - 1;
  let tokens = 0;
  let grew = true;
  while (grew) {
    grew = false;
    for (const down of [true, false]) {
      const index = down ? to + 1 : from - 1;
      if (index < 0 || index >= lines.length) continue;
      const cost = estimate(`${lines[index] ?? ''}\n`);
      if (tokens + cost > budget) continue;
      tokens += cost;
      if (down) to = index;
      else from = index;
      grew = true;
    }
  }
  return to >= from ? { from, to, tokens } : undefined;
}

/** A fenced block whose fence is longer than any backtick run inside, so content cannot close it. */
function codeBlock(label: string, languageId: string, text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${label}:\n${fence}${languageId}\n${text}\n${fence}`;
}
