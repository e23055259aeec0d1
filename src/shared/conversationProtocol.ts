/**
 * Messages between the host and the Quorum view (the conversation in the activity bar). Both sides validate
 * every incoming message before acting on it (DESIGN.md §4). No `vscode`, no DOM here.
 */
import * as z from 'zod/mini';
import { answerHeaderSchema, MAX_ANSWER_LINE, MAX_ANSWER_TEXT } from './answerProtocol';
import { codeBlockActionSchema } from './codeBlockProtocol';
import { validator, webviewReadySchema } from './ipc';

/** Most conversations the list carries; older ones are reached through search. */
export const MAX_LISTED_CONVERSATIONS = 200;
/** Most turns, chips or models one message carries. */
const MAX_ITEMS = 500;

const text = z.string().check(z.maxLength(MAX_ANSWER_TEXT));
const line = z.string().check(z.maxLength(MAX_ANSWER_LINE));
const id = z.string().check(z.minLength(1), z.maxLength(200));
const list = <T extends z.ZodMiniType>(item: T) => z.array(item).check(z.maxLength(MAX_ITEMS));
/** `auto` (the router picks the best model) or `provider/model`. */
const modelChoice = z.string().check(z.minLength(1), z.maxLength(300));

export const CHIP_KINDS = ['selection', 'file', 'reference', 'image'] as const;

export const chipViewSchema = z.object({
  id,
  kind: z.enum(CHIP_KINDS),
  label: line,
  /** e.g. `1.2k tokens`. */
  tokens: line,
  /** Set when `quorum.privacy.localOnlyGlobs` applies: e.g. `local models only (secrets/**)`. */
  privacy: z.optional(line),
});
export type ChipView = z.infer<typeof chipViewSchema>;

export const TURN_PHASES = ['routing', 'streaming', 'done', 'stopped', 'failed'] as const;

export const turnViewSchema = z.object({
  id,
  prompt: text,
  chips: list(chipViewSchema),
  /** The model the user chose for this turn (`undefined`: Auto). */
  pinned: z.optional(line),
  phase: z.enum(TURN_PHASES),
  /** The route card (model, why, hops, tokens, cost): the same presenter as the Answer view's header. */
  header: answerHeaderSchema,
  /** Every reason the router gave, for the card's "why this model" details. */
  reasons: list(line),
  text,
});
export type TurnView = z.infer<typeof turnViewSchema>;

export const conversationSummaryViewSchema = z.object({ id, title: line, updated: line, turns: z.int().check(z.nonnegative()) });
export type ConversationSummaryView = z.infer<typeof conversationSummaryViewSchema>;

export const conversationSnapshotSchema = z.object({
  /** The open conversation; `undefined` before its first question. */
  conversation: z.optional(z.object({ id, title: line, turns: list(turnViewSchema) })),
  /** The conversation list, filtered by `query`. */
  list: z.array(conversationSummaryViewSchema).check(z.maxLength(MAX_LISTED_CONVERSATIONS)),
  query: line,
  /** Context attached to the next question. */
  chips: list(chipViewSchema),
  /** Models the picker offers besides Auto. */
  models: list(z.object({ ref: line, label: line })),
  /** The picker's choice for the next question: `auto` or `provider/model`. */
  model: modelChoice,
  /** An answer is on its way: Send waits, Stop shows. */
  busy: z.boolean(),
  /** Something the user should know (e.g. a conversation that could not be restored), with what to do. */
  notice: z.optional(line),
});
export type ConversationSnapshot = z.infer<typeof conversationSnapshotSchema>;

export const conversationHostMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('conversation/snapshot'), snapshot: conversationSnapshotSchema }),
  /** Text appended to the answer of turn `turnId` while it streams. */
  z.object({ type: z.literal('conversation/append'), turnId: id, text }),
  /** Put `text` back into the input (a question that could not be sent); the view keeps a non-empty draft. */
  z.object({ type: z.literal('conversation/draft'), text }),
  /** Move keyboard focus to the input (Ask Best Model). */
  z.object({ type: z.literal('conversation/focus') }),
]);
export type ConversationHostMessage = z.infer<typeof conversationHostMessageSchema>;

export const conversationViewMessageSchema = z.discriminatedUnion('type', [
  webviewReadySchema,
  /** Ask `prompt` (with the chips on show) of `model` (`auto` or `provider/model`). */
  z.object({ type: z.literal('conversation/send'), prompt: text.check(z.refine((p) => p.trim() !== '', 'empty prompt')), model: modelChoice }),
  z.object({ type: z.literal('conversation/stop') }),
  /** Send the last question again, to the same choice of model. */
  z.object({ type: z.literal('conversation/retry') }),
  /** Ask the last question again, afresh, of another model (`undefined`: let the user pick one). */
  z.object({ type: z.literal('conversation/regenerate'), model: z.optional(modelChoice) }),
  z.object({ type: z.literal('conversation/new') }),
  z.object({ type: z.literal('conversation/open'), id }),
  /** Rename conversation `id` (`undefined` title: ask the user for one). */
  z.object({ type: z.literal('conversation/rename'), id, title: z.optional(line) }),
  z.object({ type: z.literal('conversation/delete'), id }),
  z.object({ type: z.literal('conversation/search'), query: line }),
  /** The picker changed: the choice for the next question. */
  z.object({ type: z.literal('conversation/model'), model: modelChoice }),
  z.object({ type: z.literal('chip/remove'), id }),
  /** Attach context: the selection, the active file, a workspace file (`#file`) or an image. */
  z.object({ type: z.literal('chip/add'), kind: z.enum(CHIP_KINDS) }),
  /** Copy / Insert / Apply of one code block of an answer. */
  codeBlockActionSchema,
]);
export type ConversationViewMessage = z.infer<typeof conversationViewMessageSchema>;

export const parseConversationViewMessage: (raw: unknown) => ConversationViewMessage | undefined = validator(conversationViewMessageSchema);
export const parseConversationHostMessage: (raw: unknown) => ConversationHostMessage | undefined = validator(conversationHostMessageSchema);
export const parseConversationSnapshot: (raw: unknown) => ConversationSnapshot | undefined = validator(conversationSnapshotSchema);
