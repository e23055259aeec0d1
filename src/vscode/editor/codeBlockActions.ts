import * as vscode from 'vscode';
import type { ApplyOutcome } from '../../core/editor/applyProposal';
import { computeReplacement } from '../../core/editor/editComputation';
import type { CodeBlockAction } from '../../shared/codeBlockProtocol';
import type { LastEditorTracker } from '../ask/editorContext';
import type { ApplyDiffs } from './applyDiff';

export interface CodeBlockActionsDeps {
  readonly editors: LastEditorTracker;
  readonly applyDiffs: ApplyDiffs;
}

/** Where Apply puts code: a range of a document (a selection, or the whole file). */
export interface ApplyTarget {
  readonly document: vscode.TextDocument;
  readonly range: vscode.Range;
}

/**
 * The host side of a code block's Copy / Insert / Apply, for every view that renders answers: Copy to the
 * clipboard; Insert at the cursor of the last editor; Apply as a diff with Accept / Discard against the last
 * editor's selection, or its whole file when nothing is selected. Apply resolves when the diff is settled.
 */
export class CodeBlockActions {
  constructor(private readonly deps: CodeBlockActionsDeps) {}

  async run(message: CodeBlockAction, source = message.source): Promise<ApplyOutcome | undefined> {
    switch (message.action) {
      case 'copy':
        await vscode.env.clipboard.writeText(message.code);
        vscode.window.setStatusBarMessage('Quorum: code copied.', 3000);
        return undefined;
      case 'insert':
        await this.insert(message.code);
        return undefined;
      case 'apply':
        return this.apply(message.code, this.target(), source);
    }
  }

  /** The last editor's selection, or its whole file; undefined (and the user told what to do) when none is open. */
  target(): ApplyTarget | undefined {
    const editor = this.deps.editors.editor();
    if (editor === undefined) {
      void vscode.window.showInformationMessage('Open the file to change (select the code to replace, or nothing for the whole file), then choose Apply again.');
      return undefined;
    }
    const { document, selection } = editor;
    const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
    return { document, range: selection.isEmpty ? whole : selection };
  }

  /** Opens the Apply diff for `code` in place of `target` (indentation fitted to the target) and waits for Accept or Discard. */
  async apply(code: string, target: ApplyTarget | undefined, source: string | undefined): Promise<ApplyOutcome | undefined> {
    if (target === undefined) return undefined;
    const { document, range } = target;
    const linePrefix = document.lineAt(range.start.line).text.slice(0, range.start.character);
    const replacement = computeReplacement(document.getText(range), code, {
      eol: document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n',
      linePrefix,
    });
    const handle = await this.deps.applyDiffs.propose({ document, range, replacement, title: source === undefined ? 'Quorum' : `Quorum: ${source}` });
    return handle.done;
  }

  private async insert(code: string): Promise<void> {
    const target = this.deps.editors.editor();
    if (target === undefined) {
      void vscode.window.showInformationMessage('Open a file and place the cursor where the code should go, then choose Insert again.');
      return;
    }
    const editor = await vscode.window.showTextDocument(target.document, { viewColumn: target.viewColumn, selection: target.selection });
    await editor.edit((edit) => edit.replace(editor.selection, code));
  }
}
