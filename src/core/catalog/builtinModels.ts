import type { ModelCapabilities, ModelInfo } from './modelInfo';

/**
 * Models Quorum knows without any configuration: the current flagship, mid and budget model of each vendor.
 *
 * Prices are USD per million tokens at the vendor's standard (non-batch, non-priority) rate for prompts in
 * the base length band; limits are tokens. A number we could not confirm from a source is left out
 * (`undefined` = unknown), never guessed. Users can correct or complete any entry with `quorum.models`
 * (base rates only: `longContext` and `batchMultiplier` are not user-settable, so a user who overrides a
 * base rate keeps the long-prompt rates below).
 *
 * Long-prompt surcharges (`longContext`; the whole request is billed at the higher rates):
 * - OpenAI GPT-6.x bills 2x input/cache and 1.5x output for the whole request above 272K input tokens
 *   ("cache" read as both cache rates: reads and writes are doubled);
 * - Gemini 3.1 Pro bills $4 / $18 above 200K (its long-prompt cache-read rate was not confirmed, so it stays
 *   unknown);
 * - Claude Haiku 5.5 bills $0.50 / $2.50 (cache write $0.625, cache read $0.05) when the prompt exceeds 100K tokens.
 * Batch APIs: all three vendors bill batch requests at half the standard rate (`batchMultiplier: 0.5`), for every
 * model listed here, and a batch record is priced with it (`priceCall(…, { batch: true })`). Sources:
 * - OpenAI: https://platform.openai.com/docs/guides/batch ("50% cost discount compared to synchronous APIs") and the
 *   "Batch" column of https://developers.openai.com/api/docs/pricing;
 * - Anthropic: https://platform.claude.com/docs/en/build-with-claude/batch-processing ("all usage is charged at 50%
 *   of the standard API prices") and the "Batch processing" table of the pricing page above;
 * - Gemini: https://ai.google.dev/gemini-api/docs/batch-mode ("at 50% of the standard cost") and the "Batch" rows
 *   of https://ai.google.dev/gemini-api/docs/pricing.
 *
 * Not modelled here: longer cache retention (OpenAI 12-hour writes, Anthropic 1-hour writes) and Gemini's
 * per-hour cache storage.
 */

/** Text + image in, tools, structured output and reasoning: true of every current flagship-family model. */
const FULL: ModelCapabilities = { vision: true, tools: true, json: true, reasoning: true };

const CHECKED_ON = '2026-11-21';

/** OpenAI GPT-6.x: more than 272K input tokens bills the whole request at 2x input/cache and 1.5x output. */
const OPENAI_LONG_PROMPT_TOKENS = 272_000;

/** Every built-in vendor's batch API bills half the standard rate. */
const BATCH_HALF_PRICE = 0.5;

