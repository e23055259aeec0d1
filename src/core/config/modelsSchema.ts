import { z } from 'zod';
import { MODEL_TIERS } from '../catalog/modelInfo';
import type { ModelTier } from '../catalog/modelInfo';

/**
 * Schema of one `quorum.models` entry: a model to add to the catalog, or the fields of a built-in entry
 * to override (matched by `provider` + `id`). Error texts are plain predicates ("must …", "is required")
 * that `validateSettings` prefixes with the field name and suffixes with what it does about them.
 */

/** Provider instance ids; identical to the manifest's `quorum.models[].provider` pattern. */
export const PROVIDER_ID_PATTERN = /^(openai|anthropic|gemini|compat:[a-z0-9][a-z0-9-]{0,31})$/;

/** A `quorum.models` entry after validation. Prices are USD per million tokens; limits are tokens. */
export interface UserModelEntry {
  /** `openai`, `anthropic`, `gemini` or `compat:<endpoint id>`. */
  readonly provider: string;
  /** Model id exactly as the API names it. */
  readonly id: string;
  readonly displayName?: string;
  /** USD per million uncached input tokens. */
  readonly inputPerMTok?: number;
  /** USD per million output tokens. */
  readonly outputPerMTok?: number;
  /** USD per million cached input tokens. */
  readonly cachedInputPerMTok?: number;
  /** USD per million cache-write tokens. */
  readonly cacheWritePerMTok?: number;
  /** Context window in tokens. */
  readonly contextWindow?: number;
  /** Largest output per request in tokens. */
  readonly maxOutputTokens?: number;
  readonly tier?: ModelTier;
  readonly capabilities?: {
    readonly vision?: boolean;
    readonly tools?: boolean;
    readonly json?: boolean;
    readonly reasoning?: boolean;
  };
  /** Hide this model from routing and pickers. */
  readonly disabled?: boolean;
}

const requiredText = (what: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? 'is required' : `must be text: ${what}`) });

const pricePerMTok = z
  .number({ error: 'must be a number of US dollars per million tokens' })
  .min(0, { error: 'must not be negative (US dollars per million tokens)' });

const tokenCount = z
  .number({ error: 'must be a whole number of tokens' })
  .int({ error: 'must be a whole number of tokens' })
  .min(1, { error: 'must be at least 1 token' });

const flag = z.boolean({ error: 'must be true or false' });

export const capabilitiesSchema = z.object(
  {
    vision: flag.optional(),
    tools: flag.optional(),
    json: flag.optional(),
    reasoning: flag.optional(),
  },
  { error: 'must be an object such as { "vision": true, "tools": false }' },
);

export const userModelEntrySchema = z.object(
  {
    provider: requiredText("'openai', 'anthropic', 'gemini' or 'compat:<endpoint id>'").regex(PROVIDER_ID_PATTERN, {
      error: "must be 'openai', 'anthropic', 'gemini' or 'compat:<endpoint id>' (for example 'compat:ollama')",
    }),
    id: requiredText('the model id as the API names it')
      .trim()
      .min(1, { error: 'must not be empty: give the model id as the API names it' }),
    displayName: z.string({ error: 'must be text' }).optional(),
    inputPerMTok: pricePerMTok.optional(),
    outputPerMTok: pricePerMTok.optional(),
    cachedInputPerMTok: pricePerMTok.optional(),
    cacheWritePerMTok: pricePerMTok.optional(),
    contextWindow: tokenCount.optional(),
    maxOutputTokens: tokenCount.optional(),
    tier: z.enum(MODEL_TIERS, { error: `must be one of ${MODEL_TIERS.map((t) => `'${t}'`).join(', ')}` }).optional(),
    capabilities: capabilitiesSchema.optional(),
    disabled: flag.optional(),
  },
  { error: 'must be an object with at least "provider" and "id"' },
);

/** Property names a `quorum.models` entry may have; any other is reported and ignored. */
export const USER_MODEL_ENTRY_KEYS: readonly string[] = Object.keys(userModelEntrySchema.shape);

/** Property names of `quorum.models[].capabilities`. */
export const CAPABILITY_KEYS: readonly string[] = Object.keys(capabilitiesSchema.shape);
