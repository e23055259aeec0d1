import * as vscode from 'vscode';
import { ConversationSession, type ConversationSeed } from '../../app/conversation/conversationSession';
import { ConversationStore } from '../../app/conversation/conversationStore';
import { conversationUpdateMessage, toConversationSnapshot } from '../../app/views/conversationView';
import type { ContextChip } from '../../core/conversation/conversation';
import type { ModelRef } from '../../core/types';
import {
  parseConversationViewMessage, type ConversationHostMessage, type ConversationSnapshot, type ConversationViewMessage,
} from '../../shared/conversationProtocol';
import type { WebviewReady } from '../../shared/ipc';
import { StateMirror } from '../webview/stateMirror';
import { WebviewHost, type WebviewSpec } from '../webview/webviewHost';
import { conversationActions, type ConversationViewDeps } from './conversationActions';

export const CONVERSATION_VIEW_ID = 'quorum.conversation';
const CONVERSATION_VIEW: WebviewSpec<ConversationViewMessage> = {
  viewType: CONVERSATION_VIEW_ID, kind: 'conversation', title: 'Quorum', parse: parseConversationViewMessage,
};
/** Streaming text is batched into one message per this many ms, as in the Answer view. */
const FLUSH_MS = 16;

/**
 * The Quorum view in the activity bar: a conversation over the one webview host (CSP with nonce, validation,
 * ready → snapshot, deltas only while visible). The session holds the conversation; this adapter feeds the
 * view and carries out what needs VS Code (pickers, dialogs, the editor's selection).
 */
export class ConversationViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  readonly session: ConversationSession;
  private host: WebviewHost<ConversationHostMessage, ConversationViewMessage> | undefined;
  private readonly mirror = new StateMirror<ConversationSnapshot, ConversationHostMessage>({
    diff: conversationUpdateMessage,
    urgent: (shown, next) => conversationUpdateMessage(shown, next).type !== 'conversation/append',
  });
  private readonly actions: ReturnType<typeof conversationActions>;
  private models: readonly ModelRef[] = [];
  private notice: string | undefined;
  private focusWhenReady = false;
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: ConversationViewDeps) {
    const store = new ConversationStore(deps.workspaceState);
    for (const problem of store.problems()) deps.logger.warn(problem);
    if (store.problems().length > 0) this.notice = `${store.problems().length} stored conversation(s) could not be restored and were skipped; the Quorum log says which.`;
    this.session = new ConversationSession({
      requests: deps.requests, store, catalog: deps.catalog, clock: deps.clock, newId: deps.newId, onChange: () => this.changed(),
    });
    this.actions = conversationActions(deps, this.session, {
      post: (message) => this.host?.post(message),
      setNotice: (notice) => {
        this.notice = notice;
        this.changed();
      },
    });
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.host?.dispose();
    this.mirror.forget();
    const host: WebviewHost<ConversationHostMessage, ConversationViewMessage> = new WebviewHost(view, CONVERSATION_VIEW, this.deps, {
      snapshot: async () => {
        await this.refreshModels();
        this.mirror.forget();
        this.mirror.set(this.build());
        return this.mirror.take();
      },
      onMessage: (message) => this.dispatch(message),
      onReady: () => {
        if (this.focusWhenReady) host.post({ type: 'conversation/focus' });
        this.focusWhenReady = false;
      },
      onDispose: () => {
        if (this.host === host) this.host = undefined;
      },
    });
    this.host = host;
  }

  /** What the view shows (or will show once visible), for tests. */
  snapshot(): ConversationSnapshot {
    return this.build();
  }

  /** Handles `raw` as if the view sent it (validated the same way); tests press the view's buttons through it. */
  async receive(raw: unknown): Promise<void> {
    if (this.host !== undefined) return this.host.receive(raw);
    const message = parseConversationViewMessage(raw);
    if (message !== undefined && message.type !== 'webview/ready') await this.dispatch(message);
  }

  /** Ask Best Model: shows the view, focused, with `chips` (the selection) attached to the next question. */
  async focus(chips: readonly ContextChip[] = []): Promise<void> {
    if (chips.length > 0) this.session.addChips(chips);
    // The picker's models were listed when the view was resolved: a key set since then adds a provider's models.
    await this.refreshModels();
    this.changed();
    this.focusWhenReady = this.host === undefined;
    await vscode.commands.executeCommand(`${CONVERSATION_VIEW_ID}.focus`);
    this.host?.post({ type: 'conversation/focus' });
  }

  /** "Continue in conversation": a new conversation seeded with that prompt and answer, pinned to its model. */
  async continueWith(seed: ConversationSeed): Promise<void> {
    await this.session.startNew(seed);
    await this.focus();
  }

  dispose(): void {
    this.session.dispose();
    if (this.flushTimer !== undefined) clearTimeout(this.flushTimer);
    this.host?.dispose();
  }

  private build(): ConversationSnapshot {
    const catalog = this.deps.catalog();
    return toConversationSnapshot(this.session, {
      models: this.models, list: this.session.searchResults(), now: this.deps.clock.now(),
      ...(catalog !== undefined ? { catalog } : {}),
      ...(this.notice !== undefined ? { notice: this.notice } : {}),
    });
  }

  private changed(): void {
    if (this.mirror.set(this.build()) === 'now') this.flush();
    else this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  private flush(): void {
    if (this.flushTimer !== undefined) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.host === undefined || !this.host.visible) return;
    const message = this.mirror.take();
    if (message !== undefined) this.host.post(message);
  }

  private async refreshModels(): Promise<void> {
    try {
      this.models = (await this.deps.eligibility.models('ask')).map((m) => ({ provider: m.provider, model: m.id }));
    } catch (error) {
      this.deps.logger.warn(`The model picker could not list models: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async dispatch(message: Exclude<ConversationViewMessage, WebviewReady>): Promise<void> {
    // A code block's Copy / Insert / Apply: the same handler as every other view that renders answers.
    if (message.type === 'codeBlock/action') return void (await this.deps.codeBlocks.run(message));
    await this.actions.dispatch(message);
  }
}
