import { formatUsd } from '../../src/shared/format';
import { durationText, isActive, STATUS_TEXT, tokensText } from '../../src/shared/panelFormat';
import type { CompareColumn, CompareColumnInfo, PanelViewMessage } from '../../src/shared/panelProtocol';
import { MAX_PANEL_TEXT } from '../../src/shared/panelFields';
import { button, el } from './dom';
import { StreamingMarkdown } from './streamingMarkdown';

/** What a column needs from the Compare tab around it. */
export interface ColumnHost {
  post(message: PanelViewMessage): void;
  /** Every column of the run, for "Diff with…". */
  peers(): readonly { readonly id: string; readonly label: string }[];
  winner(): string | undefined;
  pickWinner(columnId: string): void;
}

let sequence = 0;

/**
 * One compare column: its header (model, provider, status, timings, tokens, cost, finish, error) and
 * actions, rebuilt when its info changes, and its answer as sanitised markdown, repainted at most once per
 * frame by the Compare tab (`paint`) however many deltas arrived.
 */
export class ColumnView {
  readonly element: HTMLElement;
  private readonly domId = `column-${++sequence}`;
  private readonly chrome: HTMLElement;
  private readonly body: HTMLElement;
  private readonly markdown: StreamingMarkdown;
  private info: CompareColumnInfo;
  private text: string;
  private diffTarget = '';
  /** The text was rendered whole after the column settled; nothing left to paint. */
  private finalPainted = false;

  constructor(column: CompareColumn, private readonly host: ColumnHost) {
    const { text, ...info } = column;
    this.info = info;
    this.text = text;
    this.chrome = el('header', { className: 'column-header' });
    this.body = el('div', { className: 'column-text markdown-body', attrs: { id: `${this.domId}-text` } });
    this.markdown = new StreamingMarkdown(this.body, (message) => host.post({ ...message, source: this.info.label }));
    this.element = el('section', { className: 'compare-column', attrs: { 'data-column-id': info.id, 'aria-labelledby': `${this.domId}-title` } }, [this.chrome, this.body]);
    this.refresh();
  }

  get id(): string {
    return this.info.id;
  }

  get label(): string {
    return this.info.label;
  }

  state(): CompareColumn {
    return { ...this.info, text: this.text };
  }

  /** New info (`compare/column`); returns whether the text needs painting (the column just settled). */
  update(info: CompareColumnInfo): boolean {
    const settled = isActive(this.info.status) && !isActive(info.status);
    this.info = info;
    this.refresh();
    if (settled || isActive(info.status)) this.finalPainted = false;
    return settled;
  }

  /** Replaces the whole text (a snapshot); returns whether it changed. */
  setText(text: string): boolean {
    if (text === this.text && this.finalPainted) return false;
    const hadText = this.text !== '';
    this.text = text;
    this.finalPainted = false;
    if (hadText !== (text !== '')) this.refresh();
    return true;
  }

  /** Appends a delta; returns whether anything was added. */
  append(delta: string): boolean {
    const room = MAX_PANEL_TEXT - this.text.length;
    if (room <= 0 || delta === '') return false;
    const first = this.text === '';
    this.text += delta.length > room ? delta.slice(0, room) : delta;
    this.finalPainted = false;
    // Copy, Insert, Apply and Diff come alive with the first words.
    if (first) this.refresh();
    return true;
  }

  /** Renders the text: the growing tail while the column is active, the whole answer once it has settled. */
  paint(): void {
    if (this.finalPainted) return;
    if (isActive(this.info.status)) {
      this.markdown.renderStreaming(this.text);
    } else {
      this.markdown.renderFinal(this.text);
      this.finalPainted = true;
    }
  }

  /** Rebuilds the header and actions, keeping keyboard focus on the same control. */
  refresh(): void {
    const focused = document.activeElement instanceof HTMLElement && this.chrome.contains(document.activeElement)
      ? document.activeElement.dataset.action : undefined;
    const { info } = this;
    const winner = this.host.winner() === info.id;
    this.element.className = `compare-column status-${info.status}${winner ? ' is-winner' : ''}`;
    this.body.setAttribute('aria-busy', String(isActive(info.status)));
    const parts: (HTMLElement | null)[] = [
      el('div', { className: 'column-title' }, [
        el('h3', { attrs: { id: `${this.domId}-title`, title: info.ref }, text: info.label }),
        winner ? el('span', { className: 'badge winner-badge', attrs: { 'data-role': 'winner' }, text: 'Winner' }) : null,
      ]),
      el('div', { className: 'column-sub' }, [
        el('span', { className: 'column-provider muted', text: info.provider }),
        el('span', { className: `column-status status-${info.status}`, attrs: { 'data-role': 'status' }, text: STATUS_TEXT[info.status] }),
      ]),
      el('dl', { className: 'column-facts' }, [
        ...fact('TTFT', durationText(info.ttftMs), 'ttft'),
        ...fact('Total', durationText(info.totalMs), 'total'),
        ...fact('Tokens', tokensText(info.inputTokens, info.outputTokens), 'tokens'),
        ...fact('Cost', formatUsd(info.costUsd), 'cost'),
        ...fact('Finish', info.finishReason ?? '—', 'finish'),
      ]),
      this.errorLine(),
      this.actions(),
    ];
    this.chrome.replaceChildren(...parts.filter((part) => part !== null));
    if (focused !== undefined) {
      const target = this.chrome.querySelector<HTMLElement>(`[data-action="${focused}"]`) ?? this.chrome.querySelector<HTMLElement>('[data-action="copy"]');
      target?.focus();
    }
  }

