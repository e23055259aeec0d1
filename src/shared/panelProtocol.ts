/**
 * Messages between the host and the Quorum panel ("Quorum: Open Panel": Compare, Vote and Spend in one
 * webview). Both sides validate every incoming message with these schemas before acting on it
 * (DESIGN.md §4). No `vscode`, no DOM here.
 *
 * The flow: the view paints its saved state, then posts `webview/ready`; the host answers with a full
 * `panel/snapshot` (again whenever the panel becomes visible). While a compare run streams, the host sends
 * `compare/delta` (text to append to one column) and `compare/column` (everything else about a column);
 * a vote is sent whole as `vote/state` each time it changes. Money is computed by the host only:
 * `costUsd: undefined` means unknown and is shown as "unknown", never as $0.
 */
import * as z from 'zod/mini';
import { validator } from './protocol';
import { spendSnapshotSchema, type SpendSnapshot } from './spendProtocol';

export const PANEL_VIEWS = ['compare', 'vote', 'spend'] as const;
export type PanelView = (typeof PANEL_VIEWS)[number];

export const COLUMN_STATUSES = ['waiting', 'streaming', 'done', 'stopped', 'failed'] as const;
/** `waiting` until the first token, `streaming` until it ends, then one of the last three. */
export type ColumnStatus = (typeof COLUMN_STATUSES)[number];

/**
 * `cascade` is not a vote among the chosen models: it asks the cheapest model of each tier in turn (budget →
 * standard → premium, chosen by the host) and escalates while the answer's confidence is below a threshold.
 */
export const VOTE_STRATEGIES = ['majority', 'confidence', 'judge', 'cascade'] as const;
export type VoteStrategy = (typeof VOTE_STRATEGIES)[number];

/** A cascade accepts an answer whose self-rated confidence is at least this (0..1) unless the user sets another. */
export const DEFAULT_CASCADE_THRESHOLD = 0.7;

/** The catalog's price tiers, cheapest first: the rungs of a cascade's ladder. */
export const LADDER_TIERS = ['budget', 'standard', 'premium'] as const;
export type LadderTier = (typeof LADDER_TIERS)[number];

export const VOTE_MEMBER_STATUSES = [...COLUMN_STATUSES, 'invalid'] as const;
/** `invalid`: a confidence-weighted answer that failed validation twice and was left out of the vote. */
export type VoteMemberStatus = (typeof VOTE_MEMBER_STATUSES)[number];

/** Compare runs 2–6 models side by side (core/ensemble's MAX_COLUMNS); a vote 2–6 members. */
export const MIN_COMPARE_MODELS = 2;
export const MAX_COMPARE_MODELS = 6;
export const MIN_VOTE_MODELS = 2;
export const MAX_VOTE_MODELS = 6;
/** Longest answer, prompt or delta a message may carry (characters); the view stops appending beyond it. */
export const MAX_PANEL_TEXT = 2_000_000;

/** A configured model the user may pick. */
export interface PanelModel {
  /** `provider/model`, e.g. `openai/gpt-6-luna`; the id every message uses. */
  readonly ref: string;
  readonly label: string;
  readonly provider: string;
  /** The catalog has prices for it; otherwise its cost will be unknown. */
  readonly priced: boolean;
}

/** One compare column without its text: what `compare/column` replaces. */
export interface CompareColumnInfo {
  /** Unique within the run; every column message names it. */
  readonly id: string;
  readonly ref: string;
  readonly label: string;
  readonly provider: string;
  readonly status: ColumnStatus;
  /** Time to first token, ms from the column's start. */
  readonly ttftMs?: number;
  /** Start to end, ms; absent while streaming. */
  readonly totalMs?: number;
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  /** USD; `undefined` = unknown (an unpriced model, or usage the provider did not report). */
  readonly costUsd?: number;
  /** `stop`, `length`, `content-filter`, … as the provider reported it. */
  readonly finishReason?: string;
  /** One line shown in the column, with a Retry button; present when `status` is `failed`. */
  readonly error?: string;
}

