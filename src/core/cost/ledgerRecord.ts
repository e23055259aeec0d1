/**
 * One line of the spend ledger (DESIGN.md §3): what a call cost, who answered, how long it took and what
 * happened on the way. Stored as one JSON object per line; every line read back is validated here.
 */
// Classic zod, not zod/mini: the host bundle carries it already (src/core/config), and its compiled
// object parser checks a record ~6× faster (≈0.5 µs vs ≈3.5 µs), which is most of a 100k-record cold load.
import { z } from 'zod';
import type { AttemptRecord } from '../resilience/runEvents';
import type { Usage } from '../types';
import { PROMPT_CACHE_MISSES, type PromptCacheOutcome } from '../conversation/promptCacheMiss';

/** How the call ended for the user. */
export type LedgerOutcome = 'success' | 'failed' | 'cancelled';

/** Which feature made the call; open-ended so a new feature needs no schema change. */
export type LedgerFeature = 'ask' | 'compare' | 'vote' | 'codeAction' | 'chat' | (string & {});

/** One try on one model, compact (the runner's `AttemptRecord` minus what only the panel needs). */
export interface LedgerAttempt {
  /** Provider instance id, e.g. `openai` or `compat:ollama`. */
  readonly provider: string;
  readonly model: string;
  readonly outcome: 'success' | 'failed' | 'aborted' | 'skipped';
  /** A `ProviderErrorReason` for a failure; why it was skipped for a skip. */
  readonly reason?: string;
  /** HTTP status when there was one. */
  readonly status?: number;
  /** Wall time of this attempt, in ms. */
  readonly latencyMs: number;
}

export interface LedgerRecord {
  /** Unique per record; readers drop a second line with the same id. */
  readonly id: string;
  /** When the call ended, in ms since the epoch (UTC). Also picks the monthly file. */
  readonly ts: number;
  /** The workspace key the ledger was opened with. */
  readonly workspace: string;
  readonly feature: LedgerFeature;
  /** The provider instance that answered; for a failed call, the last one tried. */
  readonly provider: string;
  readonly model: string;
  /** Provider-reported usage; a field is absent when unknown — never a false 0. */
  readonly usage: Usage;
  /** Cost in USD; absent when the price or the usage is unknown (shown as "unknown", never $0). */
  readonly costUsd?: number;
  /** Wall time of the whole call including retries and failovers, in ms. */
  readonly latencyMs: number;
  /** Time to the first answer token, in ms, when one arrived. */
  readonly ttftMs?: number;
  readonly outcome: LedgerOutcome;
  /** Every attempt in order; empty for a cache hit. More than one model here = a failover. */
  readonly attempts: readonly LedgerAttempt[];
  /** Answered from Quorum's cache: recorded as a $0 call. */
  readonly cacheHit: boolean;
  /** A cache hit: what the original call cost in USD, i.e. what the hit saved; absent when unknown or not a hit. */
  readonly savedUsd?: number;
  /** The router's one-line "why this model". */
  readonly routeReason: string;
  /** A conversation's request: whether it read the provider's prompt cache, or why not (absent in older records). */
  readonly promptCache?: PromptCacheOutcome;
  /** Sent through the vendor's batch API and priced at its batch rate; absent for every other call. */
  readonly batch?: boolean;
}

const count = z.int().nonnegative().optional();
const duration = z.number().nonnegative();

const usageSchema = z.object({
  inputTokens: count,
  outputTokens: count,
  cachedInputTokens: count,
  cacheWriteTokens: count,
  reasoningTokens: count,
});

const attemptSchema = z.object({
  provider: z.string(),
  model: z.string(),
  outcome: z.enum(['success', 'failed', 'aborted', 'skipped']),
  reason: z.string().optional(),
  status: z.int().optional(),
  latencyMs: duration,
});

/** Validates a parsed line. Unknown keys are dropped, so a newer Quorum's extra fields do not hide a record. */
export const ledgerRecordSchema: z.ZodType<LedgerRecord> = z.object({
  id: z.string().min(1),
  ts: z.int().nonnegative(),
  workspace: z.string(),
  feature: z.string().min(1),
  provider: z.string(),
  model: z.string(),
  usage: usageSchema,
  costUsd: z.number().nonnegative().optional(),
  latencyMs: duration,
  ttftMs: duration.optional(),
  outcome: z.enum(['success', 'failed', 'cancelled']),
  attempts: z.array(attemptSchema),
  cacheHit: z.boolean(),
  savedUsd: z.number().nonnegative().optional(),
  routeReason: z.string(),
  promptCache: z.object({
    conversation: z.string(),
    turn: z.int().nonnegative(),
    hit: z.boolean(),
    miss: z.enum(PROMPT_CACHE_MISSES).optional(),
  }).optional(),
  batch: z.boolean().optional(),
});

