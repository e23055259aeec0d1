/**
 * The Vote tab's part of the Quorum panel protocol (panelProtocol.ts carries the messages): the vote's
 * state as the host sends it, and the form as the view sends it. Validated on both sides.
 */
import * as z from 'zod/mini';
import { COLUMN_STATUSES, fraction, line, ms, ref, refs, text, usd } from './panelFields';

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

/** A vote asks 2–6 models (core/ensemble's MAX_COLUMNS). */
export const MIN_VOTE_MODELS = 2;
export const MAX_VOTE_MODELS = 6;

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

const strategy = z.enum(VOTE_STRATEGIES);
const earlyExitK = z.int().check(z.gte(2), z.lte(MAX_VOTE_MODELS));
const tier = z.enum(LADDER_TIERS);
export const ladderSchema = z.array(z.object({ ref, label: line, tier: z.optional(tier) })).check(z.maxLength(MAX_VOTE_MODELS));

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
  ladder: z.optional(ladderSchema),
  runStrategy: z.optional(strategy),
  prompt: text,
  running: z.boolean(),
  estimateUsd: z.optional(usd),
  estimateUnpricedModels: z.optional(z.int().check(z.nonnegative())),
  // Room for judges beside the members (a panel of three cheap judges).
  members: z.array(voteMemberSchema).check(z.maxLength(MAX_VOTE_MODELS + 3)),
  result: z.optional(voteResultSchema),
});

/** The fields of `vote/draft` and `vote/run`. */
export const voteRequestShape = {
  prompt: text,
  models: refs(0, MAX_VOTE_MODELS),
  strategy,
  earlyExitK: z.optional(earlyExitK),
  cascadeThreshold: z.optional(fraction),
  judgePanel: z.optional(z.boolean()),
};

