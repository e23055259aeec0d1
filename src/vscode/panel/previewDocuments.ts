import * as vscode from 'vscode';

export const PREVIEW_SCHEME = 'quorum-preview';
/** Previews kept for diff editors; older ones are dropped (their editors show an empty document). */
const MAX_PREVIEWS = 50;

/**
 * Read-only documents for diff previews ("Diff with…" in Compare, Show Data Sent; Apply has its own, applyDiff.ts): model output is shown in
 * VS Code's own diff editor without writing any file.
 */
export class PreviewDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, this);
  private counter = 0;

  /** A new preview document holding `text`; `name` (with an extension) picks the language mode. */
  create(name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${++this.counter}/${name}` });
    this.texts.set(uri.toString(), text);
    if (this.texts.size > MAX_PREVIEWS) this.texts.delete(this.texts.keys().next().value as string);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.registration.dispose();
    this.texts.clear();
  }
}