/**
 * Every line starts with this: `id` is written first, and inside a JSON string a `"` is always escaped, so
 * these bytes appear in a file only where a record begins.
 */
const RECORD_START = '{"id":';

/**
 * A record with every key in the one fixed order, `id` first (see `parseLedgerLine`); absent optionals
 * become `undefined`, which `JSON.stringify` omits. `share` maps each repeated string (the in-memory index
 * passes a string table; see ledgerCompactor.ts).
 */
export function canonicalLedgerRecord(record: LedgerRecord, share: (text: string) => string = (text) => text): LedgerRecord {
  const u = record.usage;
  return {
    id: record.id,
    ts: record.ts,
    workspace: share(record.workspace),
    feature: share(record.feature),
    provider: share(record.provider),
    model: share(record.model),
    usage: {
      inputTokens: u.inputTokens,
      outputTokens: u.outputTokens,
      cachedInputTokens: u.cachedInputTokens,
      cacheWriteTokens: u.cacheWriteTokens,
      reasoningTokens: u.reasoningTokens,
    },
    costUsd: record.costUsd,
    latencyMs: record.latencyMs,
    ttftMs: record.ttftMs,
    outcome: record.outcome,
    attempts: record.attempts.map((a) => ({
      provider: share(a.provider),
      model: share(a.model),
      outcome: a.outcome,
      reason: a.reason === undefined ? undefined : share(a.reason),
      status: a.status,
      latencyMs: a.latencyMs,
    })),
    cacheHit: record.cacheHit,
    savedUsd: record.savedUsd,
    routeReason: share(record.routeReason),
    promptCache: record.promptCache === undefined ? undefined : {
      conversation: share(record.promptCache.conversation),
      turn: record.promptCache.turn,
      hit: record.promptCache.hit,
      miss: record.promptCache.miss,
    },
    batch: record.batch,
  };
}

/** One record as one JSON line (with its `\n`); absent optional fields are omitted ("unknown"). */
export function serializeLedgerRecord(record: LedgerRecord): string {
  return `${JSON.stringify(canonicalLedgerRecord(record))}\n`;
}

/** A line after `JSON.parse`, or `undefined` when it does not hold a valid record. */
export function validateLedgerRecord(raw: unknown): LedgerRecord | undefined {
  const result = ledgerRecordSchema.safeParse(raw);
  return result.success ? result.data : undefined;
}

/**
 * Parses one line (without its `\n`). A line that is not JSON may be the torn tail of a writer that was
 * killed mid-write with a whole record from another window appended straight after it; the record is
 * recovered from its last `{"id":`. Anything else invalid is `undefined`, never a throw.
 */
export function parseLedgerLine(line: string): LedgerRecord | undefined {
  const parsed = parseJson(line);
  if (parsed !== undefined) return validateLedgerRecord(parsed);
  const start = line.lastIndexOf(RECORD_START);
  if (start <= 0) return undefined;
  const recovered = parseJson(line.slice(start));
  return recovered === undefined ? undefined : validateLedgerRecord(recovered);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Longest skip note kept in a record: enough for "breaker open" or "no API key", bounded for the file. */
const MAX_NOTE_CHARS = 80;

/** The fallback runner's attempts in ledger form (`RunResult.attempts` or `FallbackError.attempts`). */
export function ledgerAttempts(attempts: readonly AttemptRecord[]): LedgerAttempt[] {
  return attempts.map((a) => {
    const reason = a.reason ?? (a.outcome === 'skipped' ? a.note?.slice(0, MAX_NOTE_CHARS) : undefined);
    return {
      provider: a.ref.provider,
      model: a.ref.model,
      outcome: a.outcome,
      ...(reason === undefined ? {} : { reason }),
      ...(a.status === undefined ? {} : { status: a.status }),
      latencyMs: Math.max(0, a.endedAt - a.startedAt),
    };
  });
}

/** True when the call moved from one model to another (more than one distinct model was attempted). */
export function isFailover(record: LedgerRecord): boolean {
  const first = record.attempts[0];
  if (first === undefined) return false;
  return record.attempts.some((a) => a.model !== first.model || a.provider !== first.provider);
}
