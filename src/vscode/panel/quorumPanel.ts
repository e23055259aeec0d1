import * as vscode from 'vscode';
import type { Logger } from '../../core/ports';
import { parsePanelViewMessage, type PanelHostMessage, type PanelModel, type PanelSnapshot, type PanelView, type PanelViewMessage } from '../../shared/panelProtocol';
import { assertNever } from '../../shared/ipc';
import type { SpendSnapshot } from '../../shared/spendProtocol';
import { renderWebviewHtml, webviewResourceRoots } from '../webviewHtml';
import type { CompareSession } from './compareSession';
import type { VoteSession } from './voteSession';

export const PANEL_VIEW_TYPE = 'quorum.panel';
const TITLE = 'Quorum';
const BUDGET_SETTINGS_QUERY = 'quorum.budget';

export interface QuorumPanelDeps {
  readonly extensionUri: vscode.Uri;
  readonly logger: Logger;
  readonly models: () => Promise<readonly PanelModel[]>;
  /** Built with the panel's `post`, so their updates reach the open webview. */
  readonly sessions: (post: (message: PanelHostMessage) => void) => { readonly compare: CompareSession; readonly vote: VoteSession };
  readonly spend: () => Promise<SpendSnapshot>;
  readonly onExport: () => Promise<void>;
  readonly onReset: () => Promise<void>;
  /** Sees every message sent to the webview (integration tests read what the panel was given). */
  readonly onPost?: (message: PanelHostMessage) => void;
}

/**
 * The Quorum panel (one at a time): Compare, Vote and Spend over one webview. The webview paints its saved
 * state after a reload, then says it is ready; the host answers with a full snapshot (again when the panel
 * becomes visible) and streams deltas while runs are under way. Every incoming message is validated.
 */
export class QuorumPanel implements vscode.Disposable {
  private static current: QuorumPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly compare: CompareSession;
  private readonly vote: VoteSession;
  private view: PanelView;
  private wasVisible: boolean;
  private disposed = false;

  static show(deps: QuorumPanelDeps, view: PanelView, prompt?: string): QuorumPanel {
    const panel = QuorumPanel.current ?? QuorumPanel.adopt(vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, TITLE, vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: webviewResourceRoots(deps.extensionUri),
    }), deps);
    panel.view = view;
    if (prompt !== undefined) (view === 'vote' ? panel.vote : panel.compare).setPrompt(prompt);
    panel.panel.reveal();
    void panel.sendSnapshot();
    return panel;
  }

  /** Takes over a panel VS Code restored after a reload (WebviewPanelSerializer). */
  static adopt(panel: vscode.WebviewPanel, deps: QuorumPanelDeps): QuorumPanel {
    QuorumPanel.current?.dispose();
    QuorumPanel.current = new QuorumPanel(panel, deps);
    return QuorumPanel.current;
  }

  /** The spend ledger changed: the Spend tab of the open panel shows it. */
  static refreshSpendIfOpen(): void {
    void QuorumPanel.current?.sendSpend();
  }

  static closeIfOpen(): void {
    QuorumPanel.current?.dispose();
  }

  static get open(): QuorumPanel | undefined {
    return QuorumPanel.current;
  }

  private constructor(private readonly panel: vscode.WebviewPanel, private readonly deps: QuorumPanelDeps) {
    this.view = 'compare';
    this.wasVisible = panel.visible;
    const sessions = deps.sessions((message) => void this.post(message));
    this.compare = sessions.compare;
    this.vote = sessions.vote;
    panel.webview.options = { enableScripts: true, localResourceRoots: webviewResourceRoots(deps.extensionUri) };
    panel.webview.html = renderWebviewHtml(panel.webview, deps.extensionUri, 'panel', TITLE);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.onMessage(raw)),
      panel.onDidChangeViewState((e) => {
        const visible = e.webviewPanel.visible;
        if (visible && !this.wasVisible) void this.sendSnapshot();
        this.wasVisible = visible;
      }),
    );
  }

  /** Handles a message from the webview; public so tests can press its buttons. */
  async onMessage(raw: unknown): Promise<void> {
    const message = parsePanelViewMessage(raw);
    if (message === undefined) {
      this.deps.logger.warn('Quorum panel sent a message that does not match the protocol; ignored.');
      return;
    }
    try {
      await this.dispatch(message);
    } catch (error) {
      this.deps.logger.error(error instanceof Error ? error : String(error));
    }
  }

  private async dispatch(message: PanelViewMessage): Promise<void> {
    switch (message.type) {
      case 'webview/ready':
        return this.sendSnapshot();
      case 'panel/view':
        this.view = message.view;
        if (message.view === 'spend') await this.sendSpend();
        return;
      case 'compare/run':
        return this.problem(await this.compare.start(message.prompt, message.models, message.attachFile));
      case 'compare/stop':
        return this.compare.stop(message.columnId);
      case 'compare/retry':
        return this.compare.retry(message.columnId);
      case 'compare/copy':
        return this.compare.copy(message.columnId);
      case 'compare/insert':
        return this.compare.insert(message.columnId);
      case 'compare/apply':
        return void (await this.compare.apply(message.columnId));
      case 'compare/pickWinner':
        return this.compare.pickWinner(message.columnId);
      case 'compare/diff':
        return this.compare.diff(message.left, message.right);
      case 'vote/draft':
        return this.vote.draft(message);
      case 'vote/run':
        return this.problem(await this.vote.start(message));
      case 'vote/stop':
        return this.vote.stop();
      case 'spend/refresh':
        return this.sendSpend();
      case 'spend/export':
        return this.deps.onExport();
      case 'spend/reset':
        await this.deps.onReset();
        return this.sendSpend();
      case 'spend/openSettings':
        await vscode.commands.executeCommand('workbench.action.openSettings', BUDGET_SETTINGS_QUERY);
        return;
      default:
        assertNever(message);
    }
  }

  private problem(text: string | undefined): void {
    if (text !== undefined) void vscode.window.showWarningMessage(`Quorum: ${text}`);
  }

  /** The whole panel: the tab on show, the usable models, both forms and the spend view. */
  async sendSnapshot(): Promise<void> {
    await this.vote.ensureDefaults();
    let spend: SpendSnapshot | undefined;
    try {
      spend = await this.deps.spend();
    } catch (error) {
      this.deps.logger.error(error instanceof Error ? error : String(error));
    }
    const snapshot: PanelSnapshot = {
      view: this.view,
      models: await this.deps.models(),
      compare: this.compare.state(),
      vote: this.vote.state(),
      ...(spend !== undefined ? { spend } : {}),
    };
    await this.post({ type: 'panel/snapshot', snapshot });
  }

  private async sendSpend(): Promise<void> {
    if (!this.panel.visible) return;
    await this.post({ type: 'spend/snapshot', snapshot: await this.deps.spend() });
  }

  private async post(message: PanelHostMessage): Promise<void> {
    if (this.disposed) return;
    this.deps.onPost?.(message);
    await this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (QuorumPanel.current === this) QuorumPanel.current = undefined;
    this.compare.dispose();
    this.vote.dispose();
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
