import type { ModelCatalog } from '../../core/catalog/modelCatalog';
import { fitText, MAX_ANSWER_LINE, MAX_ANSWER_TEXT, type AnswerHeaderView, type AnswerHostMessage, type AnswerSnapshot } from '../../shared/answerProtocol';
import { answerHeader } from './answerHeader';
import type { AnswerState } from '../../core/ask/answerState';
import { modelRefText } from '../../core/ask/modelRefText';

/** What the answer view is sent for one state: display text only, cut (visibly) to what the protocol carries. */
export function toAnswerSnapshot(state: AnswerState, catalog?: ModelCatalog): AnswerSnapshot {
  const line = (value: string): string => fitText(value, MAX_ANSWER_LINE);
  const header = Object.fromEntries(Object.entries(answerHeader(state, catalog)).map(([k, v]) => [k, typeof v === 'string' ? line(v) : v])) as AnswerHeaderView;
  return {
    id: line(state.id),
    prompt: fitText(state.prompt, MAX_ANSWER_TEXT),
    phase: state.phase,
    header,
    segments: state.segments.map((s) => ({
      text: fitText(s.text, MAX_ANSWER_TEXT),
      ...(s.continuedFrom !== undefined && s.by !== undefined ? { continuedBy: line(modelRefText(s.by)) } : {}),
    })),
    ...(state.noRoute === true ? { noRoute: true } : {}),
    ...(rateable(state) ? { rating: state.rating ?? 'unrated' } : {}),
  };
}

/** Only a finished answer the router chose says something about its routing. */
export function rateable(state: AnswerState): boolean {
  return state.phase === 'done' && state.pinned === undefined && state.decision !== undefined;
}

/**
 * The smallest message that brings a view showing `previous` to `next`: an append when only the last
 * segment's text grew (the common case while streaming), else the whole snapshot.
 */
export function answerUpdateMessage(previous: AnswerSnapshot | undefined, next: AnswerSnapshot): AnswerHostMessage {
  const whole: AnswerHostMessage = { type: 'answer/snapshot', snapshot: next };
  if (previous === undefined || previous.id !== next.id || previous.phase !== next.phase || previous.rating !== next.rating) return whole;
  if (previous.segments.length !== next.segments.length || next.segments.length === 0) return whole;
  if (JSON.stringify(previous.header) !== JSON.stringify(next.header)) return whole;
  const index = next.segments.length - 1;
  for (let i = 0; i < index; i++) if (previous.segments[i]?.text !== next.segments[i]?.text) return whole;
  const before = previous.segments[index]?.text ?? '';
  const after = next.segments[index]?.text ?? '';
  if (!after.startsWith(before)) return whole;
  return { type: 'answer/append', id: next.id, segment: index, text: after.slice(before.length) };
}