export interface CompareColumn extends CompareColumnInfo {
  /** The answer so far (untrusted model output: rendered as sanitised markdown). */
  readonly text: string;
}

export interface CompareState {
  /** Refs chosen for the next run (2–6 to run; fewer before the user has chosen). */
  readonly selected: readonly string[];
  /** The prompt editor's text; the view keeps the user's edits unless this value changes. */
  readonly prompt: string;
  readonly attachFile: boolean;
  /** Workspace-relative name of the file "attach active file" would send; absent when there is none. */
  readonly activeFile?: string;
  /** A run is in progress (the view also treats any waiting or streaming column as running). */
  readonly running: boolean;
  readonly columns: readonly CompareColumn[];
  /** Id of the column picked as the winner of this run. */
  readonly winner?: string;
}

export interface VoteMember {
  readonly ref: string;
  readonly label: string;
  readonly status: VoteMemberStatus;
  /** The member's answer (untrusted model output: rendered as sanitised markdown). */
  readonly answer?: string;
  /** The answer as the majority vote compared it (case, whitespace, numbers… normalised). */
  readonly normalised?: string;
  /** 0-based index of the member's cluster of agreeing answers (shown 1-based). */
  readonly cluster?: number;
  /** 0..1, from a confidence-weighted vote. */
  readonly confidence?: number;
  /** USD; `undefined` = unknown. */
  readonly costUsd?: number;
  readonly totalMs?: number;
  readonly error?: string;
  /** Cascade only: the price tier of the ladder step this member is. */
  readonly tier?: LadderTier;
}

/** One rung of a cascade's ladder, before or while it runs. */
export interface VoteLadderStep {
  readonly ref: string;
  readonly label: string;
  readonly tier?: LadderTier;
}

/** How a cascade ended: what the panel shows instead of clusters and agreement. */
export interface CascadeOutcome {
  /** The confidence the answer had to reach, 0..1. */
  readonly threshold: number;
  /** The chosen answer reached the threshold. */
  readonly accepted: boolean;
  /** The user stopped the cascade before it decided. */
  readonly stopped: boolean;
  /** 0-based index in `members` of the step whose answer is shown; absent when no model gave a valid answer. */
  readonly step?: number;
  /** That step's confidence, 0..1. */
  readonly confidence?: number;
}

export interface VoteResult {
  /** The winning answer (untrusted model output: rendered as sanitised markdown); empty when a cascade got none. */
  readonly winner: string;
  /** A cascade has no clusters: 0 by convention (the view shows `cascade` instead). */
  readonly winnerCluster: number;
  /** Share of the valid answers in the winning cluster, 0..1; a cascade's is 1 with an answer, 0 without (not shown). */
  readonly agreement: number;
  /** Why this answer won, in one or two sentences (the strategy, the tie-break, an early exit). */
  readonly why: string;
  /** USD of every call, the judge's included; `undefined` when none was priced. A lower bound when `unpricedCalls` > 0. */
  readonly totalCostUsd?: number;
  readonly unpricedCalls: number;
  /** Wall time of the whole vote, ms. */
  readonly totalMs: number;
  /** The judge's pick (judge strategy only); `rationale` is model output, rendered as sanitised markdown. */
  readonly judge?: { readonly ref: string; readonly rationale: string };
  /** Present exactly when the result is a cascade's. */
  readonly cascade?: CascadeOutcome;
}

export interface VoteState {
  readonly strategy: VoteStrategy;
  readonly selected: readonly string[];
  /** Stop the remaining calls once this many answers agree; absent = off. */
  readonly earlyExitK?: number;
  /** Cascade: accept an answer at or above this confidence (0..1); absent = `DEFAULT_CASCADE_THRESHOLD`. */
  readonly cascadeThreshold?: number;
  /** Judge: a panel of three cheap judges instead of one. */
  readonly judgePanel?: boolean;
  /** The ladder a cascade would climb now (the host's choice; empty when no model is usable). */
  readonly ladder?: readonly VoteLadderStep[];
  /** The strategy of the `members` and `result` on show (the last run's); the form's `strategy` may differ. */
  readonly runStrategy?: VoteStrategy;
  readonly prompt: string;
  readonly running: boolean;
  /** USD the vote is expected to cost (shown before running); `undefined` = unknown. */
  readonly estimateUsd?: number;
  /** Selected models without prices: the estimate leaves them out. */
  readonly estimateUnpricedModels?: number;
  readonly members: readonly VoteMember[];
  readonly result?: VoteResult;
}

