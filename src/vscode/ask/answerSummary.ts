import { answerText, type AnswerState } from '../../core/ask/answerState';
import { modelRefText } from '../../core/ask/modelRefText';
import type { ModelCatalog } from '../../core/catalog/modelCatalog';
import { toAnswerSnapshot } from '../../app/views/answerSnapshot';
import type { AnswerSummary } from './askController';

/** What `quorum.askBestModel` returns for an answer state (and `QuorumApi.lastAnswer()` reports). */
export function answerSummary(state: AnswerState, catalog: ModelCatalog | undefined): AnswerSummary {
  return {
    id: state.id,
    phase: state.phase,
    text: answerText(state),
    ...(state.answeredBy !== undefined ? { answeredBy: modelRefText(state.answeredBy) } : {}),
    hops: state.hops.map((h) => ({ model: modelRefText(h.ref), reason: h.reason, ...(h.status !== undefined ? { status: h.status } : {}), next: h.next })),
    snapshot: toAnswerSnapshot(state, catalog),
    chain: state.decision?.chain.map(modelRefText) ?? [],
    attempts: state.attempts?.length ?? 0,
    ...(state.error !== undefined ? { error: state.error } : {}),
  };
}

/** The log line of a finished answer: who answered, after which failures, and any error. */
export function answerLogLine(state: AnswerState): string {
  const by = state.answeredBy === undefined ? 'no model' : modelRefText(state.answeredBy);
  const hops = state.hops.map((h) => `${modelRefText(h.ref)} ${h.reason}${h.status === undefined ? '' : ` ${h.status}`} → ${h.next}`).join('; ');
  return `Ask ${state.id}: ${state.phase}, answered by ${by}${hops === '' ? '' : ` after ${hops}`}${state.error ? ` — ${state.error}` : ''}`;
}

/** The progress notification's text for a state. */
export function progressText(state: AnswerState): string {
  const model = state.current ?? state.decision?.chosen;
  switch (state.phase) {
    case 'routing': return 'choosing a model…';
    case 'streaming': return model === undefined ? 'answering…' : `${modelRefText(model)} is answering…`;
    default: return '';
  }
}
