import type { CacheHit } from '../ask/answerState';
import type { ImagePart, ModelRef, Usage } from '../types';

/**
 * One piece of context the user attached to a question in the Quorum view (a selection, the active file, a
 * `#file` reference or an image): shown as a chip with its size, removable until the question is sent.
 */
export interface ContextChip {
  readonly id: string;
  readonly kind: 'selection' | 'file' | 'reference' | 'image';
  /** What the chip reads, e.g. `src/a.ts:3–9` or `diagram.png`. */
  readonly label: string;
  /** Estimated tokens the chip adds to the request. */
  readonly tokens: number;
  /** Workspace-relative path of the file it comes from: `quorum.privacy.localOnlyGlobs` applies to it. */
  readonly path?: string;
  readonly languageId?: string;
  /** The text sent (text chips). */
  readonly text?: string;
  /** The image sent (image chips). */
  readonly image?: ImagePart;
  /** The `quorum.privacy.localOnlyGlobs` entry the file matches: only local models may see it. */
  readonly privateGlob?: string;
}

/** A chip as a finished turn remembers it: what was attached, not its content. */
export interface ChipRecord {
  readonly kind: ContextChip['kind'];
  readonly label: string;
  readonly tokens: number;
  readonly path?: string;
}

/** How a turn's answer ended, with what its route card and cost line are rebuilt from after a reload. */
export interface AnswerRecord {
  readonly text: string;
  readonly phase: 'done' | 'stopped' | 'failed';
  /** The model that answered (`undefined` when none did). */
  readonly model?: ModelRef;
  /** When the answer ended, epoch ms. */
  readonly at: number;
  /** Why this model: the route decision's reasons, first one first. */
  readonly reasons: readonly string[];
  readonly usage?: Usage;
  /** What the ledger recorded, USD; `undefined` when unknown (never a false 0). */
  readonly costUsd?: number;
  /** What went wrong and what to do next, when `phase` is `failed`. */
  readonly error?: string;
  /** Set when the exact response cache answered (nothing was sent): the route card's "cached" badge. */
  readonly cached?: CacheHit;
}

/** One question and its answer. */
export interface ConversationTurn {
  readonly id: string;
  /** What the user typed. */
  readonly prompt: string;
  /** The user message as sent (chips' text, then the prompt): sent again, unchanged, as history on follow-ups. */
  readonly sent: string;
  readonly chips: readonly ChipRecord[];
  /** The model the user chose for this turn; `undefined` = Auto (the router chose). */
  readonly pinned?: ModelRef;
  readonly answer?: AnswerRecord;
}

/** A conversation of the Quorum view, persisted per workspace. */
export interface Conversation {
  /** Stable for the whole conversation: the provider prompt-cache key (ConversationRef.id). */
  readonly id: string;
  readonly title: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly turns: readonly ConversationTurn[];
  /** The model new turns default to (e.g. "Continue in conversation" from a Compare column); `undefined` = Auto. */
  readonly model?: ModelRef;
}

/** Longest title a conversation gets from its first prompt, in characters. */
export const MAX_TITLE = 60;

/** A title from the first prompt: its first line, cut at a word. */
export function titleFromPrompt(prompt: string): string {
  const line = prompt.trim().split('\n')[0]?.trim() ?? '';
  if (line.length <= MAX_TITLE) return line === '' ? 'New conversation' : line;
  const cut = line.slice(0, MAX_TITLE);
  const space = cut.lastIndexOf(' ');
  return `${(space > MAX_TITLE / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
