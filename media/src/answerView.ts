import {
  parseAnswerHostMessage, parseAnswerSnapshot, type AnswerSnapshot, type AnswerViewMessage,
} from '../../src/shared/answerProtocol';
import { button, el } from './dom';
import { renderAnswer as renderMarkdownAnswer } from './streamingMarkdown';
import { vscodeApi } from './vscodeApi';

interface ViewState {
  readonly answer?: AnswerSnapshot;
}

type Post = (message: AnswerViewMessage) => void;

const BUSY = new Set<AnswerSnapshot['phase']>(['routing', 'streaming']);

/**
 * The answer view: a header (model, why, hops, tokens, cost), actions, and the answer as sanitised
 * markdown. Snapshots re-render everything; appends re-render only the streaming segment, at most once
 * per frame.
 */
export function mountAnswerView(root: HTMLElement): void {
  const api = vscodeApi<ViewState, AnswerViewMessage>();
  const post: Post = api.postMessage.bind(api);
  let current = parseAnswerSnapshot(api.getState()?.answer);
  let pendingFrame: number | undefined;

  const paint = () => {
    pendingFrame = undefined;
    api.setState({ answer: current });
    renderAnswer(root, current, post);
  };
  const paintLastSegment = () => {
    pendingFrame = undefined;
    api.setState({ answer: current });
    const index = (current?.segments.length ?? 0) - 1;
    const target = root.querySelector<HTMLElement>(`[data-segment="${index}"] .segment-text`);
    const segment = current?.segments[index];
    if (target === null || segment === undefined) return renderAnswer(root, current, post);
    renderMarkdownAnswer(target, segment.text, post, BUSY.has(current?.phase ?? 'done'));
    updateTextActions(root, current);
  };

  paint();
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = parseAnswerHostMessage(event.data);
    if (message === undefined) return; // not ours, or malformed: never act on it
    switch (message.type) {
      case 'answer/snapshot':
        current = message.snapshot;
        if (pendingFrame !== undefined) cancelAnimationFrame(pendingFrame);
        paint();
        break;
      case 'answer/append': {
        const segment = current?.segments[message.segment];
        if (current === undefined || current.id !== message.id || segment === undefined) return;
        const segments = current.segments.map((s, i) => (i === message.segment ? { ...s, text: s.text + message.text } : s));
        current = { ...current, segments };
        pendingFrame ??= requestAnimationFrame(paintLastSegment);
        break;
      }
    }
  });
  post({ type: 'webview/ready' });
}

function renderAnswer(root: HTMLElement, answer: AnswerSnapshot | undefined, post: Post): void {
  if (answer === undefined) {
    root.replaceChildren(el('p', { className: 'muted', text: 'No answer yet. Run "Quorum: Ask Best Model" (Ctrl+Alt+Q).' }));
    return;
  }
  const focusedId = document.activeElement instanceof HTMLElement ? document.activeElement.id : '';
  const h = answer.header;
  const facts = el('dl', { className: 'answer-facts' }, [
    ...fact('Route', h.hops, 'answer-hops'),
    ...fact('Tokens', h.tokens, 'answer-tokens'),
    ...fact('Cost', h.cost, 'answer-cost'),
    ...fact('Prompt cache', h.cache, 'answer-cache'),
    ...fact('Context', h.context, 'answer-context'),
    ...fact('Learned', h.feedback, 'answer-feedback'),
  ]);
  const header = el('header', { className: 'answer-header', attrs: { id: 'answer-header' } }, [
    el('div', { className: 'answer-title' }, [
      el('h1', { attrs: { id: 'answer-model' }, text: h.model }),
      el('span', { className: `badge phase-${answer.phase}`, attrs: { id: 'answer-status', role: 'status' }, text: h.status }),
      h.cached === undefined ? null : el('span', { className: 'badge answer-cached', attrs: { id: 'answer-cached', title: 'Answered from the exact response cache (quorum.cache.exact): nothing was sent. Regenerate asks the model afresh.' }, text: h.cached }),
    ]),
    el('p', { className: answer.phase === 'failed' ? 'answer-why error' : 'answer-why muted', attrs: { id: 'answer-why' }, text: h.why }),
    facts,
    answer.noRoute === true ? setupActions(post) : actions(answer, post),
  ]);
  const prompt = el('details', { className: 'answer-prompt' }, [
    el('summary', { text: 'Prompt' }),
    el('pre', { attrs: { id: 'answer-prompt' }, text: answer.prompt }),
  ]);
  const body = el('article', { className: 'answer-body', attrs: { id: 'answer-body', 'aria-busy': String(BUSY.has(answer.phase)) } },
    answer.segments.map((segment, index) => {
      const text = el('div', { className: 'segment-text markdown-body' });
      // Only the last segment can still grow; its open code block gets its buttons when the fence closes.
      renderMarkdownAnswer(text, segment.text, post, BUSY.has(answer.phase) && index === answer.segments.length - 1);
      return el('section', { className: 'answer-segment', attrs: { 'data-segment': String(index) } }, [
        segment.continuedBy !== undefined
          ? el('p', { className: 'continued-marker', attrs: { role: 'note' }, text: `continued by ${segment.continuedBy}` })
          : null,
        text,
      ]);
    }));
  root.replaceChildren(header, prompt, body);
  updateTextActions(root, answer);
  restoreFocus(root, focusedId);
}

