import type { ConversationViewMessage, TurnView } from '../../src/shared/conversationProtocol';
import { button, el } from './dom';
import type { CodeBlockHandler } from './codeBlockActions';
import { renderAnswer } from './streamingMarkdown';

type Post = (message: ConversationViewMessage) => void;

const BUSY = new Set<TurnView['phase']>(['routing', 'streaming']);

/**
 * One turn: the question (with the chips it carried), the route card (model, status, why, and the router's
 * reasons under "Why this model?"; tokens and cost), and the answer as sanitised markdown through the shared
 * renderer (so per-block actions and math added there apply here too).
 */
export function turnElement(turn: TurnView, index: number, last: boolean, post: Post): { readonly node: HTMLElement; readonly body: HTMLElement } {
  const body = el('div', { className: 'turn-answer markdown-body answer-body', attrs: { 'data-role': 'answer', 'aria-busy': String(BUSY.has(turn.phase)) } });
  // A streaming answer is rendered by the caller's StreamingMarkdown, which it keeps for the appends.
  if (!BUSY.has(turn.phase)) renderAnswer(body, turn.text, codeHandler(turn, post));
  const node = el('article', { className: `turn phase-${turn.phase}`, attrs: { 'data-turn': turn.id, 'aria-label': `Question ${index + 1}` } }, [
    question(turn),
    routeCard(turn, index),
    body,
    last ? turnActions(turn, post) : null,
  ]);
  return { node, body };
}

function question(turn: TurnView): HTMLElement {
  return el('div', { className: 'turn-question' }, [
    el('p', { className: 'turn-prompt', attrs: { 'data-role': 'prompt' }, text: turn.prompt }),
    turn.chips.length === 0 ? null : el('ul', { className: 'chips chips-sent', attrs: { 'aria-label': 'Context sent' } }, turn.chips.map((c) =>
      el('li', { className: `chip chip-${c.kind}` }, [el('span', { className: 'chip-label', text: c.label }), el('span', { className: 'chip-tokens muted', text: c.tokens })]))),
  ]);
}

/** The route card: the same facts as the Answer view's header, compact for a sidebar. */
function routeCard(turn: TurnView, index: number): HTMLElement {
  const h = turn.header;
  const failed = turn.phase === 'failed';
  const reasons = turn.reasons.length <= 1 ? null : el('details', { className: 'route-reasons' }, [
    el('summary', { text: 'Why this model?' }),
    el('ul', {}, turn.reasons.map((r) => el('li', { text: r }))),
  ]);
  return el('section', { className: 'route-card', attrs: { 'aria-label': `Route and cost of answer ${index + 1}` } }, [
    el('div', { className: 'route-title' }, [
      el('span', { className: 'route-model', attrs: { 'data-role': 'model' }, text: h.model }),
      el('span', { className: `badge phase-${turn.phase}`, attrs: { 'data-role': 'status', role: 'status' }, text: h.status }),
    ]),
    el('p', { className: failed ? 'route-why error' : 'route-why muted', attrs: { 'data-role': 'why', ...(failed ? { role: 'alert' } : {}) }, text: h.why }),
    h.hops === undefined ? null : el('p', { className: 'route-hops', attrs: { 'data-role': 'hops' }, text: h.hops }),
    reasons,
    el('p', { className: 'route-facts muted' }, [
      el('span', { attrs: { 'data-role': 'tokens' }, text: h.tokens }),
      el('span', { text: ' · ' }),
      el('span', { attrs: { 'data-role': 'cost' }, text: h.cost }),
      h.cached === undefined ? null : el('span', { className: 'badge route-cached', attrs: { 'data-role': 'cached', title: 'Answered from the exact response cache (quorum.cache.exact): nothing was sent. "Regenerate with…" asks a model afresh.' }, text: h.cached }),
    ]),
    h.cache === undefined ? null : el('p', { className: 'route-cache muted', attrs: { 'data-role': 'cache' }, text: `Prompt cache: ${h.cache}` }),
  ]);
}

/** Retry and Regenerate with another model, on the last turn once it has settled. */
function turnActions(turn: TurnView, post: Post): HTMLElement | null {
  if (BUSY.has(turn.phase)) return null;
  return el('div', { className: 'turn-actions', attrs: { role: 'group', 'aria-label': 'Last answer' } }, [
    button('Retry', () => post({ type: 'conversation/retry' }), { id: 'conversation-retry', class: 'secondary', title: 'Send the last question again' }),
    button('Regenerate with…', () => post({ type: 'conversation/regenerate' }), { id: 'conversation-regenerate', class: 'secondary', title: 'Ask the last question again, afresh, of another model' }),
  ]);
}

/** Copy / Insert / Apply of a code block in `turn`'s answer, naming the model that wrote it in the diff's title. */
export function codeHandler(turn: TurnView, post: Post): CodeBlockHandler {
  const source = turn.header?.model;
  return (message) => post(source === undefined ? message : { ...message, source });
}
