import { parseModelRefText } from '../../core/ask/modelRefText';
import type { VoteState } from '../../shared/voteProtocol';
import type { ConversationSeed } from './conversationSession';

/**
 * "Continue in conversation" from a Vote: the prompt and the winning answer, pinned to the model that gave it
 * (a cascade's chosen step, else the voter whose answer won, else the judge's pick); `undefined` while the
 * vote runs or when no answer won.
 */
export function voteSeed(vote: VoteState): ConversationSeed | undefined {
  const result = vote.result;
  if (vote.running || result === undefined || result.winner.trim() === '') return undefined;
  const step = result.cascade?.step;
  const member = step !== undefined ? vote.members[step] : vote.members.find((m) => m.status === 'done' && m.answer === result.winner);
  const ref = parseModelRefText(member?.ref ?? result.judge?.ref ?? '');
  if (ref === undefined) return undefined;
  return { prompt: vote.prompt, answer: result.winner, model: ref, source: 'Vote', ...(member?.costUsd !== undefined ? { costUsd: member.costUsd } : {}) };
}
