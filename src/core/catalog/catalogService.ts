import type { UserModelEntry } from '../config/modelsSchema';
import type { CompatEndpoint } from '../config/settingsSchema';
import type { ModelRef, RemoteModel } from '../types';
import { builtinModels } from './builtinModels';
import { listedModelKind } from './listedModelKind';
import { buildCatalog, type DiscoveredModel, type ModelCatalog } from './modelCatalog';
import type { ModelInfo } from './modelInfo';
import { servedModels, type ProviderListing, type ServedModels } from './servedModels';

export interface CatalogServiceSources {
  readonly userEntries: readonly UserModelEntry[];
  readonly endpoints: readonly CompatEndpoint[];
}

/**
 * The live model catalog: what each provider serves, merged with what Quorum knows about it.
 * - OpenAI, Anthropic, Gemini: their listing decides which models are offered (`servedModels`): listed
 *   built-ins keep their prices and tiers, other listed chat models join with unknown prices, built-ins the
 *   listing does not name are withheld. Until a listing arrives (or when it fails) the built-ins stand in.
 * - OpenAI-compatible endpoints: the models in their settings, or their listing's chat models.
 * - Hosted models (VS Code's language models) and the user's `quorum.models` on top.
 * Rebuilt only when one of those inputs changed.
 */
export class CatalogService {
  private readonly listed = new Map<string, readonly RemoteModel[]>();
  /** The last listing outcome of each built-in vendor (`openai`, `anthropic`, `gemini`). */
  private readonly vendorListings = new Map<string, ProviderListing>();
  /** Models of providers built outside core (VS Code's language models), by provider id. */
  private readonly hosted = new Map<string, readonly ModelInfo[]>();
  private version = 0;
  private cache: { sources: CatalogServiceSources; version: number; catalog: ModelCatalog } | undefined;

  constructor(
    private readonly sources: () => CatalogServiceSources,
    private readonly builtin: readonly ModelInfo[] = builtinModels,
  ) {}

  /** Remembers what a provider listed; ignored for providers that are neither built-in vendors nor compatible endpoints. */
  recordListing(providerId: string, models: readonly RemoteModel[]): void {
    if (this.isVendor(providerId)) {
      const before = this.vendorListings.get(providerId);
      if (before?.state === 'listed' && sameIds(before.models, models)) return;
      this.vendorListings.set(providerId, { state: 'listed', models: [...models] });
      this.version++;
      return;
    }
    if (!providerId.startsWith('compat:')) return;
    const before = this.listed.get(providerId);
    if (before !== undefined && sameIds(before, models)) return;
    this.listed.set(providerId, [...models]);
    this.version++;
  }

  /**
   * A vendor's listing failed (unreachable, key rejected…): its built-in models stand in, and Show Providers
   * says why. A listing that succeeded before is kept — one failed check does not change what an account serves.
   */
  recordListingFailure(providerId: string, message: string | undefined): void {
    if (!this.isVendor(providerId) || this.vendorListings.get(providerId)?.state === 'listed') return;
    this.vendorListings.set(providerId, { state: 'failed', ...(message === undefined ? {} : { message }) });
    this.version++;
  }

  /** Whether a provider's models still wait for a listing: a vendor never listed, a compatible endpoint with no models. */
  needsListing(providerId: string): boolean {
    if (this.isVendor(providerId)) return this.vendorListings.get(providerId)?.state !== 'listed';
    return providerId.startsWith('compat:') && this.catalog().forProvider(providerId).length === 0;
  }

  /** A built-in vendor's offer (served, not served, non-chat), or `undefined` for other providers. */
  served(providerId: string): ServedModels | undefined {
    if (!this.isVendor(providerId)) return undefined;
    return servedModels(providerId, this.builtin.filter((m) => m.provider === providerId), this.vendorListings.get(providerId));
  }

  /**
   * Replaces the models of a provider described outside core (e.g. `vscodeLm`, from `vscode.lm.selectChatModels`);
   * `[]` removes them. They join as base entries, so a `quorum.models` entry may override their tier or disable them.
   */
  setHostedModels(providerId: string, models: readonly ModelInfo[]): void {
    const before = this.hosted.get(providerId) ?? [];
    const key = (m: ModelInfo): string => `${m.id}\n${m.displayName}\n${m.contextWindow ?? ''}`;
    if (before.length === models.length && before.every((m, i) => { const other = models[i]; return other !== undefined && key(m) === key(other); })) return;
    if (models.length === 0) this.hosted.delete(providerId);
    else this.hosted.set(providerId, [...models]);
    this.version++;
  }

  catalog(): ModelCatalog {
    const sources = this.sources();
    const hit = this.cache;
    if (hit && hit.version === this.version && hit.sources.userEntries === sources.userEntries && hit.sources.endpoints === sources.endpoints) {
      return hit.catalog;
    }
    const vendors = [...new Set(this.builtin.map((m) => m.provider))].map((id) => ({ id, served: this.served(id) }));
    const offered = vendors.flatMap(({ served }) => served?.models ?? []);
    const withheld: ModelRef[] = vendors.flatMap(({ id, served }) => [
      ...(served?.notServed ?? []).map((m) => ({ provider: id, model: m.id })),
      ...(served?.nonChat ?? []).map((m) => ({ provider: id, model: m.id })),
    ]);
    const builtin = [...offered, ...[...this.hosted.values()].flat()];
    const catalog = buildCatalog({ builtin, userEntries: sources.userEntries, discovered: this.discovered(sources.endpoints), withheld });
    this.cache = { sources, version: this.version, catalog };
    return catalog;
  }

  private isVendor(providerId: string): boolean {
    return this.builtin.some((m) => m.provider === providerId);
  }

  private discovered(endpoints: readonly CompatEndpoint[]): DiscoveredModel[] {
    const out: DiscoveredModel[] = [];
    for (const endpoint of endpoints) {
      // Models named in the endpoint's settings win over its listing: the user chose them.
      const models = endpoint.models.length > 0
        ? endpoint.models.map((id) => ({ id }))
        : (this.listed.get(endpoint.providerId) ?? []).filter((m) => listedModelKind(m) === 'chat');
      for (const model of models) out.push({ ...model, provider: endpoint.providerId });
    }
    return out;
  }
}

function sameIds(a: readonly RemoteModel[], b: readonly RemoteModel[]): boolean {
  return a.length === b.length && a.every((m, i) => m.id === b[i]?.id);
}
