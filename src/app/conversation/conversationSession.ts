import { answerText, type AnswerState } from '../../core/ask/answerState';
import { modelRefText } from '../../core/ask/modelRefText';
import type { ModelCatalog } from '../../core/catalog/modelCatalog';
import {
  titleFromPrompt, type AnswerRecord, type ChipRecord, type ContextChip, type Conversation, type ConversationTurn,
} from '../../core/conversation/conversation';
import { answerCostUsd } from '../../core/cost/answerRecord';
import type { Clock } from '../../core/ports';
import type { ModelRef } from '../../core/types';
import type { RequestService } from '../requestService';
import { turnRequest } from './conversationMessages';
import type { ConversationStore, ConversationSummary } from './conversationStore';

export interface ConversationSessionDeps {
  /** The one request path: every turn is admitted, routed, run and recorded there. */
  readonly requests: Pick<RequestService, 'ask'>;
  readonly store: ConversationStore;
  readonly catalog: () => ModelCatalog | undefined;
  readonly clock: Clock;
  readonly newId: () => string;
  /** The session changed (a new turn, streamed text, a settled answer, the list): the view should show it. */
  readonly onChange: () => void;
}

/** A conversation seeded from elsewhere ("Continue in conversation" from Compare or a Vote winner). */
export interface ConversationSeed {
  readonly prompt: string;
  readonly answer: string;
  readonly model: ModelRef;
  /** Where it comes from, for the route card, e.g. `Compare`. */
  readonly source: string;
  readonly costUsd?: number;
}

/** The turn being answered, with the answer state as the request path yields it. */
export interface LiveTurn {
  readonly turnId: string;
  readonly state: AnswerState;
}

/** What a turn sends, beside the conversation it belongs to. */
interface TurnInput {
  readonly prompt: string;
  /** The text the message is built from: the prompt, or (a retry after a reload) the message as first sent. */
  readonly body: string;
  readonly chips: readonly ContextChip[];
  readonly records: readonly ChipRecord[];
  readonly pinned?: ModelRef;
  readonly fresh?: boolean;
}

/**
 * The Quorum view's conversation, without `vscode`: the open conversation, the chips for the next question,
 * the model picker's choice, and the turn being answered. Every turn goes through `RequestService.ask` with its
 * conversation's earlier turns as messages and a `ConversationRef`; each settled turn is saved at once.
 */
export class ConversationSession {
  private open: Conversation | undefined;
  private pending: ContextChip[] = [];
  private live: LiveTurn | undefined;
  private running: AbortController | undefined;
  /** Chips as sent, per turn, so Retry sends the same context (kept in memory; after a reload, the text sent). */
  private readonly sentChips = new Map<string, readonly ContextChip[]>();
  /** The picker's choice for the next question; `undefined` = Auto. */
  model: ModelRef | undefined;
  query = '';

  /** Shows the conversation the view showed last (restored after a window reload), with its default model. */
  constructor(private readonly deps: ConversationSessionDeps) {
    this.open = deps.store.opened();
    this.model = this.open?.model;
  }

  get conversation(): Conversation | undefined {
    return this.open;
  }

  get chips(): readonly ContextChip[] {
    return this.pending;
  }

