import { createHash } from 'node:crypto';
import type { ChatMessage, ModelRef } from '../types';

/** An attached file by its content: the same path with other content is another attachment. */
export interface AttachmentHash {
  /** Workspace-relative path, as `RouteRequest.contextFiles` names it. */
  readonly path: string;
  /** SHA-256 of the file's content (UTF-8), hex. */
  readonly sha256: string;
}

/** Everything that makes two requests the same request, for the exact response cache. */
export interface ExactCacheKeyInput {
  /** The model asked (the router's choice or the user's pin). */
  readonly model: ModelRef;
  /** The messages exactly as sent (after secret screening and shaping). */
  readonly messages: readonly ChatMessage[];
  readonly maxOutputTokens?: number;
  readonly temperature?: number;
  readonly responseFormat?: 'text' | 'json';
  readonly attachments: readonly AttachmentHash[];
}

/** Bumped when the key's recipe changes, so old entries can never match a new request. */
const KEY_VERSION = 1;

/** SHA-256 of a UTF-8 text, hex. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The cache key of a request: SHA-256 over a canonical JSON of the model, the parameters, the messages and the
 * attachments' content hashes (sorted by path, so attaching in another order is the same request). Any change to
 * any of them — one character of a message, another temperature, an edited attached file — is another key.
 */
export function exactCacheKey(input: ExactCacheKeyInput): string {
  const attachments = [...input.attachments].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const canonical = JSON.stringify([
    KEY_VERSION,
    input.model.provider,
    input.model.model,
    input.maxOutputTokens ?? null,
    input.temperature ?? null,
    input.responseFormat ?? 'text',
    input.messages.map((m) => [m.role, typeof m.content === 'string' ? m.content : m.content.map((p) => (p.type === 'text' ? ['text', p.text] : ['image', p.mediaType, sha256Hex(p.data)]))]),
    attachments.map((a) => [a.path, a.sha256]),
  ]);
  return sha256Hex(canonical);
}
