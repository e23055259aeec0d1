import type { FakeUsage } from './script';

/**
 * Prompt-cache accounting as the real APIs report it, for the fakes. Token counts follow `promptTokens` in
 * script.ts (3 + per text ⌈chars/4⌉ + 3), so a cached prefix is always a part of the prompt the fake reports.
 *
 * - Anthropic: explicit `cache_control` breakpoints (at most 4, `type: 'ephemeral'`, `ttl` 5m or 1h). A request
 *   reads the longest cached prefix ending at a block boundary up to 20 blocks before any breakpoint, writes the
 *   prefix up to its last breakpoint when that is at least the model's minimum, and a hit refreshes the TTL.
 * - OpenAI: automatic; a prompt of 1,024+ tokens is cached, and a later prompt sharing a prefix of 1,024+ tokens
 *   reads it in 128-token steps (`prompt_tokens_details.cached_tokens`).
 * - Gemini implicit: automatic for 1,024+ token prefixes (`cachedContentTokenCount`).
 */
export interface PromptCacheStore {
  /** Prefix fingerprint → when it expires (ms since the epoch). */
  readonly entries: Map<string, number>;
  /** Whole prompts seen, for the automatic (longest common prefix) vendors: model, text, expiry. */
  readonly prompts: { model: string; text: string; expiresAt: number }[];
  readonly now: () => number;
}

export function createPromptCacheStore(now: () => number = Date.now): PromptCacheStore {
  return { entries: new Map(), prompts: [], now };
}

export const ANTHROPIC_FAKE_TTL_MS = { '5m': 5 * 60_000, '1h': 60 * 60_000 } as const;
/** OpenAI keeps prefixes 5–10 minutes of inactivity; the fake takes the upper end. */
export const AUTOMATIC_FAKE_TTL_MS = 10 * 60_000;
const AUTOMATIC_MIN_TOKENS = 1_024;
const OPENAI_STEP_TOKENS = 128;
const MAX_REMEMBERED_PROMPTS = 200;
const LOOKBACK_BLOCKS = 20;
const MAX_BREAKPOINTS = 4;

