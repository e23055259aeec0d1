import type { ModelRef, RemoteModel } from '../types';
import type { UserModelEntry } from '../config/modelsSchema';
import { NO_CAPABILITIES } from './modelInfo';
import type { ModelCapabilities, ModelInfo, ModelPricing } from './modelInfo';

/** A model id an endpoint listed (e.g. OpenAI-compatible `/v1/models`), tagged with the provider instance. */
export interface DiscoveredModel extends RemoteModel {
  /** Provider instance id: `openai`, `anthropic`, `gemini` or `compat:<endpoint id>`. */
  readonly provider: string;
}

export interface CatalogSources {
  /** Models shipped with Quorum (`builtinModels`). */
  readonly builtin: readonly ModelInfo[];
  /** Validated `quorum.models` entries, in settings order; later entries win where they set the same field. */
  readonly userEntries: readonly UserModelEntry[];
  /** Models the endpoints listed. */
  readonly discovered: readonly DiscoveredModel[];
  /**
   * Models the provider's listing rules out (built-ins it does not serve, non-chat models): a `quorum.models`
   * entry naming one does not bring it back.
   */
  readonly withheld?: readonly ModelRef[];
}

/** An immutable set of models, looked up by provider instance + model id. */
export interface ModelCatalog {
  /** Every model, disabled ones included: built-ins, then user-added, then discovered. */
  all(): readonly ModelInfo[];
  /** Models that are not disabled, in the same order. */
  enabled(): readonly ModelInfo[];
  get(ref: ModelRef): ModelInfo | undefined;
  /** Every model of one provider instance (e.g. `compat:ollama`), disabled ones included. */
  forProvider(providerId: string): readonly ModelInfo[];
}

const EMPTY: readonly ModelInfo[] = Object.freeze([]);

const PRICE_FIELDS = ['inputPerMTok', 'outputPerMTok', 'cachedInputPerMTok', 'cacheWritePerMTok'] as const;

/**
 * Merges the three sources into one catalog. Pure: the inputs are not modified and the result is frozen.
 * - A user entry for a model already present changes only the fields it sets (a partial override). If it
 *   sets any price, `pricesCheckedOn` is dropped: that date vouches for Quorum's prices, not the user's.
 * - A user entry for an unknown model adds it as `source: 'user'`: unset prices stay unknown, the tier is
 *   `standard`, capabilities are all false, and the name is the endpoint's display name or the id.
 * - A discovered model nobody describes is added as `source: 'discovered'` with unknown prices.
 * - `disabled: true` keeps the model in `all()` but flags it and leaves it out of `enabled()`.
 * - A user entry for a `withheld` model is ignored: the provider does not serve it as a chat model.
 */
export function buildCatalog(sources: CatalogSources): ModelCatalog {
  const byKey = new Map<string, ModelInfo>();
  const discoveredByKey = new Map<string, DiscoveredModel>();
  for (const model of sources.discovered) discoveredByKey.set(keyOf(model.provider, model.id), model);

  for (const model of sources.builtin) byKey.set(keyOf(model.provider, model.id), model);
  const withheld = new Set((sources.withheld ?? []).map((ref) => keyOf(ref.provider, ref.model)));
  for (const entry of sources.userEntries) {
    const key = keyOf(entry.provider, entry.id);
    if (withheld.has(key)) continue;
    const base = byKey.get(key) ?? newUserModel(entry, discoveredByKey.get(key));
    byKey.set(key, applyEntry(base, entry));
  }
  for (const [key, model] of discoveredByKey) {
    if (!byKey.has(key)) byKey.set(key, discoveredModel(model));
  }

  const all = Object.freeze([...byKey.values()].map(freezeModel));
  const frozenByKey = new Map(all.map((model) => [keyOf(model.provider, model.id), model]));
  const enabled = Object.freeze(all.filter((model) => model.disabled !== true));
  const grouped = new Map<string, ModelInfo[]>();
  for (const model of all) grouped.set(model.provider, [...(grouped.get(model.provider) ?? []), model]);
  const byProvider = new Map([...grouped].map(([provider, models]) => [provider, Object.freeze(models)] as const));

  return Object.freeze({
    all: () => all,
    enabled: () => enabled,
    get: (ref: ModelRef) => frozenByKey.get(keyOf(ref.provider, ref.model)),
    forProvider: (providerId: string) => byProvider.get(providerId) ?? EMPTY,
  });
}

function keyOf(provider: string, id: string): string {
  // A newline cannot occur in a provider id, so the key is unambiguous for any model id.
  return `${provider}\n${id}`;
}

function newUserModel(entry: UserModelEntry, discovered: DiscoveredModel | undefined): ModelInfo {
  return {
    provider: entry.provider,
    id: entry.id,
    displayName: discovered?.displayName ?? entry.id,
    pricing: {},
    capabilities: NO_CAPABILITIES,
    tier: 'standard',
    source: 'user',
  };
}

function discoveredModel(model: DiscoveredModel): ModelInfo {
  return {
    provider: model.provider,
    id: model.id,
    displayName: model.displayName ?? model.id,
    pricing: {},
    capabilities: NO_CAPABILITIES,
    tier: 'standard',
    source: 'discovered',
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The base model with exactly the fields the entry sets replaced. */
function applyEntry(base: ModelInfo, entry: UserModelEntry): ModelInfo {
  const pricing: Mutable<ModelPricing> = { ...base.pricing };
  let pricesChanged = false;
  for (const field of PRICE_FIELDS) {
    const price = entry[field];
    if (price === undefined) continue;
    pricing[field] = price;
    pricesChanged = true;
  }
  const capabilities: ModelCapabilities = {
    vision: entry.capabilities?.vision ?? base.capabilities.vision,
    tools: entry.capabilities?.tools ?? base.capabilities.tools,
    json: entry.capabilities?.json ?? base.capabilities.json,
    reasoning: entry.capabilities?.reasoning ?? base.capabilities.reasoning,
  };
  // Optional fields are set only when known, so "unknown" stays an absent key rather than `undefined`.
  const merged: Mutable<ModelInfo> = {
    provider: base.provider,
    id: base.id,
    displayName: entry.displayName ?? base.displayName,
    pricing,
    capabilities,
    tier: entry.tier ?? base.tier,
    source: base.source,
  };
  const contextWindow = entry.contextWindow ?? base.contextWindow;
  if (contextWindow !== undefined) merged.contextWindow = contextWindow;
  const maxOutputTokens = entry.maxOutputTokens ?? base.maxOutputTokens;
  if (maxOutputTokens !== undefined) merged.maxOutputTokens = maxOutputTokens;
  if (base.pricesCheckedOn !== undefined && !pricesChanged) merged.pricesCheckedOn = base.pricesCheckedOn;
  const disabled = entry.disabled ?? base.disabled;
  if (disabled !== undefined) merged.disabled = disabled;
  return merged;
}

function freezeModel(model: ModelInfo): ModelInfo {
  return Object.freeze({
    ...model,
    pricing: Object.freeze({ ...model.pricing }),
    capabilities: Object.freeze({ ...model.capabilities }),
  });
}
