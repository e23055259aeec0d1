import { answerText, type AnswerState } from '../../core/ask/answerState';
import { modelRefText } from '../../core/ask/modelRefText';
import type { ModelCatalog } from '../../core/catalog/modelCatalog';
import type { ChipRecord, ContextChip, ConversationTurn } from '../../core/conversation/conversation';
import type { ModelRef } from '../../core/types';
import {
  MAX_LISTED_CONVERSATIONS, type ChipView, type ConversationHostMessage, type ConversationSnapshot, type TurnView,
} from '../../shared/conversationProtocol';
import { fitText, MAX_ANSWER_LINE, MAX_ANSWER_TEXT, type AnswerHeaderView } from '../../shared/answerProtocol';
import { formatCount, formatUsd } from '../../shared/format';
import type { ConversationSession } from '../conversation/conversationSession';
import type { ConversationSummary } from '../conversation/conversationStore';
import { promptCacheLine } from '../../core/cost/promptCacheSavings';
import { answerHeader, cachedBadge, formatTokens } from './answerHeader';

/** What the view needs beside the session: the picker's models and the list of conversations. */
export interface ConversationViewParts {
  readonly catalog?: ModelCatalog;
  readonly models: readonly ModelRef[];
  readonly list: readonly ConversationSummary[];
  readonly notice?: string;
  readonly now: number;
}

const line = (value: string): string => fitText(value, MAX_ANSWER_LINE);

/** The Quorum view's whole state as display text (the webview never prices or routes). */
export function toConversationSnapshot(session: ConversationSession, parts: ConversationViewParts): ConversationSnapshot {
  const open = session.conversation;
  const live = session.liveTurn;
  return {
    ...(open !== undefined ? {
      conversation: {
        id: open.id,
        title: line(open.title),
        turns: open.turns.map((turn) => (live?.turnId === turn.id ? liveTurnView(turn, live.state, parts.catalog) : storedTurnView(turn, parts.catalog))),
      },
    } : {}),
    list: parts.list.slice(0, MAX_LISTED_CONVERSATIONS).map((s) => ({ id: s.id, title: line(s.title), updated: ago(parts.now - s.updatedAt), turns: s.turns })),
    query: line(session.query),
    chips: session.chips.map(chipView),
    models: parts.models.map((ref) => ({ ref: line(modelRefText(ref)), label: line(parts.catalog?.get(ref)?.displayName ?? modelRefText(ref)) })),
    model: session.model === undefined ? 'auto' : line(modelRefText(session.model)),
    busy: session.busy,
    ...(parts.notice !== undefined ? { notice: line(parts.notice) } : {}),
  };
}

/** A chip as the view shows it: label, size and, when a privacy glob applies, who may see it. */
export function chipView(chip: ContextChip | (ChipRecord & { readonly id: string; readonly privateGlob?: string })): ChipView {
  return {
    id: chip.id,
    kind: chip.kind,
    label: line(chip.label),
    tokens: `${formatCount(chip.tokens)} tokens`,
    ...(chip.privateGlob !== undefined ? { privacy: line(`local models only (quorum.privacy.localOnlyGlobs: ${chip.privateGlob})`) } : {}),
  };
}

/** The turn being answered: the Answer view's own header (route, tokens, live cost). */
function liveTurnView(turn: ConversationTurn, state: AnswerState, catalog: ModelCatalog | undefined): TurnView {
  const header = answerHeader(state, catalog);
  return {
    ...turnBase(turn),
    phase: state.phase,
    header: fitHeader({ ...header, why: whyLine(turn, header.why, state.phase === 'failed') }),
    reasons: (state.decision?.reasons ?? []).map(line),
    text: fitText(answerText(state), MAX_ANSWER_TEXT),
  };
}

/**
 * A settled turn, from what was saved with it (so it reads the same after a reload): with the provider prompt
 * cache's line and the exact cache's badge, as the Answer view's header shows them.
 */
function storedTurnView(turn: ConversationTurn, catalog: ModelCatalog | undefined): TurnView {
  const answer = turn.answer;
  const failed = answer?.phase === 'failed';
  const model = answer?.model;
  const cache = model === undefined || answer?.cached !== undefined ? undefined : promptCacheLine(answer?.usage, catalog?.get(model)?.pricing);
  return {
    ...turnBase(turn),
    phase: answer?.phase ?? 'stopped',
    header: fitHeader({
      status: answer === undefined ? 'Not answered' : STATUS[answer.phase],
      model: answer?.model !== undefined ? modelRefText(answer.model) : '—',
      why: whyLine(turn, failed ? (answer?.error ?? 'The answer failed.') : (answer?.reasons[0] ?? '—'), failed),
      tokens: formatTokens(answer?.usage, true),
      cost: formatUsd(answer?.costUsd),
      ...(cache === undefined ? {} : { cache }),
      ...(answer?.cached === undefined ? {} : { cached: cachedBadge(answer.cached.savedUsd) }),
    }),
    reasons: (answer?.reasons ?? []).map(line),
    text: fitText(answer?.text ?? '', MAX_ANSWER_TEXT),
  };
}

const STATUS = { done: 'Done', stopped: 'Stopped', failed: 'Failed' } as const;

function turnBase(turn: ConversationTurn): Pick<TurnView, 'id' | 'prompt' | 'chips' | 'pinned'> {
  return {
    id: turn.id,
    prompt: fitText(turn.prompt, MAX_ANSWER_TEXT),
    chips: turn.chips.map((c, i) => chipView({ ...c, id: `${turn.id}-${i}` })),
    ...(turn.pinned !== undefined ? { pinned: line(modelRefText(turn.pinned)) } : {}),
  };
}

/** A pinned turn says the user chose its model; a failure says what went wrong. */
function whyLine(turn: ConversationTurn, routed: string, failed: boolean): string {
  if (failed || turn.pinned === undefined) return routed;
  return `You chose ${modelRefText(turn.pinned)} in the model picker.`;
}

function fitHeader(header: AnswerHeaderView): AnswerHeaderView {
  return Object.fromEntries(Object.entries(header).filter(([, v]) => v !== undefined).map(([k, v]) => [k, line(String(v))])) as AnswerHeaderView;
}

/** e.g. `just now`, `5 min ago`, `3 h ago`, `2 d ago`. */
export function ago(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  return hours < 24 ? `${hours} h ago` : `${Math.floor(hours / 24)} d ago`;
}

/**
 * The smallest message that brings a view showing `previous` to `next`: an append when only the streaming
 * turn's text grew (the common case), else the whole snapshot.
 */
export function conversationUpdateMessage(previous: ConversationSnapshot | undefined, next: ConversationSnapshot): ConversationHostMessage {
  const whole: ConversationHostMessage = { type: 'conversation/snapshot', snapshot: next };
  const before = previous?.conversation?.turns.at(-1);
  const after = next.conversation?.turns.at(-1);
  if (previous === undefined || before === undefined || after === undefined || before.id !== after.id) return whole;
  if (!after.text.startsWith(before.text) || after.text === before.text) return whole;
  const same = JSON.stringify({ ...previous, conversation: undefined }) === JSON.stringify({ ...next, conversation: undefined })
    && JSON.stringify({ ...previous.conversation, turns: previous.conversation?.turns.map((t) => ({ ...t, text: '' })) })
      === JSON.stringify({ ...next.conversation, turns: next.conversation?.turns.map((t) => ({ ...t, text: '' })) });
  return same ? { type: 'conversation/append', turnId: after.id, text: after.text.slice(before.text.length) } : whole;
}
