import type { ContextChip, Conversation, ConversationTurn } from '../../core/conversation/conversation';
import type { ConversationRef } from '../../core/conversation/conversationRef';
import type { RouteRequest } from '../../core/routing/taskProfile';
import type { ChatMessage, ContentPart } from '../../core/types';

/** Earlier turns sent with a follow-up, at most: enough to follow the thread, bounded in cost. */
export const MAX_HISTORY_TURNS = 20;

/** What one turn sends: the routed request, and the user message as text (kept with the turn as history). */
export interface TurnRequest {
  readonly request: RouteRequest;
  /** The new user message's text (chips' text, then the prompt), sent again unchanged on later follow-ups. */
  readonly sent: string;
}

/**
 * The request for turn `turnIndex` of `conversation` (the turns before it are its history): earlier questions
 * and answers as alternating user/assistant messages, byte-for-byte as they were sent (so a provider's prompt
 * cache keeps matching the prefix), then the new question with the chips still attached — text chips fenced
 * before the prompt, images after it. Every file any turn attached joins `contextFiles`, so
 * `quorum.privacy.localOnlyGlobs` keeps applying to it while it stays in the history.
 */
export function turnRequest(conversation: Conversation, turnIndex: number, prompt: string, chips: readonly ContextChip[]): TurnRequest {
  const earlier = conversation.turns.slice(0, turnIndex);
  const sent = userText(prompt, chips);
  const images: ContentPart[] = chips.flatMap((c) => (c.kind === 'image' && c.image !== undefined ? [c.image] : []));
  const question: ChatMessage = images.length === 0 ? { role: 'user', content: sent } : { role: 'user', content: [{ type: 'text', text: sent }, ...images] };
  const contextFiles = unique([...earlier.flatMap((t) => t.chips.flatMap((c) => (c.path === undefined ? [] : [c.path]))), ...chips.flatMap((c) => (c.path === undefined ? [] : [c.path]))]);
  const languageId = chips.find((c) => c.languageId !== undefined)?.languageId;
  return {
    sent,
    request: {
      messages: [...historyMessages(earlier), question],
      feature: 'ask',
      conversation: conversationRef(conversation, earlier),
      ...(contextFiles.length > 0 ? { contextFiles } : {}),
      ...(languageId !== undefined ? { languageId } : {}),
    },
  };
}

/**
 * Earlier turns as messages: a turn whose answer has text (done, or stopped part-way) counts; one without
 * (failed, or stopped before a word) is left out with its question, so roles keep alternating.
 */
export function historyMessages(turns: readonly ConversationTurn[]): ChatMessage[] {
  const answered = turns.filter((t) => t.answer !== undefined && t.answer.phase !== 'failed' && t.answer.text.trim() !== '');
  return answered.slice(-MAX_HISTORY_TURNS).flatMap((t): ChatMessage[] => [
    { role: 'user', content: t.sent },
    { role: 'assistant', content: t.answer?.text ?? '' },
  ]);
}

/** Which conversation the request continues: its id, this turn's number and the model that answered last. */
export function conversationRef(conversation: Conversation, earlier: readonly ConversationTurn[]): ConversationRef {
  const previous = [...earlier].reverse().find((t) => t.answer?.model !== undefined)?.answer;
  return {
    id: conversation.id,
    turn: earlier.length,
    ...(previous?.model !== undefined ? { previous: { model: previous.model, at: previous.at } } : {}),
  };
}

/** The user message's text: each text chip as a labelled fenced block, then the prompt, the freshest thing read. */
export function userText(prompt: string, chips: readonly ContextChip[]): string {
  const blocks = chips.flatMap((c) => (c.text === undefined || c.kind === 'image' ? [] : [fenced(chipHeading(c), c.languageId ?? '', c.text)]));
  return [...blocks, prompt.trim()].join('\n\n');
}

function chipHeading(chip: ContextChip): string {
  switch (chip.kind) {
    case 'selection':
      return `Selected code from ${chip.label}`;
    case 'file':
      return `The active file ${chip.label}`;
    default:
      return `The file ${chip.label}`;
  }
}

/** A fenced block whose fence is longer than any backtick run inside, so the content cannot close it. */
function fenced(label: string, languageId: string, text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${label}:\n${fence}${languageId}\n${text}\n${fence}`;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