export interface PanelSnapshot {
  /** The tab on show. */
  readonly view: PanelView;
  readonly models: readonly PanelModel[];
  readonly compare: CompareState;
  readonly vote: VoteState;
  /** Absent until the host has read the ledger (the Spend tab shows "Loading spend…"). */
  readonly spend?: SpendSnapshot;
}

/** The Vote form as `vote/draft` and `vote/run` carry it. */
export interface VoteRequest {
  prompt: string;
  /** The voters; ignored by a cascade (its ladder is automatic), so it may then be empty. */
  models: string[];
  strategy: VoteStrategy;
  earlyExitK?: number;
  /** Cascade only (sent with that strategy); 0..1. */
  cascadeThreshold?: number;
  /** Judge only (sent with that strategy). */
  judgePanel?: boolean;
}

export type PanelHostMessage =
  | { type: 'panel/snapshot'; snapshot: PanelSnapshot }
  | { type: 'compare/state'; compare: CompareState }
  | { type: 'compare/delta'; columnId: string; text: string }
  | { type: 'compare/column'; column: CompareColumnInfo }
  | { type: 'vote/state'; vote: VoteState }
  | { type: 'vote/estimate'; estimateUsd?: number; unpricedModels: number; ladder?: VoteLadderStep[] }
  | { type: 'spend/snapshot'; snapshot: SpendSnapshot };

export type PanelViewMessage =
  | { type: 'webview/ready' }
  | { type: 'panel/view'; view: PanelView }
  | { type: 'compare/run'; prompt: string; models: string[]; attachFile: boolean }
  | { type: 'compare/stop'; columnId?: string }
  | { type: 'compare/retry'; columnId: string }
  | { type: 'compare/copy' | 'compare/insert' | 'compare/apply' | 'compare/pickWinner'; columnId: string }
  | { type: 'compare/diff'; left: string; right: string }
  | ({ type: 'vote/draft' } & VoteRequest)
  | ({ type: 'vote/run' } & VoteRequest)
  | { type: 'vote/stop' }
  | { type: 'spend/refresh' }
  | { type: 'spend/export' }
  | { type: 'spend/reset' }
  | { type: 'spend/openSettings' };

// Bounds keep a hostile or corrupt message from making the view build an unbounded DOM.
const text = z.string().check(z.maxLength(MAX_PANEL_TEXT));
/** One line: a label, an error, a reason. */
const line = z.string().check(z.maxLength(4_000));
const ref = z.string().check(z.minLength(1), z.maxLength(300));
const columnId = z.string().check(z.minLength(1), z.maxLength(64));
const usd = z.number().check(z.nonnegative());
const ms = z.number().check(z.nonnegative());
const tokens = z.int().check(z.nonnegative());
const fraction = z.number().check(z.gte(0), z.lte(1));
const view = z.enum(PANEL_VIEWS);
const strategy = z.enum(VOTE_STRATEGIES);
const earlyExitK = z.int().check(z.gte(2), z.lte(MAX_VOTE_MODELS));
const tier = z.enum(LADDER_TIERS);
const ladder = z.array(z.object({ ref, label: line, tier: z.optional(tier) })).check(z.maxLength(MAX_VOTE_MODELS));
const MAX_MODELS = 1_000;

const modelSchema = z.object({ ref, label: line, provider: line, priced: z.boolean() });

