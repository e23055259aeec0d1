import type { ConversationSnapshot, ConversationViewMessage } from '../../src/shared/conversationProtocol';
import { button, el } from './dom';

type Post = (message: ConversationViewMessage) => void;

/**
 * The conversation list (shown on demand above the conversation): search, open, rename, delete. The search box is
 * built once so typing is never interrupted by the list refreshing.
 */
export class ConversationList {
  readonly root: HTMLElement;
  private readonly search: HTMLInputElement;
  private readonly items: HTMLElement;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly post: Post) {
    this.search = el('input', { attrs: { id: 'conversation-search', type: 'search', placeholder: 'Search conversations', 'aria-label': 'Search conversations' } });
    this.search.addEventListener('input', () => {
      if (this.timer !== undefined) clearTimeout(this.timer);
      this.timer = setTimeout(() => this.post({ type: 'conversation/search', query: this.search.value }), 150);
    });
    this.items = el('ul', { className: 'conversation-items', attrs: { id: 'conversation-list', 'aria-label': 'Conversations' } });
    this.root = el('section', { className: 'conversation-list', attrs: { 'aria-label': 'Conversations' } }, [this.search, this.items]);
  }

  update(snapshot: ConversationSnapshot): void {
    if (document.activeElement !== this.search) this.search.value = snapshot.query;
    const open = snapshot.conversation?.id;
    if (snapshot.list.length === 0) {
      this.items.replaceChildren(el('li', { className: 'muted', text: snapshot.query === '' ? 'No conversations yet.' : 'No conversation matches.' }));
      return;
    }
    this.items.replaceChildren(...snapshot.list.map((c) => {
      const openButton = button(c.title, () => this.post({ type: 'conversation/open', id: c.id }), { class: 'link conversation-open', 'data-conversation': c.id, title: `Open "${c.title}"` });
      if (c.id === open) openButton.setAttribute('aria-current', 'true');
      return el('li', { className: 'conversation-item' }, [
        openButton,
        el('span', { className: 'muted conversation-meta', text: `${c.turns} · ${c.updated}` }),
        button('Rename', () => this.post({ type: 'conversation/rename', id: c.id }), { class: 'secondary', 'aria-label': `Rename "${c.title}"` }),
        button('Delete', () => this.post({ type: 'conversation/delete', id: c.id }), { class: 'secondary', 'aria-label': `Delete "${c.title}"` }),
      ]);
    }));
  }
}
