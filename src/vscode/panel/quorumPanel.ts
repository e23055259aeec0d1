import * as vscode from 'vscode';
import type { ConversationSeed } from '../../app/conversation/conversationSession';
import { voteSeed } from '../../app/conversation/voteSeed';
import type { Logger } from '../../core/ports';
import { parsePanelViewMessage, type PanelHostMessage, type PanelModel, type PanelSnapshot, type PanelView, type PanelViewMessage } from '../../shared/panelProtocol';
import { assertNever, type WebviewReady } from '../../shared/ipc';
import type { SpendSnapshot } from '../../shared/spendProtocol';
import { ViewSlot } from '../webview/viewSlot';
import { WebviewHost, type WebviewSpec } from '../webview/webviewHost';
import type { CompareSession } from './compareSession';
import type { VoteSession } from './voteSession';
import type { CodeBlockActions } from '../editor/codeBlockActions';
import type { EvalsSession } from '../../app/evals/evalsSession';
import { evalsMessage } from './evalsMessages';

export const PANEL_VIEW_TYPE = 'quorum.panel';
const PANEL_VIEW: WebviewSpec<PanelViewMessage> = { viewType: PANEL_VIEW_TYPE, kind: 'panel', title: 'Quorum', parse: parsePanelViewMessage };
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
  /** "Continue in conversation": opens the Quorum view with a new conversation seeded from a column or a vote. */
  readonly continueInConversation?: (seed: ConversationSeed) => Promise<void>;
  /** A code block's Copy / Insert / Apply, shared with every view that renders answers. */
  readonly codeBlocks: Pick<CodeBlockActions, 'run'>;
  /** The workspace's evals (the Evals tab), shared with `Quorum: Run Evals`. */
  readonly evals?: EvalsSession;
  /** Sees every message for the webview, also those a hidden panel skips (integration tests read what the panel was given). */
  readonly onPost?: (message: PanelHostMessage) => void;
}

/**
 * The Quorum panel (one at a time): Compare, Vote and Spend over one webview. The webview paints its saved
 * state after a reload, then says it is ready; the host answers with a full snapshot (again when the panel
 * becomes visible) and streams deltas while runs are under way and the panel is visible.
 */
export class QuorumPanel implements vscode.Disposable {
  private static readonly slot = new ViewSlot<QuorumPanel>();
  private readonly host: WebviewHost<PanelHostMessage, PanelViewMessage>;
  private readonly compare: CompareSession;
  private readonly vote: VoteSession;
  private view: PanelView = 'compare';
  private readonly evalsListener: { dispose(): void } | undefined;

  static show(deps: QuorumPanelDeps, view: PanelView, prompt?: string): QuorumPanel {
    const panel = QuorumPanel.slot.open ?? QuorumPanel.adopt(WebviewHost.createPanel(PANEL_VIEW, deps.extensionUri, vscode.ViewColumn.Active), deps);
    panel.view = view;
    if (view === 'evals') void deps.evals?.refresh();
    if (prompt !== undefined) (view === 'vote' ? panel.vote : panel.compare).setPrompt(prompt);
    panel.host.reveal();
    void panel.host.sendSnapshot();
    return panel;
  }

  /** Takes over a panel VS Code restored after a reload (WebviewPanelSerializer). */
  static adopt(panel: vscode.WebviewPanel, deps: QuorumPanelDeps): QuorumPanel {
    return QuorumPanel.slot.fill(new QuorumPanel(panel, deps));
  }

  /** The spend ledger changed: the Spend tab of the open panel shows it. */
  static refreshSpendIfOpen(): void {
    void QuorumPanel.slot.open?.sendSpend();
  }

  /**
   * Settings or keys changed: the open panel gets a fresh snapshot, so its model lists (Compare, Vote, Evals) show
   * what may be used now. Drafts survive: the page keeps a field the user changed unless the host changed it too.
   */
  static refreshIfOpen(): void {
    const open = QuorumPanel.slot.open;
    if (open === undefined || !open.host.visible) return;
    void open.snapshot().then((message) => open.host.post(message), (error: unknown) => open.deps.logger.error(error instanceof Error ? error : String(error)));
  }

  static closeIfOpen(): void {
    QuorumPanel.slot.close();
  }

  static get open(): QuorumPanel | undefined {
    return QuorumPanel.slot.open;
  }

  private constructor(panel: vscode.WebviewPanel, private readonly deps: QuorumPanelDeps) {
    this.host = new WebviewHost(panel, PANEL_VIEW, { extensionUri: deps.extensionUri, logger: deps.logger, tap: deps.onPost }, {
      snapshot: () => this.snapshot(),
      onMessage: (message) => this.dispatch(message),
      onDispose: () => {
        this.evalsListener?.dispose();
        this.compare.dispose();
        this.vote.dispose();
        QuorumPanel.slot.release(this);
      },
    });
    const sessions = deps.sessions((message) => this.host.post(message));
    this.compare = sessions.compare;
    this.vote = sessions.vote;
    this.evalsListener = deps.evals?.onChange((evals) => this.host.post({ type: 'evals/state', evals }));
  }

  /** Handles a message from the webview; public so tests can press its buttons. */
  async onMessage(raw: unknown): Promise<void> {
    await this.host.receive(raw);
  }

  dispose(): void {
    this.host.dispose();
  }

  private async dispatch(message: Exclude<PanelViewMessage, WebviewReady>): Promise<void> {
    switch (message.type) {
      case 'panel/view':
        this.view = message.view;
        if (message.view === 'spend') await this.sendSpend();
        if (message.view === 'evals') await this.deps.evals?.refresh();
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
      case 'compare/continue':
        return this.continueWith(this.compare.continueSeed(message.columnId));
      case 'vote/continue':
        return this.continueWith(voteSeed(this.vote.state()));
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
      case 'codeBlock/action':
        // A Compare answer is about the selection the comparison started from; anything else, the last editor's.
        if (message.action === 'apply' && this.compare.hasTarget) return void (await this.compare.applyCode(message.code, message.source));
        return void (await this.deps.codeBlocks.run(message));
      case 'spend/openSettings':
        await vscode.commands.executeCommand('workbench.action.openSettings', BUDGET_SETTINGS_QUERY);
        return;
      case 'evals/refresh':
      case 'evals/estimate':
      case 'evals/run':
      case 'evals/cancel':
      case 'evals/route':
      case 'evals/undo':
      case 'evals/cancelJob':
      case 'evals/removeJob':
        return this.deps.evals === undefined ? undefined : evalsMessage(this.deps.evals, message);
      default:
        assertNever(message);
    }
  }

  private async continueWith(seed: ConversationSeed | undefined): Promise<void> {
    if (seed === undefined) return this.problem('There is no finished answer to continue from yet.');
    await this.deps.continueInConversation?.(seed);
  }

  private problem(text: string | undefined): void {
    if (text !== undefined) void vscode.window.showWarningMessage(`Quorum: ${text}`);
  }

  /** The whole panel: the tab on show, the usable models, both forms and the spend view. */
  private async snapshot(): Promise<PanelHostMessage> {
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
      ...(this.deps.evals !== undefined ? { evals: this.deps.evals.state() } : {}),
    };
    return { type: 'panel/snapshot', snapshot };
  }

  /** The Spend tab again; skipped while hidden (the snapshot on becoming visible carries it). */
  private async sendSpend(): Promise<void> {
    if (!this.host.visible) return;
    this.host.post({ type: 'spend/snapshot', snapshot: await this.deps.spend() });
  }
}
