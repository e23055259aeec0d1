/**
 * What Quorum knows about one model: identity, prices, limits, capabilities and where the facts came from.
 * Every price and limit is optional because "unknown" must stay distinguishable from a real value:
 * an unknown price is `undefined`, never 0, so an unpriced call costs "unknown" rather than $0.
 */

/** Prices in USD per million tokens (MTok). `undefined` = unknown or not offered by the vendor. */
export interface ModelPricing {
  /** USD per million uncached input tokens. */
  readonly inputPerMTok?: number;
  /** USD per million output tokens, reasoning/thinking tokens included. */
  readonly outputPerMTok?: number;
  /** USD per million input tokens read from the provider's prompt cache. */
  readonly cachedInputPerMTok?: number;
  /** USD per million input tokens written to the prompt cache (the shortest retention the vendor sells). */
  readonly cacheWritePerMTok?: number;
  /** Higher rates for long prompts, where the vendor has them; absent = one rate for every prompt length. */
  readonly longContext?: LongContextPricing;
  /**
   * Factor on the whole cost of a request sent through the vendor's batch API: 0.5 = half price.
   * A multiplier rather than a "discount" so that 0.25 cannot be read both as "25% off" and "pay 25%".
   * `undefined` = the vendor sells no batch rate, or it is unknown.
   */
  readonly batchMultiplier?: number;
}

/**
 * A vendor's long-prompt band: when a request's prompt has MORE than `thresholdTokens` input tokens (cache
 * reads and writes included, as the vendors count them), the WHOLE request — input, cache and output — is
 * billed at these rates instead of the base ones. USD per million tokens; a rate left out is unknown, and
 * a long request that needs it has an unknown cost (the base rate would under-price it).
 */
export interface LongContextPricing {
  /** Largest prompt, in input tokens, still billed at the base rates. */
  readonly thresholdTokens: number;
  readonly inputPerMTok?: number;
  readonly outputPerMTok?: number;
  readonly cachedInputPerMTok?: number;
  readonly cacheWritePerMTok?: number;
}

/** What a model accepts and can do, as far as routing needs to know. */
export interface ModelCapabilities {
  /** Accepts image input. */
  readonly vision: boolean;
  /** Supports tool / function calling. */
  readonly tools: boolean;
  /** Supports a JSON (structured output) response mode. */
  readonly json: boolean;
  /** Spends reasoning / thinking tokens before answering. */
  readonly reasoning: boolean;
}

/** The price/capability band a model belongs to; routing policies pick tiers, not model ids. */
export type ModelTier = 'budget' | 'standard' | 'premium';

/** Every tier, cheapest first. */
export const MODEL_TIERS = ['budget', 'standard', 'premium'] as const satisfies readonly ModelTier[];

/**
 * Where a catalog entry came from:
 * - `builtin`: shipped with Quorum (`builtinModels.ts`), possibly with fields overridden by the user;
 * - `user`: added by a `quorum.models` entry;
 * - `discovered`: listed by an endpoint (e.g. OpenAI-compatible `/v1/models`) and described by nobody.
 */
export type ModelSource = 'builtin' | 'user' | 'discovered';

/** Capabilities of a model nobody has described: assume nothing. */
export const NO_CAPABILITIES: ModelCapabilities = Object.freeze({
  vision: false,
  tools: false,
  json: false,
  reasoning: false,
});

/** One model in the catalog. */
export interface ModelInfo {
  /** Provider instance id: `openai`, `anthropic`, `gemini` or `compat:<endpoint id>`. */
  readonly provider: string;
  /** Model id exactly as the vendor's API names it. */
  readonly id: string;
  readonly displayName: string;
  readonly pricing: ModelPricing;
  /** Largest prompt + output the model accepts, in tokens. */
  readonly contextWindow?: number;
  /** Largest output (including reasoning) one request may produce, in tokens. */
  readonly maxOutputTokens?: number;
  readonly capabilities: ModelCapabilities;
  readonly tier: ModelTier;
  /** Day the prices were last checked against the vendor, `YYYY-MM-DD`; absent when nobody checked. */
  readonly pricesCheckedOn?: string;
  readonly source: ModelSource;
  /** Hidden from routing and pickers, but kept so the UI can show and re-enable it. */
  readonly disabled?: boolean;
}