export const builtinModels: readonly ModelInfo[] = [
  // OpenAI. Sources: model pages https://developers.openai.com/api/docs/models/gpt-6.2-sol and
  // /gpt-6-luna (input, cached input, 30-minute cache write, output, window, max output), and
  // https://developers.openai.com/api/docs/pricing as quoted in LiteLLM's GPT-6.2 launch notes
  // (github.com/BerriAI/litellm/discussions/52347) for gpt-6.2-astra ($8 / $40, released 2026-11-17).
  // gpt-6.2-astra's cached-input and cache-write rates were not confirmed from a source, so they stay unknown.
  {
    provider: 'openai',
    id: 'gpt-6.2-astra',
    displayName: 'GPT-6.2 Astra',
    pricing: {
      inputPerMTok: 8,
      outputPerMTok: 40,
      longContext: { thresholdTokens: OPENAI_LONG_PROMPT_TOKENS, inputPerMTok: 16, outputPerMTok: 60 },
      batchMultiplier: BATCH_HALF_PRICE,
    },
    contextWindow: 1_050_000,
    maxOutputTokens: 128_000,
    capabilities: FULL,
    tier: 'premium',
    pricesCheckedOn: CHECKED_ON,
    source: 'builtin',
  },
  {
    provider: 'openai',
    id: 'gpt-6.2-sol',
    displayName: 'GPT-6.2 Sol',
    pricing: {
      inputPerMTok: 2,
      outputPerMTok: 10,
      cachedInputPerMTok: 0.1,
      cacheWritePerMTok: 2.5,
      longContext: { thresholdTokens: OPENAI_LONG_PROMPT_TOKENS, inputPerMTok: 4, outputPerMTok: 15, cachedInputPerMTok: 0.2, cacheWritePerMTok: 5 },
      batchMultiplier: BATCH_HALF_PRICE,
    },
    contextWindow: 1_050_000,
    maxOutputTokens: 128_000,
    capabilities: FULL,
    tier: 'standard',
    pricesCheckedOn: CHECKED_ON,
    source: 'builtin',
  },
  {
    provider: 'openai',
    id: 'gpt-6-luna',
    displayName: 'GPT-6 Luna',
    pricing: {
      inputPerMTok: 0.1,
      outputPerMTok: 0.5,
      cachedInputPerMTok: 0.01,
      cacheWritePerMTok: 0.125,
      longContext: { thresholdTokens: OPENAI_LONG_PROMPT_TOKENS, inputPerMTok: 0.2, outputPerMTok: 0.75, cachedInputPerMTok: 0.02, cacheWritePerMTok: 0.25 },
      batchMultiplier: BATCH_HALF_PRICE,
    },
    contextWindow: 1_050_000,
    maxOutputTokens: 128_000,
    capabilities: FULL,
    tier: 'budget',
    pricesCheckedOn: CHECKED_ON,
    source: 'builtin',
  },

  // Anthropic. Source: https://platform.claude.com/docs/en/about-claude/pricing ("Model pricing": base input,
  // 5-minute cache write, cache hit, output) and the model pages under https://platform.claude.com/docs/en/models/
  // (1M context, 128K max output). Opus 5.5, Sonnet 5.5 and Haiku 5.5 rows as re-checked against that page on
  // 2026-10-24 by github.com/kurofune/claudit v1.9.2, including the 2026-10-07 cut of Sonnet 5.5 cache reads
  // from $0.20 to $0.10.
  {
    provider: 'anthropic',
    id: 'claude-fable-5-1',
    displayName: 'Claude Fable 5.1',
    pricing: { inputPerMTok: 10, outputPerMTok: 50, cachedInputPerMTok: 0.25, cacheWritePerMTok: 12.5, batchMultiplier: BATCH_HALF_PRICE },
    contextWindow: 1_000_000,
    maxOutputTokens: 128_000,
    capabilities: FULL,
    tier: 'premium',
    pricesCheckedOn: CHECKED_ON,
    source: 'builtin',
  },
  {
    provider: 'anthropic',
    id: 'claude-opus-5-5',
    displayName: 'Claude Opus 5.5',
    pricing: { inputPerMTok: 4, outputPerMTok: 20, cachedInputPerMTok: 0.2, cacheWritePerMTok: 5, batchMultiplier: BATCH_HALF_PRICE },
    contextWindow: 1_000_000,
    maxOutputTokens: 128_000,
    capabilities: FULL,
    tier: 'premium',
    pricesCheckedOn: CHECKED_ON,
    source: 'builtin',
  },
  {
    provider: 'anthropic',
    id: 'claude-sonnet-5-5',
    displayName: 'Claude Sonnet 5.5',
    pricing: { inputPerMTok: 2, outputPerMTok: 10, cachedInputPerMTok: 0.1, cacheWritePerMTok: 2.5, batchMultiplier: BATCH_HALF_PRICE },
    contextWindow: 1_000_000,
    maxOutputTokens: 128_000,
    capabilities: FULL,
    tier: 'standard',
    pricesCheckedOn: CHECKED_ON,
    source: 'builtin',
  },
  {
    // Base rates for prompts up to 100K tokens; see the long-prompt note at the top of this file.
    provider: 'anthropic',
    id: 'claude-haiku-5-5',
    displayName: 'Claude Haiku 5.5',
    pricing: {
      inputPerMTok: 0.1,
      outputPerMTok: 0.5,
      cachedInputPerMTok: 0.01,
      cacheWritePerMTok: 0.125,
      longContext: { thresholdTokens: 100_000, inputPerMTok: 0.5, outputPerMTok: 2.5, cachedInputPerMTok: 0.05, cacheWritePerMTok: 0.625 },
      batchMultiplier: BATCH_HALF_PRICE,
    },
    contextWindow: 1_000_000,
    maxOutputTokens: 128_000,
    capabilities: FULL,
    tier: 'budget',
    pricesCheckedOn: CHECKED_ON,
    source: 'builtin',
  },

  // Google Gemini. Source: https://ai.google.dev/gemini-api/docs/pricing (paid tier, text input), input/output
  // rates as transcribed verbatim on 2026-10-07 by github.com/api-evangelist/deepmind (plans/deepmind-plans-pricing.yml);
  // cached-input rates and token limits (1,048,576 input / 65,536 output) as published on the model pages under
  // https://ai.google.dev/gemini-api/docs/models/ and repeated by gateways listing Google's rates (APIYI, Sim).
  // Gemini sells no per-token cache write (explicit caches bill storage per hour), so that rate stays unknown.
  {
    // Base rates for prompts up to 200K tokens; see the long-prompt note at the top of this file.
    provider: 'gemini',
    id: 'gemini-3.1-pro-preview',
    displayName: 'Gemini 3.1 Pro (preview)',
    pricing: {
      inputPerMTok: 2,
      outputPerMTok: 12,
      cachedInputPerMTok: 0.2,
      longContext: { thresholdTokens: 200_000, inputPerMTok: 4, outputPerMTok: 18 },
      batchMultiplier: BATCH_HALF_PRICE,
    },
    contextWindow: 1_048_576,
    maxOutputTokens: 65_536,
    capabilities: FULL,
    tier: 'premium',
    pricesCheckedOn: CHECKED_ON,
    source: 'builtin',
  },
  {
    // Promotional rate through 2026-12-31; Google lists $1.50 / $7.50 from 2027-01-01.
    provider: 'gemini',
    id: 'gemini-3.8-flash',
    displayName: 'Gemini 3.8 Flash',
    pricing: { inputPerMTok: 0.75, outputPerMTok: 3.75, cachedInputPerMTok: 0.075, batchMultiplier: BATCH_HALF_PRICE },
    contextWindow: 1_048_576,
    maxOutputTokens: 65_536,
    capabilities: FULL,
    tier: 'standard',
    pricesCheckedOn: CHECKED_ON,
    source: 'builtin',
  },
  {
    provider: 'gemini',
    id: 'gemini-3.5-flash-lite',
    displayName: 'Gemini 3.5 Flash-Lite',
    pricing: { inputPerMTok: 0.3, outputPerMTok: 2.5, cachedInputPerMTok: 0.03, batchMultiplier: BATCH_HALF_PRICE },
    contextWindow: 1_048_576,
    maxOutputTokens: 65_536,
    capabilities: FULL,
    tier: 'budget',
    pricesCheckedOn: CHECKED_ON,
    source: 'builtin',
  },
];