const columnInfoShape = {
  id: columnId,
  ref,
  label: line,
  provider: line,
  status: z.enum(COLUMN_STATUSES),
  ttftMs: z.optional(ms),
  totalMs: z.optional(ms),
  inputTokens: z.optional(tokens),
  outputTokens: z.optional(tokens),
  costUsd: z.optional(usd),
  finishReason: z.optional(line),
  error: z.optional(line),
};
export const compareColumnInfoSchema: z.ZodMiniType<CompareColumnInfo> = z.object(columnInfoShape);
export const compareColumnSchema: z.ZodMiniType<CompareColumn> = z.object({ ...columnInfoShape, text });

export const compareStateSchema: z.ZodMiniType<CompareState> = z.object({
  selected: z.array(ref).check(z.maxLength(MAX_COMPARE_MODELS)),
  prompt: text,
  attachFile: z.boolean(),
  activeFile: z.optional(line),
  running: z.boolean(),
  columns: z.array(compareColumnSchema).check(z.maxLength(MAX_COMPARE_MODELS)),
  winner: z.optional(columnId),
});

const voteMemberSchema = z.object({
  ref,
  label: line,
  status: z.enum(VOTE_MEMBER_STATUSES),
  answer: z.optional(text),
  normalised: z.optional(text),
  cluster: z.optional(z.int().check(z.nonnegative(), z.lte(MAX_VOTE_MODELS))),
  confidence: z.optional(fraction),
  costUsd: z.optional(usd),
  totalMs: z.optional(ms),
  error: z.optional(line),
  tier: z.optional(tier),
});

const voteResultSchema = z.object({
  winner: text,
  winnerCluster: z.int().check(z.nonnegative(), z.lte(MAX_VOTE_MODELS)),
  agreement: fraction,
  why: line,
  totalCostUsd: z.optional(usd),
  unpricedCalls: z.int().check(z.nonnegative()),
  totalMs: ms,
  judge: z.optional(z.object({ ref, rationale: text })),
  cascade: z.optional(z.object({
    threshold: fraction,
    accepted: z.boolean(),
    stopped: z.boolean(),
    step: z.optional(z.int().check(z.nonnegative(), z.lt(MAX_VOTE_MODELS + 3))),
    confidence: z.optional(fraction),
  })),
});

export const voteStateSchema: z.ZodMiniType<VoteState> = z.object({
  strategy,
  selected: z.array(ref).check(z.maxLength(MAX_VOTE_MODELS)),
  earlyExitK: z.optional(earlyExitK),
  cascadeThreshold: z.optional(fraction),
  judgePanel: z.optional(z.boolean()),
  ladder: z.optional(ladder),
  runStrategy: z.optional(strategy),
  prompt: text,
  running: z.boolean(),
  estimateUsd: z.optional(usd),
  estimateUnpricedModels: z.optional(z.int().check(z.nonnegative())),
  // Room for judges beside the members (a panel of three cheap judges).
  members: z.array(voteMemberSchema).check(z.maxLength(MAX_VOTE_MODELS + 3)),
  result: z.optional(voteResultSchema),
});

export const panelSnapshotSchema: z.ZodMiniType<PanelSnapshot> = z.object({
  view,
  models: z.array(modelSchema).check(z.maxLength(MAX_MODELS)),
  compare: compareStateSchema,
  vote: voteStateSchema,
  spend: z.optional(spendSnapshotSchema),
});

export const panelHostMessageSchema: z.ZodMiniType<PanelHostMessage> = z.discriminatedUnion('type', [
  /** Everything: on `webview/ready`, on becoming visible, when settings or the model list change. */
  z.object({ type: z.literal('panel/snapshot'), snapshot: panelSnapshotSchema }),
  /** The whole Compare tab: when a run starts (columns `waiting`, empty text), ends, or a winner is picked. */
  z.object({ type: z.literal('compare/state'), compare: compareStateSchema }),
  /** Text to append to column `columnId` while it streams. Batch per ~16–50 ms; the view renders once per frame anyway. */
  z.object({ type: z.literal('compare/delta'), columnId, text }),
  /** Replaces everything about one column except its text: status, timings, tokens, cost, finish, error. */
  z.object({ type: z.literal('compare/column'), column: compareColumnInfoSchema }),
  /** The whole Vote tab, after each change (a member settles, the result is in). */
  z.object({ type: z.literal('vote/state'), vote: voteStateSchema }),
  /** A fresh estimate for the vote form, answering `vote/draft`; leaves the rest of the tab alone. */
  z.object({ type: z.literal('vote/estimate'), estimateUsd: z.optional(usd), unpricedModels: z.int().check(z.nonnegative()), ladder: z.optional(ladder) }),
  /** The Spend tab (same snapshot as the Spend view), after the ledger changed or on `spend/refresh`. */
  z.object({ type: z.literal('spend/snapshot'), snapshot: spendSnapshotSchema }),
]);