function fact(label: string, value: string | undefined, id: string): HTMLElement[] {
  if (value === undefined) return [];
  return [el('dt', { text: label }), el('dd', { attrs: { id }, text: value })];
}

function actions(answer: AnswerSnapshot, post: Post): HTMLElement {
  const busy = BUSY.has(answer.phase);
  // Stop exists only while there is something to stop; a dimmed primary button still reads as live.
  const stop = busy ? button('Stop', () => post({ type: 'answer/stop' }), { id: 'answer-stop', title: 'Stop the answer (Escape)' }) : null;
  const explain = button('Why this model?', () => post({ type: 'answer/explain' }), { id: 'answer-explain', class: 'secondary' });
  explain.disabled = answer.phase === 'routing';
  return el('div', { className: 'answer-actions', attrs: { role: 'toolbar', 'aria-label': 'Answer actions' } }, [
    stop,
    button('Copy', () => post({ type: 'answer/copy' }), { id: 'answer-copy', class: 'secondary' }),
    button('Insert at Cursor', () => post({ type: 'answer/insert' }), { id: 'answer-insert', class: 'secondary', title: 'Insert into the last active editor' }),
    button('Ask Again With…', () => post({ type: 'answer/askAgain' }), { id: 'answer-ask-again', class: 'secondary' }),
    explain,
    ...ratingButtons(answer, post),
  ]);
}

/** 👍/👎 on a finished routed answer: they teach the router this workspace's needs; the chosen one is pressed. */
function ratingButtons(answer: AnswerSnapshot, post: Post): HTMLElement[] {
  const rating = answer.rating;
  if (rating === undefined) return [];
  const rate = (value: 'up' | 'down', label: string, title: string): HTMLElement => {
    const b = button(label, () => post({ type: 'answer/rate', id: answer.id, rating: value }), { id: `answer-rate-${value}`, class: 'secondary', title });
    b.setAttribute('aria-pressed', String(rating === value));
    return b;
  };
  return [
    rate('up', '👍', 'Good answer: this kind of question was routed well'),
    rate('down', '👎', 'Not good enough: route this kind of question to a stronger model here'),
  ];
}

function setupActions(post: Post): HTMLElement {
  return el('div', { className: 'answer-actions', attrs: { role: 'toolbar', 'aria-label': 'Set up a provider' } }, [
    button('Set API Key', () => post({ type: 'answer/setKey' }), { id: 'answer-set-key' }),
    button('Add Local Endpoint', () => post({ type: 'answer/addEndpoint' }), { id: 'answer-add-endpoint', class: 'secondary' }),
  ]);
}

/** Copy and Insert need text; enabled as soon as the first words arrive. */
function updateTextActions(root: HTMLElement, answer: AnswerSnapshot | undefined): void {
  const empty = (answer?.segments ?? []).every((s) => s.text === '');
  for (const id of ['answer-copy', 'answer-insert']) {
    const b = root.querySelector<HTMLButtonElement>(`#${id}`);
    if (b !== null) b.disabled = empty;
  }
}

/** A re-render must not drop keyboard focus; when Stop goes away, focus moves to Copy. */
function restoreFocus(root: HTMLElement, focusedId: string): void {
  if (focusedId === '') return;
  let target = root.querySelector<HTMLButtonElement>(`#${focusedId}`);
  if (target === null && focusedId === 'answer-stop') target = root.querySelector('#answer-copy');
  target?.focus();
}
