/**
 * The life of one proposed edit shown as a diff (Apply): open until the user accepts or discards it (or closes
 * the diff), and applied only when the document is still as it was when the diff opened. Pure: the editor
 * adapter (src/vscode/editor/applyDiff.ts) reads the document and carries out the decision.
 */

/** How a proposal ended. `stale`: the document changed after the diff opened, so nothing was applied. */
export type ApplyOutcome = 'applied' | 'discarded' | 'stale' | 'closed' | 'failed';

/** What the adapter must do when the user presses Accept. */
export type AcceptDecision = { readonly kind: 'apply' } | { readonly kind: 'stale' } | { readonly kind: 'settled'; readonly outcome: ApplyOutcome };

/** The document as the adapter sees it: its version and the text of the range the proposal replaces. */
export interface DocumentProbe {
  readonly version: number;
  readonly targetText: string;
}

export class ApplyProposal {
  private outcome: ApplyOutcome | undefined;

  /** `opened`: the document when the diff opened. */
  constructor(private readonly opened: DocumentProbe) {}

  get settled(): ApplyOutcome | undefined {
    return this.outcome;
  }

  /**
   * Accept: apply only when the document is unchanged since the diff opened (same version, same target
   * text); otherwise the proposal goes stale, because the proposed text was computed from the old one.
   */
  accept(now: DocumentProbe): AcceptDecision {
    if (this.outcome !== undefined) return { kind: 'settled', outcome: this.outcome };
    if (now.version !== this.opened.version || now.targetText !== this.opened.targetText) {
      this.outcome = 'stale';
      return { kind: 'stale' };
    }
    return { kind: 'apply' };
  }

  /** The edit went through (`true`) or the editor refused it. */
  applied(ok: boolean): ApplyOutcome {
    this.outcome ??= ok ? 'applied' : 'failed';
    return this.outcome;
  }

  /** Discard (the button) or `closed` (the user closed the diff tab): nothing changes. A settled proposal stays as it was. */
  dismiss(how: 'discarded' | 'closed'): ApplyOutcome {
    this.outcome ??= how;
    return this.outcome;
  }
}
