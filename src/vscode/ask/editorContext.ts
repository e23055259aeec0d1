import * as vscode from 'vscode';
import type { EditorSnapshot } from '../../core/ask/askContext';

/**
 * Remembers the last text editor the user worked in: once the answer view has focus there is no active
 * text editor, yet "Insert at Cursor" and "Ask Again With…" still mean that one.
 */
export class LastEditorTracker implements vscode.Disposable {
  private last: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  private readonly listener = vscode.window.onDidChangeActiveTextEditor((editor) => {
    if (editor !== undefined && isUserDocument(editor.document)) this.last = editor;
  });

  /** The active editor, else the last one that is still open. */
  editor(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active !== undefined && isUserDocument(active.document)) return active;
    if (this.last !== undefined && !this.last.document.isClosed) return this.last;
    return undefined;
  }

  dispose(): void {
    this.listener.dispose();
  }
}

/**
 * Output and debug consoles also show up as text editors, and so do Quorum's own read-only previews (a
 * proposal's diff, a Compare diff); none is context or a place to insert or apply.
 */
const NOT_USER_SCHEMES = new Set(['output', 'debug', 'quorum-proposal', 'quorum-preview']);
function isUserDocument(document: vscode.TextDocument): boolean {
  return !NOT_USER_SCHEMES.has(document.uri.scheme);
}

/** The editor as plain data for `buildAskRequest`. */
export function editorSnapshot(editor: vscode.TextEditor): EditorSnapshot {
  const { document, selection } = editor;
  const selected = selection.isEmpty ? undefined : document.getText(selection);
  const onDisk = document.uri.scheme !== 'untitled';
  return {
    ...(onDisk ? { path: vscode.workspace.asRelativePath(document.uri, false) } : {}),
    name: onDisk ? vscode.workspace.asRelativePath(document.uri, false) : document.fileName,
    languageId: document.languageId,
    text: document.getText(),
    cursorLine: selection.active.line,
    ...(selected !== undefined && selected.trim() !== ''
      ? { selection: { text: selected, startLine: selection.start.line, endLine: selection.end.line } }
      : {}),
  };
}
