import { z } from 'zod';
import type { ChatMessage } from '../../types';
import { describeIssues, parseJsonReply } from './jsonReply';

/**
 * The confidence-weighted vote's contract with each model: it answers `{answer, confidence}` (confidence a
 * probability in 0..1), validated here with zod. An invalid reply is re-asked once (`needsReask`), then the
 * model is excluded from the vote and shown as invalid.
 */

/** Re-asks per model after an invalid reply: one, then the model is excluded. */
export const MAX_REASKS = 1;

/** Put before the user's messages; short answers make clustering work. */
export const CONFIDENCE_INSTRUCTION = [
  'Answer the question, then reply with ONLY a JSON object and no other text:',
  '{"answer": "<your answer, as short as possible>", "confidence": <number from 0 to 1: the probability that your answer is correct>}',
].join('\n');

/**
 * An answer may come back as a number, a boolean or structured data ("answer": 42); all are kept as text so
 * they cluster with the other models' answers. An empty string or `null` is not an answer.
 */
const ConfidenceReplySchema = z.object({
  answer: z.union([z.string().trim().min(1), z.number(), z.boolean(), z.array(z.unknown()), z.record(z.string(), z.unknown())]),
  confidence: z.number().min(0).max(1),
});

export type ConfidenceReply =
  | { readonly ok: true; readonly answer: string; readonly confidence: number }
  | { readonly ok: false; readonly problem: string };

/** Reads a model's reply (bare JSON, a fenced block, or JSON inside prose). Never throws. */
export function parseConfidenceReply(reply: string): ConfidenceReply {
  const json = parseJsonReply(reply);
  if (!json.ok) return json;
  const parsed = ConfidenceReplySchema.safeParse(json.value);
  if (!parsed.success) return { ok: false, problem: describeIssues(parsed.error.issues) };
  const { answer, confidence } = parsed.data;
  return { ok: true, answer: typeof answer === 'string' ? answer : typeof answer === 'object' ? JSON.stringify(answer) : String(answer), confidence };
}

/** Whether an invalid reply earns another try: only while the model has re-asks left. */
export function needsReask(reply: ConfidenceReply, reasksSoFar: number): boolean {
  return !reply.ok && reasksSoFar < MAX_REASKS;
}

/** The request every model gets in a confidence-weighted vote: the instruction, then the user's messages. */
export function confidenceMessages(messages: readonly ChatMessage[]): ChatMessage[] {
  return [{ role: 'system', content: CONFIDENCE_INSTRUCTION }, ...messages];
}

/**
 * The re-ask: the same conversation, the model's invalid reply, and what was wrong with it. An empty reply is
 * left out (vendors reject an empty assistant turn).
 */
export function reaskMessages(messages: readonly ChatMessage[], badReply: string, problem: string): ChatMessage[] {
  const previous: ChatMessage[] = badReply.trim() === '' ? [] : [{ role: 'assistant', content: badReply }];
  return [
    ...confidenceMessages(messages),
    ...previous,
    { role: 'user', content: `That reply could not be used (${problem}). Reply again with ONLY the JSON object {"answer": …, "confidence": …}, confidence a number from 0 to 1.` },
  ];
}
