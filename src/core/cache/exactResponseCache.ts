import { z } from 'zod';
import type { ModelRef, Usage } from '../types';
import type { AttachmentHash } from './exactCacheKey';

/** One stored answer. */
export interface CachedAnswer {
  /** `exactCacheKey` of the request it answered. */
  readonly key: string;
  readonly text: string;
  /** The model that answered (a fallback of the chain, possibly). */
  readonly answeredBy: ModelRef;
  /** What the original call used, as reported. */
  readonly usage: Usage;
  /** What the original call cost in USD — what a hit saves; absent when unknown. */
  readonly costUsd?: number;
  readonly attachments: readonly AttachmentHash[];
  /** When it was stored, ms since the epoch. */
  readonly createdAt: number;
}

/** Where the cache persists (VS Code's workspace storage in the extension, memory in tests). */
export interface ExactCacheStorage {
  /** The stored value, `undefined` when nothing was stored yet. May throw when the storage cannot be read. */
  read(): Promise<unknown>;
  write(value: unknown): Promise<void>;
}

export interface ExactCacheLimits {
  /** Most bytes of stored entries (JSON); least recently used entries go first. */
  readonly maxBytes: number;
  readonly maxEntries: number;
}

/** 2 MB and 200 answers: a few weeks of repeated questions, small enough for workspace storage. */
export const DEFAULT_EXACT_CACHE_LIMITS: ExactCacheLimits = { maxBytes: 2_000_000, maxEntries: 200 };

const refSchema = z.object({ provider: z.string(), model: z.string() });
const count = z.number().int().nonnegative().optional();
const entrySchema = z.object({
  key: z.string().min(1),
  text: z.string(),
  answeredBy: refSchema,
  usage: z.object({ inputTokens: count, outputTokens: count, cachedInputTokens: count, cacheWriteTokens: count, reasoningTokens: count }),
  costUsd: z.number().nonnegative().optional(),
  attachments: z.array(z.object({ path: z.string(), sha256: z.string() })),
  createdAt: z.number(),
});
/** Least recently used first. */
const storedSchema = z.object({ version: z.literal(1), entries: z.array(entrySchema) });

/**
 * The exact response cache: answers by request key, least recently used evicted beyond the limits. Loaded on first
 * use; a store that cannot be read or parsed is reported through `onCorrupt` and replaced by an empty cache (only
 * this cache's own storage is ever written). Entries hold the answer text and usage, never a key or a setting.
 */
export class ExactResponseCache {
  /** Insertion order = recency: the first entry is the least recently used. */
  private entries: Map<string, CachedAnswer> | undefined;
  private loading: Promise<Map<string, CachedAnswer>> | undefined;

  constructor(
    private readonly storage: ExactCacheStorage,
    private readonly onCorrupt: (message: string) => void,
    private readonly limits: ExactCacheLimits = DEFAULT_EXACT_CACHE_LIMITS,
  ) {}

  /** The answer stored for `key`, marked as just used; `undefined` on a miss. */
  async get(key: string): Promise<CachedAnswer | undefined> {
    const entries = await this.load();
    const hit = entries.get(key);
    if (hit === undefined) return undefined;
    entries.delete(key);
    entries.set(key, hit);
    return hit;
  }

  /** Stores (or replaces) an answer, then evicts least recently used ones beyond the limits. */
  async put(answer: CachedAnswer): Promise<void> {
    const entries = await this.load();
    entries.delete(answer.key);
    entries.set(answer.key, answer);
    let bytes = [...entries.values()].reduce((sum, e) => sum + sizeOf(e), 0);
    for (const [key, entry] of entries) {
      if (entries.size <= this.limits.maxEntries && bytes <= this.limits.maxBytes) break;
      entries.delete(key);
      bytes -= sizeOf(entry);
    }
    await this.save(entries);
  }

  /**
   * An attached file changed: drops every entry that attached `path` with other content than `sha256` (all of
   * them when the file is gone, `sha256` undefined). Returns how many were dropped.
   */
  async invalidate(path: string, sha256: string | undefined): Promise<number> {
    const entries = await this.load();
    let dropped = 0;
    for (const [key, entry] of entries) {
      if (entry.attachments.some((a) => a.path === path && a.sha256 !== sha256)) {
        entries.delete(key);
        dropped++;
      }
    }
    if (dropped > 0) await this.save(entries);
    return dropped;
  }

  /** Paths attached to some stored answer (what a file watcher needs to look at). */
  async attachedPaths(): Promise<ReadonlySet<string>> {
    const entries = await this.load();
    return new Set([...entries.values()].flatMap((e) => e.attachments.map((a) => a.path)));
  }

  async size(): Promise<number> {
    return (await this.load()).size;
  }

  private load(): Promise<Map<string, CachedAnswer>> {
    if (this.entries !== undefined) return Promise.resolve(this.entries);
    this.loading ??= this.read().then((entries) => {
      this.entries = entries;
      return entries;
    });
    return this.loading;
  }

  private async read(): Promise<Map<string, CachedAnswer>> {
    let raw: unknown;
    try {
      raw = await this.storage.read();
    } catch (error) {
      this.onCorrupt(`The exact response cache could not be read (${error instanceof Error ? error.message : String(error)}); starting with an empty cache.`);
      return new Map();
    }
    if (raw === undefined) return new Map();
    const parsed = storedSchema.safeParse(raw);
    if (!parsed.success) {
      this.onCorrupt('The exact response cache was unreadable (corrupt or from another version); starting with an empty cache. Nothing else was affected.');
      return new Map();
    }
    return new Map(parsed.data.entries.map((e) => [e.key, e as CachedAnswer]));
  }

  private async save(entries: Map<string, CachedAnswer>): Promise<void> {
    await this.storage.write({ version: 1, entries: [...entries.values()] });
  }
}

function sizeOf(entry: CachedAnswer): number {
  return JSON.stringify(entry).length;
}
