/**
 * Messages between the host and the answer view ("Quorum: Answer"). Both sides validate every incoming
 * message before acting on it (DESIGN.md §4). No `vscode`, no DOM here.
 */
import * as z from 'zod/mini';
import { codeBlockActionSchema } from './codeBlockProtocol';
import { validator, webviewReadySchema } from './ipc';

/** Longest prompt or answer text a message may carry, in characters. */
export const MAX_ANSWER_TEXT = 2_000_000;
/** Longest header line (status, model, why…) a message may carry, in characters. */
export const MAX_ANSWER_LINE = 4_000;

const text = z.string().check(z.maxLength(MAX_ANSWER_TEXT));
const line = z.string().check(z.maxLength(MAX_ANSWER_LINE));

/**
 * `value` cut to fit `max` characters, saying so at the end: the view rejects a longer message whole, which would
 * leave it showing the previous answer without a word (issue 13, finding 4).
 */
export function fitText(value: string, max: number): string {
  if (value.length <= max) return value;
  const note = ` […${(value.length - max).toLocaleString('en-US')}+ characters not shown]`;
  return value.slice(0, Math.max(0, max - note.length - 8)) + note;
}

export const answerHeaderSchema = z.object({
  status: line,
  model: line,
  why: line,
  hops: z.optional(line),
  tokens: line,
  cost: line,
  context: z.optional(line),
  /** When the workspace's routing feedback moved this route, e.g. "3 of your overrides raised … here". */
  feedback: z.optional(line),
  /** The provider prompt cache on this answer, e.g. "read 5,955 tokens, wrote 17 · saved $0.0005". */
  cache: z.optional(line),
  /** Set when the answer came from the exact response cache: "cached · saved $0.0123" (shown as a badge). */
  cached: z.optional(line),
});

export const ANSWER_PHASES = ['routing', 'streaming', 'done', 'stopped', 'failed'] as const;

/** One run of text by one model; `continuedBy` marks a continuation after a mid-stream failover. */
export const answerSegmentSchema = z.object({
  text,
  continuedBy: z.optional(line),
});

export const answerSnapshotSchema = z.object({
  id: line,
  prompt: text,
  phase: z.enum(ANSWER_PHASES),
  header: answerHeaderSchema,
  segments: z.array(answerSegmentSchema),
  /** Offer "Set API Key" / "Add Local Endpoint" instead of the answer actions. */
  noRoute: z.optional(z.boolean()),
  /** Present when a routed answer can be rated (👍/👎 teach the router); the user's rating so far. */
  rating: z.optional(z.enum(['unrated', 'up', 'down'])),
});
export type AnswerSnapshot = z.infer<typeof answerSnapshotSchema>;
export type AnswerSegmentView = z.infer<typeof answerSegmentSchema>;
export type AnswerHeaderView = z.infer<typeof answerHeaderSchema>;

export const answerHostMessageSchema = z.discriminatedUnion('type', [
  /** The whole answer: on ready, on becoming visible, and whenever more than text was appended. */
  z.object({ type: z.literal('answer/snapshot'), snapshot: answerSnapshotSchema }),
  /** Text appended to the last segment of answer `id` while it streams. */
  z.object({ type: z.literal('answer/append'), id: line, segment: z.int().check(z.nonnegative()), text }),
]);
export type AnswerHostMessage = z.infer<typeof answerHostMessageSchema>;

export const answerViewMessageSchema = z.discriminatedUnion('type', [
  webviewReadySchema,
  z.object({ type: z.literal('answer/stop') }),
  z.object({ type: z.literal('answer/copy') }),
  z.object({ type: z.literal('answer/insert') }),
  z.object({ type: z.literal('answer/askAgain') }),
  z.object({ type: z.literal('answer/explain') }),
  z.object({ type: z.literal('answer/setKey') }),
  z.object({ type: z.literal('answer/addEndpoint') }),
  /** 👍 (the route's tier was right) or 👎 (too weak) on answer `id`. */
  z.object({ type: z.literal('answer/rate'), id: line, rating: z.enum(['up', 'down']) }),
  /** Copy / Insert / Apply on one code block of the answer. */
  codeBlockActionSchema,
]);
export type AnswerViewMessage = z.infer<typeof answerViewMessageSchema>;

export const parseAnswerViewMessage: (raw: unknown) => AnswerViewMessage | undefined = validator(answerViewMessageSchema);
export const parseAnswerHostMessage: (raw: unknown) => AnswerHostMessage | undefined = validator(answerHostMessageSchema);
/** The state a restored panel hands back (from the webview's setState); undefined when unusable. */
export const parseAnswerSnapshot: (raw: unknown) => AnswerSnapshot | undefined = validator(answerSnapshotSchema);
