import type { ChipView, ConversationSnapshot, ConversationViewMessage } from '../../src/shared/conversationProtocol';
import { button, el } from './dom';

type Post = (message: ConversationViewMessage) => void;

/** Typing `#file` and a space opens the workspace file picker, as in chat (the token itself is not kept). */
const FILE_REFERENCE = /(^|\s)#file\s$/;

const ATTACH_CHOICES: readonly { readonly kind: ChipView['kind']; readonly label: string }[] = [
  { kind: 'selection', label: 'Selection' },
  { kind: 'file', label: 'Active file' },
  { kind: 'reference', label: 'File… (#file)' },
  { kind: 'image', label: 'Image…' },
];

/**
 * The question box at the bottom of the Quorum view: the chips to be sent (each removable), a multi-line input
 * (Enter sends, Shift+Enter is a new line), Attach, the model picker (Auto by default) and Send / Stop. Built
 * once, so a snapshot never takes the user's words or focus away; `update` refreshes the rest.
 */
export class Composer {
  readonly root: HTMLElement;
  readonly input: HTMLTextAreaElement;
  private readonly chips: HTMLElement;
  private readonly model: HTMLSelectElement;
  private readonly send: HTMLButtonElement;
  private readonly stop: HTMLButtonElement;
  private readonly hint: HTMLElement;
  private busy = false;

  constructor(private readonly post: Post, private readonly onDraft: (draft: string) => void) {
    this.chips = el('ul', { className: 'chips', attrs: { id: 'conversation-chips', 'aria-label': 'Context to send with the question' } });
    this.input = el('textarea', { attrs: { id: 'conversation-input', rows: '3', 'aria-label': 'Ask Quorum (Enter sends, Shift+Enter adds a line)', placeholder: 'Ask a question… (Enter to send, Shift+Enter for a new line, #file to attach a file)' } });
    this.input.addEventListener('keydown', (event) => this.onKey(event));
    this.input.addEventListener('input', () => this.onInput());
    this.model = el('select', { attrs: { id: 'conversation-model', 'aria-label': 'Model' } });
    this.model.addEventListener('change', () => this.post({ type: 'conversation/model', model: this.model.value }));
    this.send = button('Send', () => this.submit(), { id: 'conversation-send', title: 'Send (Enter)' });
    this.stop = button('Stop', () => this.post({ type: 'conversation/stop' }), { id: 'conversation-stop', title: 'Stop the answer' });
    this.hint = el('p', { className: 'composer-hint muted', attrs: { id: 'conversation-hint', role: 'status' } });
    this.root = el('form', { className: 'composer', attrs: { id: 'conversation-composer', 'aria-label': 'Ask a question' } }, [
      this.chips,
      this.input,
      attachControl(post),
      el('div', { className: 'composer-row' }, [this.model, this.stop, this.send]),
      this.hint,
    ]);
    this.root.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
  }

  update(snapshot: ConversationSnapshot): void {
    this.busy = snapshot.busy;
    this.send.hidden = snapshot.busy;
    this.stop.hidden = !snapshot.busy;
    this.chips.replaceChildren(...snapshot.chips.map((chip) => chipItem(chip, () => this.post({ type: 'chip/remove', id: chip.id }))));
    this.chips.hidden = snapshot.chips.length === 0;
    const options = [{ ref: 'auto', label: 'Auto (best model)' }, ...snapshot.models];
    // A pinned model the picker no longer lists (its key removed) stays visible as the choice rather than vanishing.
    if (!options.some((o) => o.ref === snapshot.model)) options.push({ ref: snapshot.model, label: snapshot.model });
    this.model.replaceChildren(...options.map((o) => el('option', { attrs: { value: o.ref, title: o.ref }, text: o.label })));
    this.model.value = snapshot.model;
  }

  /** Puts words back (a question that could not be sent), unless the user has typed something new meanwhile. */
  restore(text: string): void {
    if (this.input.value.trim() !== '') return;
    this.input.value = text;
    this.onDraft(text);
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    this.submit();
  }

  private onInput(): void {
    this.hint.textContent = '';
    if (FILE_REFERENCE.test(this.input.value)) {
      this.input.value = this.input.value.replace(FILE_REFERENCE, '$1');
      this.post({ type: 'chip/add', kind: 'reference' });
    }
    this.onDraft(this.input.value);
  }

  /** Sends the question; an empty one is never sent (and never replaced by an earlier one). */
  private submit(): void {
    const prompt = this.input.value;
    if (prompt.trim() === '') {
      this.hint.textContent = 'Type a question first.';
      return;
    }
    if (this.busy) {
      this.hint.textContent = 'An answer is on its way: press Stop, or wait for it.';
      return;
    }
    this.post({ type: 'conversation/send', prompt, model: this.model.value });
    this.input.value = '';
    this.onDraft('');
  }
}

/** One chip: what it is, its size, who may see it, and a button to remove it before sending. */
function chipItem(chip: ChipView, remove: () => void): HTMLElement {
  const kind = ATTACH_CHOICES.find((c) => c.kind === chip.kind)?.label.replace(/….*$/, '') ?? chip.kind;
  const close = button('×', remove, { class: 'chip-remove', 'aria-label': `Remove ${chip.label} (${chip.tokens})`, title: 'Remove: it will not be sent' });
  return el('li', { className: `chip chip-${chip.kind}${chip.privacy !== undefined ? ' chip-private' : ''}`, attrs: { 'data-chip': chip.id, title: `${kind}: ${chip.label}` } }, [
    el('span', { className: 'chip-label', text: chip.label }),
    el('span', { className: 'chip-tokens muted', text: chip.tokens }),
    chip.privacy === undefined ? null : el('span', { className: 'chip-privacy', attrs: { role: 'note' }, text: chip.privacy }),
    close,
  ]);
}

/** Attach buttons (a select would attach on every arrow key); they wrap to fit a narrow sidebar. */
function attachControl(post: Post): HTMLElement {
  return el('div', { className: 'attach', attrs: { role: 'group', 'aria-label': 'Attach context' } }, ATTACH_CHOICES.map((c) =>
    button(`+ ${c.label}`, () => post({ type: 'chip/add', kind: c.kind }), { class: 'secondary attach-button', 'data-attach': c.kind, title: `Attach ${c.label.toLowerCase()}` })));
}
