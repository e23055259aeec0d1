import type { LongContextPricing, ModelPricing } from '../catalog/modelInfo';
import type { AttemptRecord } from '../resilience/runEvents';
import type { Usage } from '../types';

/**
 * The one place that turns provider-reported usage into USD.
 *
 * Usage convention (guaranteed by every adapter in `core/providers`, see `Usage` in `core/types.ts`):
 * - `inputTokens` counts the WHOLE prompt, cache reads and cache writes included. OpenAI's `prompt_tokens` and
 *   Gemini's `promptTokenCount` already do; the Anthropic adapter adds `cache_read_input_tokens` and
 *   `cache_creation_input_tokens` to `input_tokens`, which excludes them on the wire.
 * - `outputTokens` counts everything billed as output, reasoning included. OpenAI's `completion_tokens` and
 *   Anthropic's `output_tokens` already do; the Gemini adapter adds `thoughtsTokenCount`.
 *   So reasoning is priced through `outputTokens` and `reasoningTokens` only splits it out, never adds to it.
 * - An absent `cachedInputTokens` / `cacheWriteTokens` means none was reported (Anthropic omits them when
 *   nothing was cached, Chat Completions never reports writes, Gemini sells no per-token writes). Those tokens
 *   are still inside `inputTokens`, so they are billed as uncached input rather than dropped.
 *
 * One policy for REPORTED cache tokens whose rate the catalog does not know (e.g. GPT-6.2 Astra's cached
 * input): the cost is unknown. Not billed at the input rate, because
 * - that number would have no consistent meaning: an upper bound for cache reads (every vendor sells them
 *   below input) but a lower bound for cache writes (OpenAI and Anthropic charge 1.25× input);
 * - the ledger stores only the number, so a guess recorded today reads as a real price in every later sum
 *   (budget, savings, per-model rows), while an unknown cost is counted and shown ("+ 1 call of unknown cost");
 * - the user can fix it once, with the rate in `quorum.models`, and `unknownBecause` names the missing rate.
 * Every consumer (answer header, ledger, Compare/Vote columns, chat, the budget's live check, savings) prices
 * through `priceCall`, so they cannot disagree on it.
 *
 * Bad data never throws here: usage comes from vendors and from the ledger on disk, and a malformed record must
 * not take the status bar down. A negative, NaN or infinite count or price, or parts larger than their whole,
 * make the cost unknown, and `unknownBecause` says why.
 */

const PER_MTOK = 1_000_000;

export interface PriceOptions {
  /** The request went through the vendor's batch API: multiply by `pricing.batchMultiplier`. Default false. */
  readonly batch?: boolean;
}

/** USD per component; they sum to `costUsd`, batch multiplier applied. */
export interface CostBreakdown {
  /** Input tokens billed at the full input rate. */
  readonly uncachedInputUsd: number;
  /** Input tokens read from the prompt cache. */
  readonly cachedInputUsd: number;
  /** Input tokens written to the prompt cache. */
  readonly cacheWriteUsd: number;
  /** All output tokens, reasoning included. */
  readonly outputUsd: number;
  /** The part of `outputUsd` spent on reasoning (already inside it, not added again); 0 when unreported. */
  readonly reasoningUsd: number;
}

/** Which rates applied: the base ones, or the vendor's long-prompt band (`ModelPricing.longContext`). */
export type PriceBand = 'base' | 'longContext';

export interface UsagePrice {
  /** Total USD; `undefined` when any needed count or rate is unknown — never a false $0. */
  readonly costUsd?: number;
  /** Present exactly when `costUsd` is. */
  readonly breakdown?: CostBreakdown;
  /** The band the prompt length selected; absent when the prompt length itself is unknown or invalid. */
  readonly band?: PriceBand;
  /** The factor applied to every component: 1, or `batchMultiplier` for a batch request. */
  readonly multiplier: number;
  /** Why the cost is unknown, e.g. `outputTokens unknown`; empty when `costUsd` is known. */
  readonly unknownBecause: readonly string[];
}

/** The four rates of one band, in USD per million tokens. */
interface Rates {
  readonly inputPerMTok?: number;
  readonly outputPerMTok?: number;
  readonly cachedInputPerMTok?: number;
  readonly cacheWritePerMTok?: number;
}

/**
 * THE price of one call in USD, for every consumer: the answer header, the ledger draft, Compare/Vote
 * columns, chat, the budget's live check, savings and the pre-call estimates (which pass the token counts
 * they expect). `undefined` when a needed count or rate is unknown — never a false $0; `priceUsage` says why.
 * A batch record (`options.batch`) is priced at the model's batch rate, and is unknown when it has none.
 */
export function priceCall(usage: Usage | undefined, pricing: ModelPricing | undefined, options: PriceOptions = {}): number | undefined {
  return priceUsage(usage, pricing, options).costUsd;
}

/**
 * The known $0 of a call that sent nothing billable: every attempt was refused with an HTTP error (or skipped)
 * before any text, and vendors bill no tokens for a refused request. Any other call without usage (a stream cut
 * off mid-answer, a network error after sending) costs "unknown". Shared by the Ask ledger and fan-out columns.
 */
