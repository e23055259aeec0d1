import * as path from 'node:path';
import * as vscode from 'vscode';
import { ApplyProposal, type ApplyOutcome } from '../../core/editor/applyProposal';

/** The read-only right side of an Apply diff: the document as it would be after Accept. */
export const PROPOSAL_SCHEME = 'quorum-proposal';
/** True while the active editor tab is an Apply diff: Accept / Discard show in its title bar and their keys work. */
export const PROPOSAL_CONTEXT_KEY = 'quorum.proposalActive';

/** One proposed replacement of `range` in `document` by `replacement`. */
export interface ProposeArgs {
  readonly document: vscode.TextDocument;
  readonly range: vscode.Range;
  readonly replacement: string;
  /** What proposes it, for the diff tab's title, e.g. "Quorum: Fix by openai/gpt-5". */
  readonly title: string;
}

/** An open Apply diff: `uri` is its right side; `done` settles when the user accepts, discards or closes it. */
export interface ProposalHandle {
  readonly uri: vscode.Uri;
  readonly done: Promise<ApplyOutcome>;
}

interface Pending {
  readonly proposal: ApplyProposal;
  readonly args: ProposeArgs;
  readonly uri: vscode.Uri;
  readonly settle: (outcome: ApplyOutcome) => void;
}

/**
 * Apply as a diff, never a modal: the document on the left, the proposal on the right, Accept / Discard in
 * the diff's title bar (commands `quorum.acceptProposal` / `quorum.discardProposal`, Ctrl+Enter /
 * Ctrl+Shift+Backspace). Either closes the diff. Accept edits the document and never saves it (the user
 * saves); it refuses when the document changed since the diff opened. Closing the tab discards.
 */
export class ApplyDiffs implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly pending = new Map<string, Pending>();
  private readonly disposables: vscode.Disposable[];
  private counter = 0;

  constructor() {
    this.disposables = [
      vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, this),
      vscode.window.tabGroups.onDidChangeTabs((event) => this.onTabs(event)),
      vscode.window.tabGroups.onDidChangeTabGroups(() => this.updateContext()),
    ];
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** Opens the diff and returns at once; `done` says how it ended. */
  async propose(args: ProposeArgs): Promise<ProposalHandle> {
    const { document, range, replacement } = args;
    const text = document.getText();
    const proposed = text.slice(0, document.offsetAt(range.start)) + replacement + text.slice(document.offsetAt(range.end));
    const name = path.basename(document.uri.path) || 'untitled';
    const uri = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${++this.counter}/${name}` });
    this.texts.set(uri.toString(), proposed);
    const proposal = new ApplyProposal(probe(document, range));
    let settle: (outcome: ApplyOutcome) => void = () => undefined;
    const done = new Promise<ApplyOutcome>((resolve) => { settle = resolve; });
    this.pending.set(uri.toString(), { proposal, args, uri, settle });
    await vscode.commands.executeCommand('vscode.diff', document.uri, uri, `${name} ↔ ${args.title} (proposed)`, { preview: false });
    this.updateContext();
    return { uri, done };
  }

  /** Accept: the proposal `uri` (else the active diff's, else the only one open). Returns how it ended. */
  async accept(uri?: vscode.Uri): Promise<ApplyOutcome | undefined> {
    const p = this.find(uri);
    if (p === undefined) return undefined;
    const document = p.args.document;
    const decision = p.proposal.accept(probe(document, p.args.range));
    if (decision.kind === 'settled') return decision.outcome;
    const name = path.basename(document.uri.path) || 'the document';
    if (decision.kind === 'stale') {
      void vscode.window.showWarningMessage(`Quorum: ${name} changed after the diff opened, so nothing was applied. Run Apply again for a fresh diff.`);
      return this.finish(p, 'stale');
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, p.args.range, p.args.replacement);
    const ok = await vscode.workspace.applyEdit(edit);
    if (!ok) void vscode.window.showErrorMessage(`Quorum: VS Code refused the edit to ${name}; nothing was changed.`);
    // Never saved here: the change stays unsaved until the user saves, as any edit would.
    return this.finish(p, p.proposal.applied(ok));
  }

  /** Discard: closes the diff; the document is not touched. */
  async discard(uri?: vscode.Uri): Promise<ApplyOutcome | undefined> {
    const p = this.find(uri);
    if (p === undefined) return undefined;
    return this.finish(p, p.proposal.dismiss('discarded'));
  }

  /** Proposals still open (tests and the context key). */
  get openCount(): number {
    return this.pending.size;
  }

  dispose(): void {
    for (const p of this.pending.values()) p.settle(p.proposal.dismiss('closed'));
    this.pending.clear();
    this.texts.clear();
    for (const d of this.disposables) d.dispose();
  }

  private find(uri: vscode.Uri | undefined): Pending | undefined {
    const byUri = uri === undefined ? undefined : this.pending.get(uri.toString());
    if (byUri !== undefined) return byUri;
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    const active = input instanceof vscode.TabInputTextDiff ? this.pending.get(input.modified.toString()) : undefined;
    if (active !== undefined) return active;
    if (this.pending.size === 1) return this.pending.values().next().value;
    void vscode.window.showInformationMessage(this.pending.size === 0
      ? 'Quorum: no proposed change is open.'
      : 'Quorum: several proposed changes are open; focus the diff to accept or discard.');
    return undefined;
  }

  private async finish(p: Pending, outcome: ApplyOutcome): Promise<ApplyOutcome> {
    this.pending.delete(p.uri.toString());
    await vscode.window.tabGroups.close(diffTabs(p.uri));
    this.texts.delete(p.uri.toString());
    this.updateContext();
    p.settle(outcome);
    return outcome;
  }

  /** A diff the user closed is a discard. */
  private onTabs(event: vscode.TabChangeEvent): void {
    for (const tab of event.closed) {
      const input = tab.input;
      if (!(input instanceof vscode.TabInputTextDiff)) continue;
      const p = this.pending.get(input.modified.toString());
      if (p === undefined || diffTabs(p.uri).length > 0) continue;
      this.pending.delete(p.uri.toString());
      this.texts.delete(p.uri.toString());
      p.settle(p.proposal.dismiss('closed'));
    }
    this.updateContext();
  }

  private updateContext(): void {
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    const active = input instanceof vscode.TabInputTextDiff && this.pending.has(input.modified.toString());
    void vscode.commands.executeCommand('setContext', PROPOSAL_CONTEXT_KEY, active);
  }
}

function probe(document: vscode.TextDocument, range: vscode.Range): { version: number; targetText: string } {
  return { version: document.version, targetText: document.getText(range) };
}

function diffTabs(uri: vscode.Uri): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === uri.toString());
}