  private errorLine(): HTMLElement | null {
    const { info } = this;
    const retry = info.status === 'failed' || info.status === 'stopped'
      ? this.action('Retry', 'retry', () => this.host.post({ type: 'compare/retry', columnId: info.id }), `Run ${info.label} again`)
      : null;
    if (info.error === undefined && retry === null) return null;
    return el('div', { className: 'column-error-line' }, [
      info.error === undefined ? null : el('p', { className: 'column-error', attrs: { role: 'alert', 'data-role': 'error' }, text: info.error }),
      retry,
    ]);
  }

  private actions(): HTMLElement {
    const { info } = this;
    const id = info.id;
    const active = isActive(info.status);
    const empty = this.text === '';
    const winner = this.host.winner() === id;
    const stop = active ? this.action('Stop', 'stop', () => this.host.post({ type: 'compare/stop', columnId: id }), `Stop ${info.label}`) : null;
    const copy = this.action('Copy', 'copy', () => this.host.post({ type: 'compare/copy', columnId: id }), 'Copy this answer');
    const insert = this.action('Insert', 'insert', () => this.host.post({ type: 'compare/insert', columnId: id }), 'Insert this answer at the cursor');
    const apply = this.action('Apply…', 'apply', () => this.host.post({ type: 'compare/apply', columnId: id }), 'Apply this answer to the selection (shows a diff first)');
    const pick = this.action(winner ? 'Winner ✓' : 'Pick winner', 'pickWinner', () => this.host.pickWinner(id), 'Mark this answer as the best of the run');
    pick.setAttribute('aria-pressed', String(winner));
    const follow = this.action('Continue in conversation', 'continue', () => this.host.post({ type: 'compare/continue', columnId: id }), 'Ask follow-ups about this answer in the Quorum view, with this model');
    follow.disabled = empty || active;
    for (const b of [copy, insert, apply]) b.disabled = empty;
    pick.disabled = empty || active;
    return el('div', { className: 'column-actions', attrs: { role: 'group', 'aria-label': `Actions for ${info.label}` } }, [
      stop, copy, insert, apply, pick, follow, this.diffControl(empty),
    ]);
  }

  /** "Diff with…": a select of the other columns and a Diff button (a select alone would fire on every arrow key). */
  private diffControl(empty: boolean): HTMLElement {
    const others = this.host.peers().filter((p) => p.id !== this.info.id);
    if (!others.some((p) => p.id === this.diffTarget)) this.diffTarget = others[0]?.id ?? '';
    const selectId = `${this.domId}-diff`;
    const select = el('select', { attrs: { id: selectId, 'data-action': 'diffTarget' } },
      others.map((p) => el('option', { attrs: { value: p.id }, text: p.label })));
    select.value = this.diffTarget;
    select.addEventListener('change', () => { this.diffTarget = select.value; });
    const diff = this.action('Diff', 'diff', () => {
      if (this.diffTarget !== '') this.host.post({ type: 'compare/diff', left: this.info.id, right: this.diffTarget });
    }, 'Open a diff of the two answers');
    diff.disabled = empty || others.length === 0;
    select.disabled = others.length === 0;
    return el('span', { className: 'diff-with' }, [el('label', { attrs: { for: selectId }, text: 'Diff with' }), select, diff]);
  }

  private action(label: string, name: string, onClick: () => void, title: string): HTMLButtonElement {
    // Stop is the one primary action while a column runs; the rest are secondary.
    const style: Record<string, string> = name === 'stop' ? {} : { class: 'secondary' };
    return button(label, onClick, { ...style, 'data-action': name, title, 'aria-label': `${label} — ${this.info.label}` });
  }
}

function fact(label: string, value: string, key: string): HTMLElement[] {
  return [el('dt', { text: label }), el('dd', { attrs: { 'data-fact': key }, text: value })];
}
