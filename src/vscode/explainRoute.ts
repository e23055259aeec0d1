import * as vscode from 'vscode';
import { routeExplanationMarkdown, type LastRoute } from '../app/views/routeExplanation';
import type { ModelCatalog } from '../core/catalog/modelCatalog';
import { commandIds } from './commands/commandIds';

const SCHEME = 'quorum-route';
/** One read-only document, refreshed on each explanation: no "save changes?" prompt when closed. */
export const ROUTE_EXPLANATION_URI = vscode.Uri.from({ scheme: SCHEME, path: '/Last Route.md' });

/**
 * Quorum: Explain Last Route — the last RouteDecision as a markdown preview: chosen model, chain, task,
 * every reason and the estimates.
 */
export class RouteExplainer implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private markdown = '';
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(SCHEME, this);

  constructor(private readonly last: () => LastRoute | undefined, private readonly catalog: () => ModelCatalog | undefined) {}

  provideTextDocumentContent(): string {
    return this.markdown;
  }

  /** Shows the explanation; returns its markdown (for tests), or undefined when nothing was routed yet. */
  async explain(): Promise<string | undefined> {
    const last = this.last();
    if (last === undefined) {
      void vscode.window.showInformationMessage('Nothing has been routed yet. Run "Quorum: Ask Best Model" first, then ask why.', 'Ask Best Model')
        .then((choice) => choice && vscode.commands.executeCommand(commandIds.askBestModel));
      return undefined;
    }
    this.markdown = routeExplanationMarkdown(last, this.catalog());
    this.changed.fire(ROUTE_EXPLANATION_URI);
    const document = await vscode.workspace.openTextDocument(ROUTE_EXPLANATION_URI);
    try {
      await vscode.commands.executeCommand('markdown.showPreviewToSide', document.uri);
    } catch {
      // The built-in markdown extension can be disabled; the source is still readable.
      await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }
    return this.markdown;
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
