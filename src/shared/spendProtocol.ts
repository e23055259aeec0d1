/**
 * Messages between the host and the spend view ("Quorum: Spend"). Both sides validate every incoming
 * message before acting on it (DESIGN.md §4). No `vscode`, no DOM here.
 */
import * as z from 'zod/mini';
import { validator, webviewReadySchema, type WebviewReady } from './ipc';

export interface SpendAmount {
  readonly costUsd: number;
  readonly calls: number;
  /** calls whose cost is unknown: costUsd is a lower bound when > 0 */
  readonly unpricedCalls: number;
}
export interface SpendCapView { readonly capUsd: number; readonly spentUsd: number; readonly usedFraction: number; readonly level: 'ok' | 'warning' | 'error' }
export interface SpendRow { readonly key: string; readonly label: string; readonly costUsd: number; readonly calls: number; readonly unpricedCalls: number }
export interface SpendModelRow extends SpendRow {
  readonly p50Ms?: number;
  readonly p95Ms?: number;
  readonly p99Ms?: number;
  /** 0..1 */
  readonly errorRate?: number;
  readonly failovers: number;
}
/** One local calendar day of spend (the chart of the last 30 days). */
export interface SpendDay {
  /** `YYYY-MM-DD`, the user's local date. */
  readonly day: string;
  /** Sum of the known costs; a lower bound when `unpricedCalls` > 0. */
  readonly costUsd: number;
  readonly calls: number;
  /** Calls whose cost is unknown: never counted as $0. */
  readonly unpricedCalls: number;
}
export interface SpendFailover { readonly ts: number; readonly from: string; readonly to: string; readonly reason?: string }
/** Provider prompt-cache hit rate of a model or a conversation this month (follow-ups only), and why the rest missed. */
export interface SpendCacheRow {
  readonly key: string;
  readonly followUps: number;
  readonly hits: number;
  /** e.g. "2 model switched, 1 expired"; empty when nothing missed. */
  readonly misses: string;
}
export interface SpendSnapshot {
  /** Display name. */
  readonly workspace: string;
  /** Milliseconds since the epoch. */
  readonly generatedAt: number;
  readonly today: SpendAmount;
  readonly month: SpendAmount;
  readonly all: SpendAmount;
  readonly savings?: { readonly baseline: string; readonly todayUsd?: number; readonly monthUsd?: number };
  readonly budget: { readonly daily?: SpendCapView; readonly monthly?: SpendCapView };
  /** This month. */
  readonly byModel: readonly SpendModelRow[];
  /** This month. */
  readonly byProvider: readonly SpendRow[];
  /** This month. */
  readonly byFeature: readonly SpendRow[];
  readonly recentFailovers: readonly SpendFailover[];
  /** The last 30 local days (`DAILY_SPEND_DAYS`), oldest first, today last; days without calls are zero, not missing. */
  readonly daily: readonly SpendDay[];
  /** Ledger lines skipped as unreadable. */
  readonly invalidLines: number;
  /** Prompt caching this month: per model, and the most recent conversations. Absent when no follow-up was recorded. */
  readonly promptCache?: { readonly byModel: readonly SpendCacheRow[]; readonly byConversation: readonly SpendCacheRow[] };
}
export type SpendHostToWebview = { type: 'spend/snapshot'; snapshot: SpendSnapshot };
export type SpendWebviewToHost =
  | WebviewReady
  | { type: 'spend/refresh' }
  | { type: 'spend/export' }
  | { type: 'spend/reset' }
  | { type: 'spend/openSettings' };

// Bounds keep a hostile or corrupt message from making the view build an unbounded DOM; they sit far above
// anything a real ledger produces (a month has a few dozen models, providers and features).
const MAX_ROWS = 2_000;
const MAX_FAILOVERS = 500;
// A year at most: room for a longer chart later, and still a small DOM.
const MAX_DAYS = 366;
// One line of text, as in the answer view: far longer than any model id, provider name or error reason.
const label = z.string().check(z.maxLength(4_000));
const usd = z.number().check(z.nonnegative());
const count = z.int().check(z.nonnegative());
const ms = z.number().check(z.nonnegative());
/** Epoch ms within the range `Date` accepts, so rendering a time can never throw. */
const epochMs = z.number().check(z.gte(0), z.lte(8.64e15));

