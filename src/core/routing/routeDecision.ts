import type { RuleEvalSource } from '../config/routingSchema';
import type { ModelTier } from '../catalog/modelInfo';
import type { ModelRef } from '../types';
import type { CacheStickiness } from './cacheStickiness';
import type { QualityDial } from './learnedModel';
import type { Complexity, TaskType, TaskProfile } from './taskProfile';

/** The estimated size and price of a request on one model. Cost is `undefined` when a price is unknown. */
export interface RouteEstimate {
  readonly ref: ModelRef;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** USD; undefined when the model's price is unknown — never a false $0. */
  readonly costUsd?: number;
}

/** Feedback that moved the needed tier (DESIGN.md §3 `feedback?`): by how much, from what, and the card's sentence. */
export interface RouteFeedback {
  /** Tiers moved: +1 up, −1 down. */
  readonly offset: number;
  readonly from: ModelTier;
  readonly to: ModelTier;
  /** E.g. "3 of your overrides raised code generation to standard here". */
  readonly note: string;
}

/**
 * The router's answer (DESIGN.md §3): the model to try first, the whole fallback chain in order, the task
 * as classified, and human-readable reasons — the text a user sees when asking "why this model?".
 */
export interface RouteDecision {
  readonly chosen: ModelRef;
  /** `chain[0]` is `chosen`; later entries prefer other providers first. */
  readonly chain: readonly ModelRef[];
  readonly task: {
    readonly type: TaskType;
    /** Calibrated probability of `type`; absent when heuristics or an LLM classified the prompt. */
    readonly probability?: number;
    readonly complexity: Complexity;
    readonly needs: TaskProfile['needs'];
  };
  readonly tier: {
    /** The tier the request was routed for (after rules, feature minimums and feedback). */
    readonly needed: ModelTier;
    /** Calibrated P(budget, standard, premium is the cheapest tier that answers well), when learned. */
    readonly probabilities?: readonly [number, number, number];
    /** The `quorum.routing.quality` position that turned the probabilities into a tier. */
    readonly dial?: QualityDial;
  };
  /** The facts that weighed most in the classification (the profile's evidence). */
  readonly evidence: readonly string[];
  readonly reasons: readonly string[];
  /** One estimate per chain entry, same order. */
  readonly estimates: readonly RouteEstimate[];
  /** Present when the workspace's feedback moved the tier. */
  readonly feedback?: RouteFeedback;
  /** Name (or index) of the user rule that decided, if one did. */
  readonly rule?: string;
  /** A follow-up: what the router made of the previous model's warm prompt cache (stayed, switched, expired…). */
  readonly cache?: CacheStickiness;
  /** The eval suite behind that rule, when "Route … to …" wrote it. */
  readonly ruleEval?: RuleEvalSource;
  readonly profile: TaskProfile;
}

/** No model can take the request; `reasons` say why each candidate was excluded and what to do. */
export class NoRouteError extends Error {
  constructor(message: string, readonly reasons: readonly string[]) {
    super(message);
    this.name = 'NoRouteError';
  }
}
