import {
  parseConversationHostMessage, parseConversationSnapshot, type ConversationSnapshot, type ConversationViewMessage,
} from '../../src/shared/conversationProtocol';
import { Composer } from './conversationComposer';
import { ConversationList } from './conversationList';
import { codeHandler, turnElement } from './conversationTurns';
import { button, el } from './dom';
import { StreamingMarkdown } from './streamingMarkdown';
import { vscodeApi, type VsCodeApi } from './vscodeApi';

interface ViewState {
  readonly snapshot?: ConversationSnapshot;
  readonly draft?: string;
  readonly listOpen?: boolean;
}

/**
 * The Quorum view: a toolbar (conversations, new), the conversation list on demand, the turns, and the composer.
 * The webview paints its saved state at once (a reload shows the conversation before the host answers), then
 * says it is ready; snapshots re-render the turns, appends re-render only the streaming answer, once per frame.
 */
export function mountConversationView(root: HTMLElement): void {
  const app = new ConversationApp(root, vscodeApi<ViewState, ConversationViewMessage>());
  window.addEventListener('message', (event: MessageEvent<unknown>) => app.receive(event.data));
  app.ready();
}

class ConversationApp {
  private current: ConversationSnapshot | undefined;
  private draft: string;
  private listOpen: boolean;
  private readonly composer: Composer;
  private readonly list: ConversationList;
  private readonly title = el('h1', { className: 'conversation-title', attrs: { id: 'conversation-title' } });
  private readonly toggle: HTMLButtonElement;
  private readonly notice = el('p', { className: 'conversation-notice', attrs: { id: 'conversation-notice', role: 'alert' } });
  private readonly turns = el('div', { className: 'turns', attrs: { id: 'conversation-turns', 'aria-live': 'polite' } });
  private stream: { readonly turnId: string; readonly renderer: StreamingMarkdown } | undefined;
  private pendingFrame: number | undefined;

  constructor(root: HTMLElement, private readonly api: VsCodeApi<ViewState, ConversationViewMessage>) {
    const saved = api.getState();
    this.current = parseConversationSnapshot(saved?.snapshot);
    this.draft = typeof saved?.draft === 'string' ? saved.draft : '';
    this.listOpen = saved?.listOpen === true;
    const post = (message: ConversationViewMessage): void => api.postMessage(message);
    this.composer = new Composer(post, (text) => { this.draft = text; this.save(); });
    this.composer.input.value = this.draft;
    this.list = new ConversationList(post);
    this.toggle = button('Conversations', () => { this.listOpen = !this.listOpen; this.save(); this.paint(); }, { id: 'conversation-toggle-list', class: 'secondary', 'aria-controls': 'conversation-list' });
    const toolbar = el('header', { className: 'conversation-toolbar' }, [
      this.title, this.toggle, button('New', () => post({ type: 'conversation/new' }), { id: 'conversation-new', class: 'secondary', title: 'Start a new conversation' }),
    ]);
    root.replaceChildren(toolbar, this.list.root, this.notice, this.turns, this.composer.root);
    this.paint();
  }

  ready(): void {
    this.api.postMessage({ type: 'webview/ready' });
  }

  receive(data: unknown): void {
    const message = parseConversationHostMessage(data);
    if (message === undefined) return; // not ours, or malformed: never act on it
    switch (message.type) {
      case 'conversation/snapshot':
        this.current = message.snapshot;
        this.save();
        if (this.pendingFrame !== undefined) cancelAnimationFrame(this.pendingFrame);
        this.paint();
        return;
      case 'conversation/append':
        return this.append(message.turnId, message.text);
      case 'conversation/draft':
        return this.composer.restore(message.text);
      case 'conversation/focus':
        return this.composer.input.focus();
    }
  }

  private save(): void {
    this.api.setState({ ...(this.current !== undefined ? { snapshot: this.current } : {}), draft: this.draft, listOpen: this.listOpen });
  }

  private append(turnId: string, text: string): void {
    const current = this.current;
    const conversation = current?.conversation;
    if (current === undefined || conversation === undefined || !conversation.turns.some((t) => t.id === turnId)) return;
    const updated = conversation.turns.map((t) => (t.id === turnId ? { ...t, text: t.text + text } : t));
    this.current = { ...current, conversation: { ...conversation, turns: updated } };
    this.pendingFrame ??= requestAnimationFrame(() => this.paintStream());
  }

  private paint(): void {
    this.pendingFrame = undefined;
    const snapshot = this.current;
    this.toggle.setAttribute('aria-expanded', String(this.listOpen));
    this.list.root.hidden = !this.listOpen;
    this.title.textContent = snapshot?.conversation?.title ?? 'New conversation';
    this.notice.textContent = snapshot?.notice ?? '';
    this.notice.hidden = snapshot?.notice === undefined;
    if (snapshot === undefined) return;
    this.list.update(snapshot);
    this.composer.update(snapshot);
    const turns = this.turns;
    const nearBottom = turns.scrollHeight - turns.scrollTop - turns.clientHeight < 80;
    const shown = snapshot.conversation?.turns ?? [];
    this.stream = undefined;
    turns.replaceChildren(...(shown.length === 0 ? [emptyHint()] : shown.map((turn, i) => {
      const painted = turnElement(turn, i, i === shown.length - 1, (message) => this.api.postMessage(message));
      if (turn.phase === 'routing' || turn.phase === 'streaming') {
        const renderer = new StreamingMarkdown(painted.body, codeHandler(turn, (message) => this.api.postMessage(message)));
        renderer.renderStreaming(turn.text);
        this.stream = { turnId: turn.id, renderer };
      }
      return painted.node;
    })));
    if (nearBottom) turns.scrollTop = turns.scrollHeight;
  }

  private paintStream(): void {
    this.pendingFrame = undefined;
    const stream = this.stream;
    const turn = this.current?.conversation?.turns.find((t) => t.id === stream?.turnId);
    if (turn === undefined || stream === undefined) return this.paint();
    const turns = this.turns;
    const nearBottom = turns.scrollHeight - turns.scrollTop - turns.clientHeight < 80;
    stream.renderer.renderStreaming(turn.text);
    // Follow the answer as it grows, unless the user scrolled up to read something else.
    if (nearBottom) turns.scrollTop = turns.scrollHeight;
  }
}

function emptyHint(): HTMLElement {
  return el('div', { className: 'conversation-empty muted', attrs: { id: 'conversation-empty' } }, [
    el('p', { text: 'Ask anything: Quorum picks the best model for it (or choose one below), shows why and what it cost, and keeps the conversation for follow-ups.' }),
    el('p', { text: 'Attach the selection, a file or an image; each shows its size and can be removed before sending.' }),
  ]);
}