export function refusedBeforeAnyText(attempts: readonly AttemptRecord[]): boolean {
  return attempts.length > 0
    && attempts.every((a) => a.textChars === 0 && (a.outcome === 'skipped' || (a.outcome === 'failed' && a.status !== undefined)));
}

/**
 * Cost in USD of one call from provider-reported token counts and the catalog's per-MTok prices, with the
 * breakdown, band and reasons behind it (`priceCall` is its total).
 * A prompt of more than `pricing.longContext.thresholdTokens` input tokens bills the whole request at the
 * long-prompt rates, as the vendors do. Never throws; see the module comment for the usage convention.
 */
export function priceUsage(usage: Usage | undefined, pricing: ModelPricing | undefined, options: PriceOptions = {}): UsagePrice {
  const why: string[] = [];
  const multiplier = batchMultiplier(pricing, options.batch === true, why);
  if (usage === undefined) why.push('usage unknown');
  if (pricing === undefined) why.push('model has no prices');
  if (usage === undefined || pricing === undefined) return { multiplier, unknownBecause: why };

  const input = tokens(usage, 'inputTokens', why);
  const output = tokens(usage, 'outputTokens', why);
  const cached = tokens(usage, 'cachedInputTokens', why, 0);
  const written = tokens(usage, 'cacheWriteTokens', why, 0);
  const reasoning = tokens(usage, 'reasoningTokens', why, 0);
  if (input !== undefined && cached !== undefined && written !== undefined && cached + written > input) {
    why.push(`cache reads (${cached}) + writes (${written}) exceed inputTokens (${input})`);
  }
  if (output !== undefined && reasoning !== undefined && reasoning > output) {
    why.push(`reasoningTokens (${reasoning}) exceed outputTokens (${output})`);
  }

  const band = input === undefined ? undefined : bandFor(input, pricing.longContext, why);
  const rates: Rates | undefined = band === 'longContext' ? pricing.longContext : band === 'base' ? pricing : undefined;
  const inputRate = rate(rates, 'inputPerMTok', band, why);
  const outputRate = rate(rates, 'outputPerMTok', band, why);
  // A cache rate matters only when tokens of that kind were reported; without it the cost is unknown (see above).
  const cachedRate = cached ? rate(rates, 'cachedInputPerMTok', band, why) : 0;
  const writeRate = written ? rate(rates, 'cacheWritePerMTok', band, why) : 0;

  const partial = { multiplier, unknownBecause: why, ...(band === undefined ? {} : { band }) };
  if (why.length > 0) return partial;
  // Every value below is known when `why` is empty; the checks only narrow the types.
  if (input === undefined || output === undefined || cached === undefined || written === undefined || reasoning === undefined) return partial;
  if (inputRate === undefined || outputRate === undefined || cachedRate === undefined || writeRate === undefined) return partial;

  const usd = (count: number, perMTok: number) => ((count * perMTok) / PER_MTOK) * multiplier;
  const breakdown: CostBreakdown = {
    uncachedInputUsd: usd(input - cached - written, inputRate),
    cachedInputUsd: usd(cached, cachedRate),
    cacheWriteUsd: usd(written, writeRate),
    outputUsd: usd(output, outputRate),
    reasoningUsd: usd(reasoning, outputRate),
  };
  const costUsd = breakdown.uncachedInputUsd + breakdown.cachedInputUsd + breakdown.cacheWriteUsd + breakdown.outputUsd;
  return { ...partial, costUsd, breakdown };
}

function batchMultiplier(pricing: ModelPricing | undefined, batch: boolean, why: string[]): number {
  if (!batch) return 1;
  const factor = pricing?.batchMultiplier;
  if (factor === undefined) {
    if (pricing !== undefined) why.push('no batch price for this model');
    return 1;
  }
  if (!isAmount(factor)) {
    why.push(`batchMultiplier ${factor} is not a non-negative number`);
    return 1;
  }
  return factor;
}

function tokens(usage: Usage, field: keyof Usage, why: string[], absent?: number): number | undefined {
  const value = usage[field];
  if (value === undefined) {
    if (absent === undefined) why.push(`${field} unknown`);
    return absent;
  }
  if (!isAmount(value)) {
    why.push(`${field} ${value} is not a non-negative number`);
    return undefined;
  }
  return value;
}

function bandFor(inputTokens: number, long: LongContextPricing | undefined, why: string[]): PriceBand | undefined {
  if (long === undefined) return 'base';
  if (!isAmount(long.thresholdTokens)) {
    why.push(`longContext.thresholdTokens ${long.thresholdTokens} is not a non-negative number`);
    return undefined;
  }
  return inputTokens > long.thresholdTokens ? 'longContext' : 'base';
}

function rate(rates: Rates | undefined, field: keyof Rates, band: PriceBand | undefined, why: string[]): number | undefined {
  if (rates === undefined) return undefined;
  const name = band === 'longContext' ? `longContext.${field}` : field;
  const value = rates[field];
  if (value === undefined) {
    why.push(`${name} unknown`);
    return undefined;
  }
  if (!isAmount(value)) {
    why.push(`${name} ${value} is not a non-negative number`);
    return undefined;
  }
  return value;
}

function isAmount(value: number): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