/** The Anthropic API's minimum cacheable prompt per model family (mirrors the adapter's table, as the API would). */
export function anthropicFakeMinimum(model: string): number {
  if (/claude-(?:opus-4-[5-9]|haiku-4-5)/.test(model)) return 4_096;
  if (/claude-sonnet-4-6|haiku-3/.test(model)) return 2_048;
  if (/claude-(?:sonnet|opus)-4(?:-[0-4])?\b|claude-3/.test(model)) return 1_024;
  return 4_096;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Block {
  /** Prompt tokens up to and including this block. */
  readonly tokens: number;
  /** Fingerprint of the prefix ending with this block. */
  readonly fingerprint: string;
  readonly ttl?: '5m' | '1h';
}

/** The blocks of a Messages body in cache order (system, then messages), or an API error message. */
function anthropicBlocks(body: Obj): Block[] | string {
  const blocks: Block[] = [];
  let tokens = 3;
  let fingerprint = `model:${String(body.model)}`;
  const add = (role: string, block: unknown, first: boolean): string | undefined => {
    const b = isObj(block) ? block : { type: 'text', text: String(block) };
    const text = typeof b.text === 'string' ? b.text : '';
    if (b.type === 'text') tokens += Math.ceil(text.length / 4) + 3;
    const { cache_control: control, ...rest } = b;
    fingerprint = `${fingerprint}|${first ? role : ''}:${JSON.stringify(rest)}`;
    if (control === undefined || control === null) return void blocks.push({ tokens, fingerprint });
    if (!isObj(control) || control.type !== 'ephemeral') return 'cache_control.type: Input should be \'ephemeral\'';
    if (control.ttl !== undefined && control.ttl !== '5m' && control.ttl !== '1h') return 'cache_control.ttl: Input should be \'5m\' or \'1h\'';
    blocks.push({ tokens, fingerprint, ttl: (control.ttl as '5m' | '1h' | undefined) ?? '5m' });
    return undefined;
  };
  const lists: [string, unknown][] = [['system', body.system], ...(Array.isArray(body.messages) ? body.messages.map((m): [string, unknown] => [String(asObj(m).role), asObj(m).content]) : [])];
  for (const [role, content] of lists) {
    if (content === undefined) continue;
    const items = Array.isArray(content) ? content : [content];
    for (const [i, item] of items.entries()) {
      const problem = add(role, item, i === 0);
      if (problem !== undefined) return problem;
    }
  }
  const marked = blocks.filter((b) => b.ttl !== undefined).length;
  if (marked > MAX_BREAKPOINTS) return `A maximum of ${MAX_BREAKPOINTS} blocks with cache_control may be provided. Found ${marked}.`;
  return blocks;
}

function asObj(value: unknown): Obj {
  return isObj(value) ? value : {};
}

/**
 * Cache reads and writes of one Messages request (and the store updated as the API would), or the API's 400
 * message for invalid breakpoints. Without breakpoints nothing is read or written (Anthropic caches only on request).
 */
export function anthropicCacheUsage(store: PromptCacheStore, body: unknown): { cached: number; cacheWrite: number } | string {
  const blocks = anthropicBlocks(asObj(body));
  if (typeof blocks === 'string') return blocks;
  const now = store.now();
  const breakpoints = blocks.flatMap((b, i) => (b.ttl === undefined ? [] : [i]));
  let read = -1;
  for (const at of breakpoints) {
    for (let j = at; j >= Math.max(0, at - LOOKBACK_BLOCKS + 1); j--) {
      const block = blocks[j];
      const expiresAt = block === undefined ? undefined : store.entries.get(block.fingerprint);
      if (block !== undefined && expiresAt !== undefined && expiresAt > now && block.tokens > (blocks[read]?.tokens ?? 0)) read = j;
    }
  }
  const readTokens = blocks[read]?.tokens ?? 0;
  const readBlock = blocks[read];
  // A hit refreshes the entry's lifetime.
  if (readBlock !== undefined) store.entries.set(readBlock.fingerprint, now + ttlOf(blocks, read));
  const last = blocks[breakpoints.at(-1) ?? -1];
  const minimum = anthropicFakeMinimum(String(asObj(body).model));
  if (last === undefined || last.tokens < minimum || last.tokens <= readTokens) return { cached: readTokens, cacheWrite: 0 };
  for (const at of breakpoints) {
    const block = blocks[at];
    if (block !== undefined && block.tokens >= minimum) store.entries.set(block.fingerprint, now + ANTHROPIC_FAKE_TTL_MS[block.ttl ?? '5m']);
  }
  return { cached: readTokens, cacheWrite: last.tokens - readTokens };
}

/** The TTL of the breakpoint at or after block `index` (the entry that holds it). */
function ttlOf(blocks: readonly Block[], index: number): number {
  const holder = blocks.slice(index).find((b) => b.ttl !== undefined);
  return ANTHROPIC_FAKE_TTL_MS[holder?.ttl ?? '5m'];
}

/**
 * Automatic caching (OpenAI, Gemini implicit): the tokens of the longest prefix this prompt shares with a
 * remembered one of the same model, when 1,024+ (OpenAI: rounded down to 128-token steps); the prompt is then
 * remembered. `texts` are the prompt's texts in order, as `promptTokens` counts them.
 */
export function automaticCacheTokens(store: PromptCacheStore, model: string, texts: readonly string[], stepTokens: number): number {
  const now = store.now();
  const text = texts.join('\u0000');
  let best = 0;
  for (const seen of store.prompts) {
    if (seen.model !== model || seen.expiresAt <= now) continue;
    const shared = commonPrefix(seen.text, text);
    if (shared > best) {
      best = shared;
      seen.expiresAt = now + AUTOMATIC_FAKE_TTL_MS;
    }
  }
  const total = texts.reduce((sum, t) => sum + Math.ceil(t.length / 4) + 3, 3);
  if (total >= AUTOMATIC_MIN_TOKENS) {
    store.prompts.push({ model, text, expiresAt: now + AUTOMATIC_FAKE_TTL_MS });
    if (store.prompts.length > MAX_REMEMBERED_PROMPTS) store.prompts.shift();
  }
  const sharedTokens = Math.floor(best / 4);
  if (sharedTokens < AUTOMATIC_MIN_TOKENS) return 0;
  return AUTOMATIC_MIN_TOKENS + Math.floor((sharedTokens - AUTOMATIC_MIN_TOKENS) / stepTokens) * stepTokens;
}

export const OPENAI_CACHE_STEP_TOKENS = OPENAI_STEP_TOKENS;

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** `usage` with cache reads and writes measured by the store (a scenario's explicit `usage` extras win). */
export function withCacheCounts(usage: FakeUsage, counts: { cached: number; cacheWrite: number }, scenarioSetsCache: boolean): FakeUsage {
  if (scenarioSetsCache) return usage;
  const cached = Math.min(counts.cached, usage.input);
  return { ...usage, cached, cacheWrite: Math.min(counts.cacheWrite, usage.input - cached) };
}
