/**
 * What Enter means in Ask's prompt input (issue 14): exactly the text the user typed or pasted, or a past
 * prompt only when the user moved to it. A quick pick activates its first row by itself whenever its rows
 * change, and until the workbench has shown our latest rows it may activate a stale one; so a past prompt
 * counts as chosen only after the workbench has acknowledged our rows (it activated their first one) and the
 * user then moved the active row. An empty input never sends anything. Pure: the adapter is
 * src/vscode/ask/promptInput.ts.
 */
import { MAX_PROMPT_CHARS } from './promptLimits';

export type PromptRowKind = 'typed' | 'hint' | 'history';

export interface PromptRow {
  /** `role`, not `kind`: a quick pick item's `kind` means separator or not. */
  readonly role: PromptRowKind;
  /** The text a `typed` or `history` row sends. */
  readonly prompt: string;
}

export type PromptDecision =
  | { readonly kind: 'send'; readonly prompt: string; readonly from: 'typed' | 'history' }
  | { readonly kind: 'nothing' }
  | { readonly kind: 'tooLong'; readonly length: number; readonly max: number };

export class PromptPick {
  private rows: readonly PromptRow[] = [];
  /** The workbench has activated the first of the current rows: later activations are the user's. */
  private acknowledged = false;
  private navigated = false;

  constructor(private readonly history: readonly string[]) {}

  /**
   * The rows for `value`: a hint row first when it is blank (so no past prompt is active by default), else
   * the typed text first; the past prompts after either. Resets what the user chose.
   */
  rowsFor(value: string): readonly PromptRow[] {
    const typed = value.trim();
    const past = this.history.filter((p) => p !== typed).map((prompt): PromptRow => ({ role: 'history', prompt }));
    this.rows = [typed === '' ? { role: 'hint', prompt: '' } : { role: 'typed', prompt: value }, ...past];
    this.acknowledged = false;
    this.navigated = false;
    return this.rows;
  }

  /** The workbench reports the active row (its own automatic choice or the user's arrow keys / mouse). */
  activeChanged(row: PromptRow | undefined): void {
    if (!this.acknowledged) {
      if (row === this.rows[0]) this.acknowledged = true;
      return;
    }
    if (row !== undefined && row !== this.rows[0]) this.navigated = true;
  }

  /** Enter, with the input's `value` and the active row. */
  accept(value: string, active: PromptRow | undefined): PromptDecision {
    if (active?.role === 'history' && this.acknowledged && this.navigated && this.rows.includes(active)) {
      return { kind: 'send', prompt: active.prompt, from: 'history' };
    }
    if (value.trim() === '') return { kind: 'nothing' };
    if (value.length > MAX_PROMPT_CHARS) return { kind: 'tooLong', length: value.length, max: MAX_PROMPT_CHARS };
    return { kind: 'send', prompt: value, from: 'typed' };
  }
}