const amountSchema = z.object({ costUsd: usd, calls: count, unpricedCalls: count });

const capSchema = z.object({
  capUsd: usd,
  spentUsd: usd,
  // Above 1 once spend has gone past the cap (a call that was already running when it was reached).
  usedFraction: z.number().check(z.nonnegative()),
  level: z.enum(['ok', 'warning', 'error']),
});

const rowShape = { key: label, label, costUsd: usd, calls: count, unpricedCalls: count };
const rowSchema = z.object(rowShape);
const modelRowSchema = z.object({
  ...rowShape,
  p50Ms: z.optional(ms),
  p95Ms: z.optional(ms),
  p99Ms: z.optional(ms),
  errorRate: z.optional(z.number().check(z.gte(0), z.lte(1))),
  failovers: count,
});

/** A calendar date: four-digit year, month 01–12, day 01–31. */
const isoDay = z.string().check(z.regex(/^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/));
const daySchema = z.object({ day: isoDay, costUsd: usd, calls: count, unpricedCalls: count });
const dailySchema = z.array(daySchema).check(
  z.maxLength(MAX_DAYS),
  // Oldest first, each day once: the chart's x axis relies on it. ISO dates sort as strings.
  z.refine((days) => days.every((d, i) => i === 0 || (days[i - 1] as { day: string }).day < d.day), 'days must ascend'),
);

const cacheRowSchema = z.object({ key: label, followUps: count, hits: count, misses: label });
const failoverSchema = z.object({ ts: epochMs, from: label, to: label, reason: z.optional(label) });

// Annotated with the interface, so the compiler rejects a schema that drifts from the documented shape;
// the round-trip test catches the other direction (a field the schema would strip).
export const spendSnapshotSchema: z.ZodMiniType<SpendSnapshot> = z.object({
  workspace: label,
  generatedAt: epochMs,
  today: amountSchema,
  month: amountSchema,
  all: amountSchema,
  // Savings may be negative: the routed calls cost more than the baseline would have.
  savings: z.optional(z.object({ baseline: label, todayUsd: z.optional(z.number()), monthUsd: z.optional(z.number()) })),
  budget: z.object({ daily: z.optional(capSchema), monthly: z.optional(capSchema) }),
  byModel: z.array(modelRowSchema).check(z.maxLength(MAX_ROWS)),
  byProvider: z.array(rowSchema).check(z.maxLength(MAX_ROWS)),
  byFeature: z.array(rowSchema).check(z.maxLength(MAX_ROWS)),
  recentFailovers: z.array(failoverSchema).check(z.maxLength(MAX_FAILOVERS)),
  daily: dailySchema,
  invalidLines: count,
  promptCache: z.optional(z.object({ byModel: z.array(cacheRowSchema).check(z.maxLength(MAX_ROWS)), byConversation: z.array(cacheRowSchema).check(z.maxLength(MAX_ROWS)) })),
});

export const spendHostMessageSchema: z.ZodMiniType<SpendHostToWebview> = z.discriminatedUnion('type', [
  /** The whole view: on ready, on becoming visible, on refresh and after the ledger changed. */
  z.object({ type: z.literal('spend/snapshot'), snapshot: spendSnapshotSchema }),
]);

export const spendViewMessageSchema: z.ZodMiniType<SpendWebviewToHost> = z.discriminatedUnion('type', [
  webviewReadySchema,
  z.object({ type: z.literal('spend/refresh') }),
  z.object({ type: z.literal('spend/export') }),
  z.object({ type: z.literal('spend/reset') }),
  z.object({ type: z.literal('spend/openSettings') }),
]);

export const parseSpendViewMessage: (raw: unknown) => SpendWebviewToHost | undefined = validator(spendViewMessageSchema);
export const parseSpendHostMessage: (raw: unknown) => SpendHostToWebview | undefined = validator(spendHostMessageSchema);
/** A snapshot from the webview's saved state after a reload, or one the host is about to send; undefined when unusable. */
export const parseSpendSnapshot: (raw: unknown) => SpendSnapshot | undefined = validator(spendSnapshotSchema);
