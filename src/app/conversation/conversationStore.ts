import type { Conversation } from '../../core/conversation/conversation';
import { parseConversation, parseConversationIndex } from './conversationRecords';

/** Where conversations are kept: `vscode.Memento` (the workspace state) fits, and a Map does in tests. */
export interface ConversationStorage {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** One line of the conversation list. */
export interface ConversationSummary {
  readonly id: string;
  readonly title: string;
  readonly updatedAt: number;
  readonly turns: number;
}

const INDEX_KEY = 'quorum.conversations';
/** The conversation the view showed last: it shows it again after a window reload. */
const OPEN_KEY = 'quorum.conversations.open';
const entryKey = (id: string): string => `quorum.conversation.${id}`;

/**
 * The workspace's conversations: an index of ids (newest first) and one entry per conversation, so saving a
 * turn rewrites one conversation, not all of them, and one unreadable entry loses nothing else.
 */
export class ConversationStore {
  private readonly loaded = new Map<string, Conversation>();
  private order: string[] = [];
  private readonly skipped: string[] = [];
  private openId: string | undefined;

  /** Reads every stored conversation; `problems()` says which could not be read. */
  constructor(private readonly storage: ConversationStorage) {
    const index = parseConversationIndex(storage.get(INDEX_KEY));
    if (index === undefined && storage.get(INDEX_KEY) !== undefined) this.skipped.push('The list of conversations could not be read; it starts empty.');
    for (const id of index ?? []) {
      const entry = parseConversation(storage.get(entryKey(id)));
      if (entry === undefined || entry.id !== id) {
        this.skipped.push(`Conversation ${id} could not be read (corrupt or from another version) and was skipped.`);
        continue;
      }
      this.loaded.set(id, entry);
      this.order.push(id);
    }
    const open = storage.get(OPEN_KEY);
    this.openId = typeof open === 'string' && this.loaded.has(open) ? open : undefined;
  }

  /** The conversation the view showed last (`undefined`: a new one, or it was deleted). */
  opened(): Conversation | undefined {
    return this.openId === undefined ? undefined : this.loaded.get(this.openId);
  }

  /** Remembers which conversation the view shows, for the next window. */
  async markOpen(id: string | undefined): Promise<void> {
    if (id === this.openId) return;
    this.openId = id;
    await this.storage.update(OPEN_KEY, id);
  }

  /** What could not be read at load, one sentence each (for the log). */
  problems(): readonly string[] {
    return this.skipped;
  }

  get(id: string): Conversation | undefined {
    return this.loaded.get(id);
  }

  /** Every conversation, most recently updated first. */
  list(): ConversationSummary[] {
    return this.order.flatMap((id) => {
      const c = this.loaded.get(id);
      return c === undefined ? [] : [{ id, title: c.title, updatedAt: c.updatedAt, turns: c.turns.length }];
    });
  }

  /** Conversations whose title, questions or answers contain `query` (any case); all of them for an empty query. */
  search(query: string): ConversationSummary[] {
    const needle = query.trim().toLowerCase();
    if (needle === '') return this.list();
    return this.list().filter((s) => {
      const c = this.loaded.get(s.id);
      const haystack = [c?.title ?? '', ...(c?.turns ?? []).flatMap((t) => [t.prompt, t.answer?.text ?? ''])];
      return haystack.some((text) => text.toLowerCase().includes(needle));
    });
  }

  /** Stores `conversation` (new or changed) and moves it to the top of the list. */
  async save(conversation: Conversation): Promise<void> {
    this.loaded.set(conversation.id, conversation);
    this.order = [conversation.id, ...this.order.filter((id) => id !== conversation.id)];
    await this.storage.update(entryKey(conversation.id), conversation);
    await this.storage.update(INDEX_KEY, this.order);
  }

  /** Renames a conversation; false when there is none with `id` or the title is blank. */
  async rename(id: string, title: string): Promise<boolean> {
    const c = this.loaded.get(id);
    const trimmed = title.trim();
    if (c === undefined || trimmed === '') return false;
    const renamed = { ...c, title: trimmed };
    this.loaded.set(id, renamed);
    await this.storage.update(entryKey(id), renamed);
    return true;
  }

  async remove(id: string): Promise<void> {
    this.loaded.delete(id);
    this.order = this.order.filter((other) => other !== id);
    if (this.openId === id) await this.markOpen(undefined);
    await this.storage.update(entryKey(id), undefined);
    await this.storage.update(INDEX_KEY, this.order);
  }
}
