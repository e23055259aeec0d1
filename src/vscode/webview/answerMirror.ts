import { answerUpdateMessage } from '../../app/views/answerSnapshot';
import type { AnswerHostMessage, AnswerSnapshot } from '../../shared/answerProtocol';
import { StateMirror } from './stateMirror';

/** A new answer, or one that has settled, goes out at once; streaming text waits for the next flush. */
function answerIsUrgent(shown: AnswerSnapshot | undefined, next: AnswerSnapshot): boolean {
  const settled = next.phase !== 'routing' && next.phase !== 'streaming';
  return settled || shown === undefined || shown.id !== next.id;
}

/** The host's copy of the answer view: appended text while an answer streams, whole snapshots otherwise. */
export function answerMirror(restored?: AnswerSnapshot): StateMirror<AnswerSnapshot, AnswerHostMessage> {
  return new StateMirror({ diff: answerUpdateMessage, urgent: answerIsUrgent }, restored);
}
