import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { rpcError, type GeminiErrorReply } from './geminiErrorReplies';
import { sendJson } from './wire';

/**
 * Gemini explicit context caching (`cachedContents`), as the Gemini API serves it: create (with `ttl` or
 * `expireTime`), get, delete and list; expired entries are gone (403 "not found (or permission denied)", as the
 * API answers); a cache smaller than the model's minimum is refused; `generateContent` with `cachedContent`
 * prepends the cached contents and reports them as `cachedContentTokenCount`.
 */
export const CACHED_CONTENTS_ROUTE = /^\/(v1|v1beta)\/cachedContents(?:\/([^/]+))?$/;
/** The smallest explicit cache the API accepts (Gemini 2.5 Flash: 1,024 tokens; Pro: 4,096). */
const MIN_CACHE_TOKENS = 1_024;
const JSON_TYPE = 'application/json; charset=UTF-8';

type Json = Record<string, unknown>;

export interface CachedContentEntry {
  readonly name: string;
  readonly model: string;
  readonly contents: readonly unknown[];
  readonly systemInstruction?: unknown;
  readonly texts: readonly string[];
  readonly tokens: number;
  readonly createTime: number;
  expireTime: number;
  readonly displayName?: string;
}

export interface CachedContentStore {
  readonly entries: Map<string, CachedContentEntry>;
  readonly now: () => number;
  /** Every name ever deleted by a client (tests check that superseded caches are cleaned up). */
  readonly deleted: string[];
}

export function createCachedContentStore(now: () => number = Date.now): CachedContentStore {
  return { entries: new Map(), now, deleted: [] };
}

/** The live entry `name` names, or `undefined` when it never existed or has expired. */
export function liveCachedContent(store: CachedContentStore, name: string): CachedContentEntry | undefined {
  const entry = store.entries.get(name);
  if (entry === undefined) return undefined;
  if (entry.expireTime <= store.now()) {
    store.entries.delete(name);
    return undefined;
  }
  return entry;
}

export function cachedContentNotFound(name: string): GeminiErrorReply {
  return rpcError(403, 'PERMISSION_DENIED', `CachedContent not found (or permission denied): ${name}`);
}

/** Handles `/v1beta/cachedContents[/{id}]`; `texts` turns a Content list into its texts (for token counts). */
export function handleCachedContents(
  store: CachedContentStore, method: string, id: string | undefined, body: unknown, res: ServerResponse,
  texts: (contents: readonly unknown[], system: unknown) => string[], sendError: (reply: GeminiErrorReply) => void,
): void {
  const name = id === undefined ? undefined : `cachedContents/${id}`;
  if (method === 'POST' && name === undefined) return create(store, asRecord(body), res, texts, sendError);
  if (method === 'GET' && name === undefined) {
    const live = [...store.entries.keys()].flatMap((key) => liveCachedContent(store, key) ?? []);
    return sendJson(res, 200, { cachedContents: live.map((e) => view(e)) }, { 'content-type': JSON_TYPE });
  }
  const entry = name === undefined ? undefined : liveCachedContent(store, name);
  if (name === undefined || entry === undefined) return sendError(cachedContentNotFound(name ?? ''));
  if (method === 'GET') return sendJson(res, 200, view(entry), { 'content-type': JSON_TYPE });
  if (method === 'DELETE') {
    store.entries.delete(name);
    store.deleted.push(name);
    return sendJson(res, 200, {}, { 'content-type': JSON_TYPE });
  }
  sendError(rpcError(404, 'NOT_FOUND', `Method not found: ${method} ${name}`));
}

function create(
  store: CachedContentStore, body: Json, res: ServerResponse,
  texts: (contents: readonly unknown[], system: unknown) => string[], sendError: (reply: GeminiErrorReply) => void,
): void {
  const model = typeof body.model === 'string' ? body.model : '';
  if (!model.startsWith('models/')) return sendError(rpcError(400, 'INVALID_ARGUMENT', '* CreateCachedContentRequest.cached_content.model: model is required'));
  const contents = Array.isArray(body.contents) ? body.contents : [];
  const all = texts(contents, body.systemInstruction);
  const tokens = all.reduce((sum, t) => sum + Math.ceil(t.length / 4) + 3, 3);
  if (tokens < MIN_CACHE_TOKENS) {
    return sendError(rpcError(400, 'INVALID_ARGUMENT', `Cached content is too small. total_token_count=${tokens}, min_total_token_count=${MIN_CACHE_TOKENS}`));
  }
  const now = store.now();
  const ttl = typeof body.ttl === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(body.ttl) : null;
  const expireTime = ttl !== null ? now + Number(ttl[1]) * 1000 : typeof body.expireTime === 'string' ? Date.parse(body.expireTime) : now + 3_600_000;
  const entry: CachedContentEntry = {
    name: `cachedContents/${randomBytes(8).toString('hex')}`, model, contents, systemInstruction: body.systemInstruction,
    texts: all, tokens, createTime: now, expireTime, ...(typeof body.displayName === 'string' ? { displayName: body.displayName } : {}),
  };
  store.entries.set(entry.name, entry);
  sendJson(res, 200, view(entry), { 'content-type': JSON_TYPE });
}

function view(entry: CachedContentEntry): Json {
  return {
    name: entry.name,
    model: entry.model,
    ...(entry.displayName === undefined ? {} : { displayName: entry.displayName }),
    createTime: new Date(entry.createTime).toISOString(),
    updateTime: new Date(entry.createTime).toISOString(),
    expireTime: new Date(entry.expireTime).toISOString(),
    usageMetadata: { totalTokenCount: entry.tokens },
  };
}

function asRecord(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Json : {};
}