const models = (min: number, max: number) => z.array(ref).check(z.minLength(min), z.maxLength(max));
const voteRequestShape = {
  prompt: text,
  models: models(0, MAX_VOTE_MODELS),
  strategy,
  earlyExitK: z.optional(earlyExitK),
  cascadeThreshold: z.optional(fraction),
  judgePanel: z.optional(z.boolean()),
};

export const panelViewMessageSchema: z.ZodMiniType<PanelViewMessage> = z.discriminatedUnion('type', [
  /** The view has painted its saved state and listens: send a `panel/snapshot`. */
  z.object({ type: z.literal('webview/ready') }),
  /** The user switched tabs (remember it; the Spend tab may want a fresh `spend/snapshot`). */
  z.object({ type: z.literal('panel/view'), view }),
  /** Run these models side by side on this prompt (with the active file attached when `attachFile`). */
  z.object({ type: z.literal('compare/run'), prompt: text, models: models(MIN_COMPARE_MODELS, MAX_COMPARE_MODELS), attachFile: z.boolean() }),
  /** Stop one column, or every running column when `columnId` is absent. */
  z.object({ type: z.literal('compare/stop'), columnId: z.optional(columnId) }),
  /** Run a failed or stopped column again. */
  z.object({ type: z.literal('compare/retry'), columnId }),
  /** Copy the column's answer to the clipboard. */
  z.object({ type: z.literal('compare/copy'), columnId }),
  /** Insert the column's answer at the cursor of the last active editor. */
  z.object({ type: z.literal('compare/insert'), columnId }),
  /** Apply the column's answer to the editor selection through a diff preview (host side). */
  z.object({ type: z.literal('compare/apply'), columnId }),
  /** Record this column as the winner of the run (in the ledger, with the task class). */
  z.object({ type: z.literal('compare/pickWinner'), columnId }),
  /** Open a diff of two columns' answers. */
  z.object({ type: z.literal('compare/diff'), left: columnId, right: columnId }),
  /** The vote form changed (debounced): re-estimate and answer with `vote/estimate`; `models` may be empty. */
  z.object({ type: z.literal('vote/draft'), ...voteRequestShape }),
  /** Run a vote: 2–6 voters, or any number (ignored) for a cascade, whose ladder the host picks. */
  z.object({ type: z.literal('vote/run'), ...voteRequestShape }).check(z.refine(
    (m) => m.strategy === 'cascade' || m.models.length >= MIN_VOTE_MODELS,
    { message: `A vote needs at least ${MIN_VOTE_MODELS} models.` },
  )),
  /** Stop the running vote (it completes with the answers already in). */
  z.object({ type: z.literal('vote/stop') }),
  // The Spend tab's buttons: the same messages as the Spend view's.
  z.object({ type: z.literal('spend/refresh') }),
  z.object({ type: z.literal('spend/export') }),
  z.object({ type: z.literal('spend/reset') }),
  z.object({ type: z.literal('spend/openSettings') }),
]);

export const parsePanelHostMessage: (raw: unknown) => PanelHostMessage | undefined = validator(panelHostMessageSchema);
export const parsePanelViewMessage: (raw: unknown) => PanelViewMessage | undefined = validator(panelViewMessageSchema);
/** A snapshot from the webview's saved state after a reload; undefined when unusable. */
export const parsePanelSnapshot: (raw: unknown) => PanelSnapshot | undefined = validator(panelSnapshotSchema);
