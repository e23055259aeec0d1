import * as vscode from 'vscode';
import type { Logger } from '../core/ports';
import { parseAnswerViewMessage, type AnswerHostMessage, type AnswerSnapshot, type AnswerViewMessage } from '../shared/answerProtocol';
import type { CodeBlockAction } from '../shared/codeBlockProtocol';
import { assertNever, type WebviewReady } from '../shared/ipc';
import { answerMirror } from './webview/answerMirror';
import type { StateMirror } from './webview/stateMirror';
import { ViewSlot } from './webview/viewSlot';
import { WebviewHost, type WebviewSpec } from './webview/webviewHost';

export const ANSWER_VIEW_TYPE = 'quorum.answer';
const ANSWER_VIEW: WebviewSpec<AnswerViewMessage> = { viewType: ANSWER_VIEW_TYPE, kind: 'answer', title: 'Quorum: Answer', parse: parseAnswerViewMessage };
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
  /** 👍/👎 on the answer with this id (ignored when another answer has replaced it). */
  rate(id: string, rating: 'up' | 'down'): Promise<void>;
  /** Copy / Insert / Apply on one of the answer's code blocks. */
  codeBlock(message: CodeBlockAction): Promise<void>;
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
  private static readonly slot = new ViewSlot<AnswerPanel>();
  private readonly host: WebviewHost<AnswerHostMessage, AnswerViewMessage>;
  private readonly mirror: StateMirror<AnswerSnapshot, AnswerHostMessage>;
  private flushTimer: NodeJS.Timeout | undefined;

  /** Opens the view beside the editor (or reveals it) without taking focus from the editor. */
  static show(deps: AnswerPanelDeps): AnswerPanel {
    const open = AnswerPanel.slot.open;
    if (open !== undefined) {
      if (!open.host.visible) open.host.reveal(true);
      return open;
    }
    const panel = WebviewHost.createPanel(ANSWER_VIEW, deps.extensionUri, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
    return AnswerPanel.adopt(panel, deps, undefined);
  }

  /** Takes over a panel VS Code restored after a reload, with the answer its webview had saved. */
  static adopt(panel: vscode.WebviewPanel, deps: AnswerPanelDeps, restored: AnswerSnapshot | undefined): AnswerPanel {
    return AnswerPanel.slot.fill(new AnswerPanel(panel, deps, restored));
  }

  static get open(): AnswerPanel | undefined {
    return AnswerPanel.slot.open;
  }

  static closeIfOpen(): void {
    AnswerPanel.slot.close();
  }

  private constructor(panel: vscode.WebviewPanel, private readonly deps: AnswerPanelDeps, restored: AnswerSnapshot | undefined) {
    this.mirror = answerMirror(restored);
    this.host = new WebviewHost(panel, ANSWER_VIEW, deps, {
      snapshot: () => {
        this.mirror.forget();
        return this.mirror.take();
      },
      onMessage: (message) => this.dispatch(message),
      onDispose: () => {
        this.cancelFlush();
        AnswerPanel.slot.release(this);
      },
    });
  }

  /** The answer the view shows (or will show once visible). */
  snapshot(): AnswerSnapshot | undefined {
    return this.mirror.current;
  }

  update(snapshot: AnswerSnapshot): void {
    if (this.mirror.set(snapshot) === 'now') this.flush();
    else this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  /** Handles a message from the webview; public only so tests can press its buttons (QuorumApi.answerViewMessage). */
  async onMessage(raw: unknown): Promise<void> {
    await this.host.receive(raw);
  }

  dispose(): void {
    this.host.dispose();
  }

  private flush(): void {
    this.cancelFlush();
    if (!this.host.visible) return;
    const message = this.mirror.take();
    if (message !== undefined) this.host.post(message);
  }

  private cancelFlush(): void {
    if (this.flushTimer !== undefined) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
  }

  private async dispatch(message: Exclude<AnswerViewMessage, WebviewReady>): Promise<void> {
    const actions = this.deps.actions;
    switch (message.type) {
      case 'answer/stop':
        return actions.stop();
      case 'answer/copy':
        return actions.copy();
      case 'answer/insert':
        return actions.insert();
      case 'answer/askAgain':
        return actions.askAgain();
      case 'answer/explain':
        return actions.explain();
      case 'answer/setKey':
        return actions.setKey();
      case 'answer/addEndpoint':
        return actions.addEndpoint();
      case 'answer/rate':
        return actions.rate(message.id, message.rating);
      case 'codeBlock/action':
        return actions.codeBlock(message);
      default:
        assertNever(message);
    }
  }
}
