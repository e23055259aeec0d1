import * as vscode from 'vscode';
import { answerUpdateMessage } from '../app/views/answerSnapshot';
import type { Logger } from '../core/ports';
import { parseAnswerViewMessage, type AnswerSnapshot } from '../shared/answerProtocol';
import { assertNever } from '../shared/ipc';
import { renderWebviewHtml, webviewResourceRoots } from './webviewHtml';

export const ANSWER_VIEW_TYPE = 'quorum.answer';
const TITLE = 'Quorum: Answer';
/** Streaming text is batched into one message per this many ms: smooth to read, cheap to send. */
const FLUSH_MS = 16;

/** What the view's buttons do; the Ask controller implements them. */
export interface AnswerPanelActions {
  stop(): void;
  copy(): Promise<void>;
  insert(): Promise<void>;
  askAgain(): Promise<void>;
  explain(): Promise<void>;
  setKey(): Promise<void>;
  addEndpoint(): Promise<void>;
}

export interface AnswerPanelDeps {
  readonly extensionUri: vscode.Uri;
  readonly logger: Logger;
  readonly actions: AnswerPanelActions;
}

/**
 * The answer view (one at a time). It only renders: the host sends snapshots and, while an answer streams
 * and the view is visible, appended text. Restored after a reload with the last answer it showed.
 */
export class AnswerPanel implements vscode.Disposable {
  private static current: AnswerPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private latest: AnswerSnapshot | undefined;
  /** What the webview shows now; undefined forces a full snapshot next time. */
  private sent: AnswerSnapshot | undefined;
  private flushTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  /** Opens the view beside the editor (or reveals it) without taking focus from the editor. */
  static show(deps: AnswerPanelDeps): AnswerPanel {
    if (AnswerPanel.current) {
      if (!AnswerPanel.current.panel.visible) AnswerPanel.current.panel.reveal(undefined, true);
      return AnswerPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(ANSWER_VIEW_TYPE, TITLE, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: webviewResourceRoots(deps.extensionUri),
    });
    return AnswerPanel.adopt(panel, deps, undefined);
  }

  /** Takes over a panel VS Code restored after a reload, with the answer its webview had saved. */
  static adopt(panel: vscode.WebviewPanel, deps: AnswerPanelDeps, restored: AnswerSnapshot | undefined): AnswerPanel {
    AnswerPanel.current?.dispose();
    AnswerPanel.current = new AnswerPanel(panel, deps, restored);
    return AnswerPanel.current;
  }

  static get open(): AnswerPanel | undefined {
    return AnswerPanel.current;
  }

  static closeIfOpen(): void {
    AnswerPanel.current?.dispose();
  }

  private constructor(private readonly panel: vscode.WebviewPanel, private readonly deps: AnswerPanelDeps, restored: AnswerSnapshot | undefined) {
    this.latest = restored;
    panel.webview.options = { enableScripts: true, localResourceRoots: webviewResourceRoots(deps.extensionUri) };
    panel.webview.html = renderWebviewHtml(panel.webview, deps.extensionUri, 'answer', TITLE);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.onMessage(raw)),
      panel.onDidChangeViewState((e) => {
        this.sent = undefined;
        if (e.webviewPanel.visible) this.flush();
      }),
    );
  }

  /** The answer the view shows (or will show once visible). */
  snapshot(): AnswerSnapshot | undefined {
    return this.latest;
  }

  update(snapshot: AnswerSnapshot): void {
    this.latest = snapshot;
    const settled = snapshot.phase !== 'routing' && snapshot.phase !== 'streaming';
    if (settled || this.sent === undefined || this.sent.id !== snapshot.id) {
      this.flush();
      return;
    }
    this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  private flush(): void {
    if (this.flushTimer !== undefined) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const next = this.latest;
    if (this.disposed || next === undefined || !this.panel.visible) return;
    const message = answerUpdateMessage(this.sent, next);
    this.sent = next;
    void this.panel.webview.postMessage(message);
  }

  /** Handles a message from the webview; public only so tests can press its buttons (QuorumApi.answerViewMessage). */
  async onMessage(raw: unknown): Promise<void> {
    const message = parseAnswerViewMessage(raw);
    if (message === undefined) {
      this.deps.logger.warn('Answer view sent a message that does not match the protocol; ignored.');
      return;
    }
    const actions = this.deps.actions;
    try {
      switch (message.type) {
        case 'webview/ready':
          this.sent = undefined;
          return this.flush();
        case 'answer/stop':
          return actions.stop();
        case 'answer/copy':
          return await actions.copy();
        case 'answer/insert':
          return await actions.insert();
        case 'answer/askAgain':
          return await actions.askAgain();
        case 'answer/explain':
          return await actions.explain();
        case 'answer/setKey':
          return await actions.setKey();
        case 'answer/addEndpoint':
          return await actions.addEndpoint();
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
    if (AnswerPanel.current === this) AnswerPanel.current = undefined;
    if (this.flushTimer !== undefined) clearTimeout(this.flushTimer);
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
