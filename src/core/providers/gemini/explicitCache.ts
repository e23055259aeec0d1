import { createHash } from 'node:crypto';
import type { GoogleGenAI } from '@google/genai';
import type { ChatMessage, ChatRequest } from '../../types';
import { roughTokens } from '../../conversation/promptCacheHint';
import { toGeminiParts } from './messages';

/**
 * Stable prefix, in rough tokens (~4 characters each), from which a conversation's attachments get an EXPLICIT
 * cached content (`caches.create`). Below it implicit caching (automatic, free, best effort) is enough. Above it a
 * guaranteed discount is worth the storage: Gemini bills storage per token-hour, and at published 2.5-era rates
 * (storage ~$1/MTok/h, reads at 10 % of input) one follow-up within the TTL pays for the cache's whole life.
 */
export const GEMINI_EXPLICIT_CACHE_MIN_TOKENS = 16_384;

/**
 * How long an explicit cache lives: long enough for a conversation's next few turns, short enough that an
 * abandoned one stops billing storage soon. Never refreshed: a conversation that goes on past it makes a new one.
 */
export const GEMINI_EXPLICIT_CACHE_TTL_SECONDS = 600;

/** A cache is reused only while this much of its life is left, so a request never races its expiry. */
const EXPIRY_MARGIN_MS = 60_000;

interface Entry {
  readonly name: string;
  readonly model: string;
  /** How many leading messages it holds, and their fingerprint. */
  readonly messages: number;
  readonly fingerprint: string;
  readonly expiresAt: number;
}

/** What a request sends when it uses an explicit cache: its name, and the messages after the cached ones. */
export interface CachedRequest {
  readonly cachedContent: string;
  readonly rest: readonly ChatMessage[];
}

/**
 * One conversation (hint key) → one explicit cache, per provider instance. A request whose leading messages
 * match its cache (same model, still alive) sends only the rest; a conversation whose stable prefix changed or
 * grew past an expired cache gets a new one, and the old one is deleted at once rather than left to bill storage.
 * Creation failing (quota, a model without caching, an offline fake) is not an error: the request goes out whole
 * and implicit caching still applies.
 */
export class GeminiExplicitCaches {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  async prepare(client: GoogleGenAI, request: ChatRequest, signal: AbortSignal): Promise<CachedRequest | undefined> {
    const hint = request.cache;
    if (hint === undefined) return undefined;
    const entry = this.entries.get(hint.key);
    if (entry !== undefined && this.usable(entry, request)) return { cachedContent: entry.name, rest: request.messages.slice(entry.messages) };
    const stable = request.messages.slice(0, hint.stablePrefixMessages);
    // `cachedContent` excludes a request-level system instruction, so every system message must be in the prefix.
    const systemAfter = request.messages.slice(hint.stablePrefixMessages).some((m) => m.role === 'system');
    if (systemAfter || roughTokens(stable) < GEMINI_EXPLICIT_CACHE_MIN_TOKENS) return undefined;
    if (entry !== undefined) this.forget(client, hint.key, entry);
    try {
      const system = stable.filter((m) => m.role === 'system').flatMap((m) => toGeminiParts(m.content));
      const created = await client.caches.create({
        model: request.model,
        config: {
          abortSignal: signal,
          ttl: `${GEMINI_EXPLICIT_CACHE_TTL_SECONDS}s`,
          displayName: 'quorum conversation',
          contents: stable.filter((m) => m.role !== 'system').map((m) => ({ role: m.role === 'assistant' ? 'model' : 'user', parts: toGeminiParts(m.content) })),
          ...(system.length > 0 ? { systemInstruction: { parts: system } } : {}),
        },
      });
      if (created.name === undefined) return undefined;
      const expiresAt = created.expireTime === undefined ? this.now() + GEMINI_EXPLICIT_CACHE_TTL_SECONDS * 1000 : Date.parse(created.expireTime);
      this.entries.set(hint.key, { name: created.name, model: request.model, messages: stable.length, fingerprint: fingerprint(stable), expiresAt });
      return { cachedContent: created.name, rest: request.messages.slice(stable.length) };
    } catch {
      return undefined;
    }
  }

  /** Forgets a conversation's cache that Google no longer has (nothing to delete there). */
  forgetKey(key: string): void {
    this.entries.delete(key);
  }

  /** The explicit cache a conversation holds now (for tests and diagnostics). */
  cacheOf(key: string): string | undefined {
    return this.entries.get(key)?.name;
  }

  private usable(entry: Entry, request: ChatRequest): boolean {
    return entry.model === request.model
      && entry.expiresAt - EXPIRY_MARGIN_MS > this.now()
      && request.messages.length > entry.messages
      && !request.messages.slice(entry.messages).some((m) => m.role === 'system')
      && fingerprint(request.messages.slice(0, entry.messages)) === entry.fingerprint;
  }

  /** Deletes a superseded cache in the background: storage stops billing now, not at its expiry. */
  private forget(client: GoogleGenAI, key: string, entry: Entry): void {
    this.entries.delete(key);
    client.caches.delete({ name: entry.name }).catch(() => undefined);
  }
}

function fingerprint(messages: readonly ChatMessage[]): string {
  return createHash('sha256').update(JSON.stringify(messages)).digest('hex');
}
