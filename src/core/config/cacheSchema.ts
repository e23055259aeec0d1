import { z } from 'zod';

/**
 * The ways in whose answers the exact response cache may give, by ledger feature: Ask Best Model (`ask`), the
 * code actions (`codeAction`) and `@quorum` in chat (`chat`). Compare and Vote are never cached: they exist to
 * get fresh answers from several models.
 */
export const EXACT_CACHE_FEATURES = ['ask', 'codeAction', 'chat'] as const;
export type ExactCacheFeature = (typeof EXACT_CACHE_FEATURES)[number];

/** `quorum.cache.exact`: `{ "ask": true, "codeAction": false }`; a feature left out is off. */
export type ExactCacheSetting = Readonly<Partial<Record<ExactCacheFeature, boolean>>>;

const featureList = EXACT_CACHE_FEATURES.map((f) => `"${f}"`).join(', ');

export const exactCacheSchema = z
  .strictObject(
    Object.fromEntries(EXACT_CACHE_FEATURES.map((f) => [f, z.boolean({ error: `"${f}" must be true or false` }).optional()])) as Record<ExactCacheFeature, z.ZodOptional<z.ZodBoolean>>,
    {
      error: (issue) => issue.code === 'unrecognized_keys'
        ? `has unknown feature ${issue.keys.map((k) => `"${k}"`).join(', ')}: the features are ${featureList}`
        : `must be an object such as { "ask": true } (features: ${featureList})`,
    },
  )
  .default({});
