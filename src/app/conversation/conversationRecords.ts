import { z } from 'zod';
import type { Conversation } from '../../core/conversation/conversation';

/**
 * The stored form of a conversation, checked on every load: workspace storage outlives versions of Quorum and
 * can be edited by hand, so a conversation that does not parse is reported and skipped, never half-used.
 */
const modelRef = z.object({ provider: z.string().min(1), model: z.string().min(1) });
const usage = z.object({
  inputTokens: z.number().optional(),
  outputTokens: z.number().optional(),
  cachedInputTokens: z.number().optional(),
  cacheWriteTokens: z.number().optional(),
  reasoningTokens: z.number().optional(),
});
const chip = z.object({
  kind: z.enum(['selection', 'file', 'reference', 'image']),
  label: z.string(),
  tokens: z.number().nonnegative(),
  path: z.string().optional(),
});
const answer = z.object({
  text: z.string(),
  phase: z.enum(['done', 'stopped', 'failed']),
  model: modelRef.optional(),
  at: z.number(),
  reasons: z.array(z.string()),
  usage: usage.optional(),
  costUsd: z.number().optional(),
  error: z.string().optional(),
  cached: z.object({ savedUsd: z.number().optional(), storedAt: z.number() }).optional(),
});
const turn = z.object({
  id: z.string().min(1),
  prompt: z.string(),
  sent: z.string(),
  chips: z.array(chip),
  pinned: modelRef.optional(),
  answer: answer.optional(),
});
const conversation = z.object({
  id: z.string().min(1),
  title: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  turns: z.array(turn),
  model: modelRef.optional(),
});

/** The conversation stored under a key, or `undefined` when it is missing or does not match the schema. */
export function parseConversation(raw: unknown): Conversation | undefined {
  const result = conversation.safeParse(raw);
  return result.success ? (result.data as Conversation) : undefined;
}

/** The stored list of conversation ids, newest first; anything else reads as no list. */
export function parseConversationIndex(raw: unknown): string[] | undefined {
  const result = z.array(z.string().min(1)).safeParse(raw);
  return result.success ? result.data : undefined;
}