  get liveTurn(): LiveTurn | undefined {
    return this.live;
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  /** Attaches chips to the next question; a chip with the same label replaces the older one. */
  addChips(chips: readonly ContextChip[]): void {
    const labels = new Set(chips.map((c) => `${c.kind}:${c.label}`));
    this.pending = [...this.pending.filter((c) => !labels.has(`${c.kind}:${c.label}`)), ...chips];
    this.deps.onChange();
  }

  removeChip(id: string): void {
    this.pending = this.pending.filter((c) => c.id !== id);
    this.deps.onChange();
  }

  /**
   * Asks `prompt` (with the chips attached) as the next turn; resolves when the answer settles. Returns what
   * stopped it from being sent, with what to do, or the failed answer's error — so the caller can give the
   * words back to the input.
   */
  async send(prompt: string): Promise<{ readonly problem?: string; readonly failed?: string }> {
    if (prompt.trim() === '') return { problem: 'Type a question first.' };
    if (this.busy) return { problem: 'An answer is still on its way: press Stop, or wait for it, then send again.' };
    const now = this.deps.clock.now();
    const conversation = this.open ?? { id: this.deps.newId(), title: titleFromPrompt(prompt), createdAt: now, updatedAt: now, turns: [], ...(this.model ? { model: this.model } : {}) };
    const chips = this.pending;
    this.pending = [];
    const final = await this.run(conversation, conversation.turns.length, {
      prompt, body: prompt, chips, records: chips.map(chipRecord), ...(this.model !== undefined ? { pinned: this.model } : {}),
    });
    return final.phase === 'failed' ? { failed: final.error ?? 'The answer failed.' } : {};
  }

  /** Sends the last question again, with the same context and choice of model. */
  async retry(): Promise<string | undefined> {
    return this.again((turn) => (turn.pinned !== undefined ? { pinned: turn.pinned } : {}));
  }

  /** Asks the last question again, afresh (past any response cache), of `model`. */
  async regenerate(model: ModelRef): Promise<string | undefined> {
    return this.again(() => ({ pinned: model, fresh: true }));
  }

  stop(): void {
    this.running?.abort();
  }

  /** Starts a new conversation (empty, or seeded with a prompt and the answer it had, pinned to that model). */
  async startNew(seed?: ConversationSeed): Promise<void> {
    this.stop();
    this.show(undefined);
    this.model = seed?.model;
    if (seed !== undefined) {
      const now = this.deps.clock.now();
      // Not `pinned`: the user did not ask this turn here; its card says where it comes from, and follow-ups are pinned.
      const turn: ConversationTurn = {
        id: this.deps.newId(), prompt: seed.prompt, sent: seed.prompt, chips: [],
        answer: { text: seed.answer, phase: 'done', model: seed.model, at: now, reasons: [`Continued from ${seed.source}: ${modelRefText(seed.model)}'s answer.`], ...(seed.costUsd !== undefined ? { costUsd: seed.costUsd } : {}) },
      };
      const seeded = { id: this.deps.newId(), title: titleFromPrompt(seed.prompt), createdAt: now, updatedAt: now, turns: [turn], model: seed.model };
      await this.deps.store.save(seeded);
      this.show(seeded);
    }
    this.deps.onChange();
  }

  /** Opens a stored conversation; its default model becomes the picker's choice. */
  openConversation(id: string): string | undefined {
    if (this.busy) return 'Stop the answer on its way before opening another conversation.';
    const found = this.deps.store.get(id);
    if (found === undefined) return 'That conversation is gone (deleted in another window?).';
    this.show(found);
    this.model = found.model;
    this.deps.onChange();
    return undefined;
  }

  async rename(id: string, title: string): Promise<void> {
    if (await this.deps.store.rename(id, title)) {
      if (this.open?.id === id) this.open = this.deps.store.get(id);
      this.deps.onChange();
    }
  }

  async remove(id: string): Promise<void> {
    if (this.open?.id === id) {
      this.stop();
      this.show(undefined);
    }
    await this.deps.store.remove(id);
    this.deps.onChange();
  }

  /** The conversation list, filtered by the search query. */
  searchResults(): ConversationSummary[] {
    return this.deps.store.search(this.query);
  }

  search(query: string): void {
    this.query = query;
    this.deps.onChange();
  }

  dispose(): void {
    this.stop();
  }

  private async again(choice: (turn: ConversationTurn) => Pick<TurnInput, 'pinned' | 'fresh'>): Promise<string | undefined> {
    const conversation = this.open;
    const index = (conversation?.turns.length ?? 0) - 1;
    const turn = conversation?.turns[index];
    if (conversation === undefined || turn === undefined) return 'There is no question to send again yet.';
    if (this.busy) return 'An answer is still on its way: press Stop first.';
    const chips = this.sentChips.get(turn.id);
    // After a reload the chips' content is gone, but the message as first sent is kept whole.
    const input = chips !== undefined ? { body: turn.prompt, chips } : { body: turn.sent, chips: [] };
    const final = await this.run(conversation, index, { prompt: turn.prompt, records: turn.chips, ...input, ...choice(turn) });
    return final.phase === 'failed' ? final.error : undefined;
  }

  /** Sends turn `index` (replacing any turn there and after), streams its answer into the view, then saves it. */
  private async run(conversation: Conversation, index: number, input: TurnInput): Promise<AnswerState> {
    const built = turnRequest(conversation, index, input.body, input.chips);
    const turn: ConversationTurn = {
      id: this.deps.newId(), prompt: input.prompt, sent: built.sent, chips: input.records, ...(input.pinned !== undefined ? { pinned: input.pinned } : {}),
    };
    this.sentChips.set(turn.id, input.chips);
    let open: Conversation = { ...conversation, turns: [...conversation.turns.slice(0, index), turn], updatedAt: this.deps.clock.now() };
    this.show(open);
    const controller = new AbortController();
    this.running = controller;
    let state: AnswerState | undefined;
    try {
      const askInput = { prompt: input.prompt, request: built.request, ...(input.pinned !== undefined ? { pinned: input.pinned } : {}), ...(input.fresh === true ? { fresh: true } : {}) };
      for await (const next of this.deps.requests.ask(askInput, controller.signal)) {
        state = next;
        this.live = { turnId: turn.id, state: next };
        // The settled state is shown below, with the answer saved in the turn and Send back: never "Done" while busy.
        if (next.phase === 'routing' || next.phase === 'streaming') this.deps.onChange();
      }
    } finally {
      this.running = undefined;
      this.live = undefined;
    }
    const final = state ?? { id: turn.id, prompt: input.prompt, phase: 'failed', hops: [], segments: [], error: 'The request path returned no answer.' };
    open = { ...open, turns: open.turns.map((t) => (t.id === turn.id ? { ...t, answer: this.record(final) } : t)), updatedAt: this.deps.clock.now() };
    // Another conversation may have been opened meanwhile (after Stop): this one is saved all the same.
    if (this.open?.id === open.id) this.open = open;
    this.deps.onChange();
    await this.deps.store.save(open);
    // Saved: the list now holds it (new, or moved to the top).
    this.deps.onChange();
    return final;
  }

  /** Makes `conversation` the one on show, remembered for the next window. */
  private show(conversation: Conversation | undefined): void {
    this.open = conversation;
    void this.deps.store.markOpen(conversation?.id);
  }

  private record(state: AnswerState): AnswerRecord {
    const catalog = this.deps.catalog();
    const cost = answerCostUsd(state, (ref) => catalog?.get(ref)?.pricing);
    const phase = state.phase === 'done' || state.phase === 'failed' ? state.phase : 'stopped';
    return {
      text: answerText(state), phase, at: this.deps.clock.now(), reasons: state.decision?.reasons ?? [],
      ...(state.answeredBy !== undefined ? { model: state.answeredBy } : {}),
      ...(state.usage !== undefined ? { usage: state.usage } : {}),
      ...(cost !== undefined ? { costUsd: cost } : {}),
      ...(state.error !== undefined ? { error: state.error } : {}),
      ...(state.cached !== undefined ? { cached: state.cached } : {}),
    };
  }
}

/** What a finished turn remembers of a chip: its label and size, not its content. */
function chipRecord(chip: ContextChip): ChipRecord {
  return { kind: chip.kind, label: chip.label, tokens: chip.tokens, ...(chip.path !== undefined ? { path: chip.path } : {}) };
}
