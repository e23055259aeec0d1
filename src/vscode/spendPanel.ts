import * as vscode from 'vscode';
import type { Logger } from '../core/ports';
import { assertNever } from '../shared/protocol';
import { parseSpendSnapshot, parseSpendViewMessage, type SpendHostToWebview, type SpendSnapshot } from '../shared/spendProtocol';
import { renderWebviewHtml, webviewResourceRoots } from './webviewHtml';

export const SPEND_VIEW_TYPE = 'quorum.spend';
const TITLE = 'Quorum: Spend';
/** Where "Set a budget…" lands: the settings editor filtered to the budget settings. */
const BUDGET_SETTINGS_QUERY = 'quorum.budget';

export interface SpendPanelDeps {
  readonly extensionUri: vscode.Uri;
  readonly logger: Logger;
  /** The whole view, freshly computed from the ledger, budgets and savings. */
  readonly snapshot: () => Promise<SpendSnapshot>;
  /** "Export usage…": the host's save dialog and writer. */
  readonly onExport: () => Promise<void>;
  /** "Reset workspace spend…": the host confirms and archives; the view refreshes afterwards. */
  readonly onReset: () => Promise<void>;
  /** Sees every snapshot sent (integration tests read what the webview was given). */
  readonly onSnapshot?: (snapshot: SpendSnapshot) => void;
}

/**
 * The spend view (one at a time): totals, budgets, savings and the month's breakdowns for this workspace.
 * It only renders; every figure comes from `deps.snapshot()`, asked for when the webview is ready, when
 * the panel becomes visible again, on "Refresh", and on `refreshIfOpen()` (after the ledger changed).
 */
export class SpendPanel implements vscode.Disposable {
  private static current: SpendPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private latest: SpendSnapshot | undefined;
  private wasVisible: boolean;
  /** A refresh was asked for since the running one read the ledger. */
  private stale = false;
  private draining = false;
  private running: Promise<void> = Promise.resolve();
  private disposed = false;

  static show(deps: SpendPanelDeps): SpendPanel {
    if (SpendPanel.current) {
      SpendPanel.current.panel.reveal();
      void SpendPanel.current.refresh();
      return SpendPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(SPEND_VIEW_TYPE, TITLE, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: webviewResourceRoots(deps.extensionUri),
    });
    return SpendPanel.adopt(panel, deps);
  }

  /**
   * Takes over a panel VS Code restored after a reload (WebviewPanelSerializer). The webview repaints its
   * own saved snapshot at once; the host sends a fresh one when the webview says it is ready.
   */
  static adopt(panel: vscode.WebviewPanel, deps: SpendPanelDeps): SpendPanel {
    SpendPanel.current?.dispose();
    SpendPanel.current = new SpendPanel(panel, deps);
    return SpendPanel.current;
  }

  /** Re-reads the ledger for the open view, if any (after a call, a reset or a budget change). */
  static refreshIfOpen(): void {
    void SpendPanel.current?.refresh();
  }

  static closeIfOpen(): void {
    SpendPanel.current?.dispose();
  }

  static get open(): SpendPanel | undefined {
    return SpendPanel.current;
  }

  private constructor(private readonly panel: vscode.WebviewPanel, private readonly deps: SpendPanelDeps) {
    this.wasVisible = panel.visible;
    panel.webview.options = { enableScripts: true, localResourceRoots: webviewResourceRoots(deps.extensionUri) };
    panel.webview.html = renderWebviewHtml(panel.webview, deps.extensionUri, 'spend', TITLE);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.onMessage(raw)),
      panel.onDidChangeViewState((e) => {
        // Only hidden → visible needs data: focus moves and column changes fire this event too.
        const visible = e.webviewPanel.visible;
        if (visible && !this.wasVisible) void this.refresh();
        this.wasVisible = visible;
      }),
    );
  }

  /** The snapshot last sent to the webview (undefined before the first one). */
  snapshot(): SpendSnapshot | undefined {
    return this.latest;
  }

  /**
   * Sends a fresh snapshot. Calls that arrive while one is being computed coalesce into one more read, so a
   * burst of calls (one `refreshIfOpen()` each) costs at most two ledger queries, and the last one sent is
   * never older than the last request. The promise settles once that snapshot was posted.
   */
  refresh(): Promise<void> {
    this.stale = true;
    if (!this.draining) this.running = this.drain();
    return this.running;
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.stale && !this.disposed) {
        this.stale = false;
        // A hidden webview has no page to update; becoming visible asks again.
        if (!this.panel.visible) return;
        await this.postSnapshot();
      }
    } finally {
      this.draining = false;
    }
  }

  private async postSnapshot(): Promise<void> {
    let snapshot: SpendSnapshot;
    try {
      snapshot = await this.deps.snapshot();
    } catch (error) {
      this.deps.logger.error(error instanceof Error ? error : String(error));
      return;
    }
    if (this.disposed) return;
    // The webview would drop a snapshot that breaks the protocol without a word; say so here instead.
    if (parseSpendSnapshot(snapshot) === undefined) {
      this.deps.logger.error('Spend snapshot does not match the webview protocol; not sent.');
      return;
    }
    this.latest = snapshot;
    this.deps.onSnapshot?.(snapshot);
    const message: SpendHostToWebview = { type: 'spend/snapshot', snapshot };
    await this.panel.webview.postMessage(message);
  }

  /** Handles a message from the webview; public only so tests can press its buttons. */
  async onMessage(raw: unknown): Promise<void> {
    const message = parseSpendViewMessage(raw);
    if (message === undefined) {
      this.deps.logger.warn('Spend view sent a message that does not match the protocol; ignored.');
      return;
    }
    try {
      switch (message.type) {
        case 'webview/ready':
        case 'spend/refresh':
          return await this.refresh();
        case 'spend/export':
          return await this.deps.onExport();
        case 'spend/reset':
          await this.deps.onReset();
          return await this.refresh();
        case 'spend/openSettings':
          await vscode.commands.executeCommand('workbench.action.openSettings', BUDGET_SETTINGS_QUERY);
          return;
        default:
          assertNever(message);
      }
    } catch (error) {
      this.deps.logger.error(error instanceof Error ? error : String(error));
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (SpendPanel.current === this) SpendPanel.current = undefined;
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
