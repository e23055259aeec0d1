import type { UserModelEntry } from '../config/modelsSchema';
import type { CompatEndpoint } from '../config/settingsSchema';
import type { RemoteModel } from '../types';
import { builtinModels } from './builtinModels';
import { buildCatalog, type DiscoveredModel, type ModelCatalog } from './modelCatalog';
import type { ModelInfo } from './modelInfo';

export interface CatalogServiceSources {
  readonly userEntries: readonly UserModelEntry[];
  readonly endpoints: readonly CompatEndpoint[];
}

/**
 * The live model catalog: built-ins, the user's `quorum.models`, and the models OpenAI-compatible
 * endpoints serve (listed in their settings, or discovered from `/models`). Rebuilt only when one of
 * those inputs changed. Listings of OpenAI, Anthropic and Gemini are not added: they name hundreds of
 * models Quorum knows nothing about (no prices, no capabilities), which the router could not judge.
 */
export class CatalogService {
  private readonly listed = new Map<string, readonly RemoteModel[]>();
  /** Models of providers built outside core (VS Code's language models), by provider id. */
  private readonly hosted = new Map<string, readonly ModelInfo[]>();
  private version = 0;
  private cache: { sources: CatalogServiceSources; version: number; catalog: ModelCatalog } | undefined;

  constructor(
    private readonly sources: () => CatalogServiceSources,
    private readonly builtin: readonly ModelInfo[] = builtinModels,
  ) {}

  /** Remembers what an endpoint listed; ignored for anything but OpenAI-compatible endpoints. */
  recordListing(providerId: string, models: readonly RemoteModel[]): void {
    if (!providerId.startsWith('compat:')) return;
    const before = this.listed.get(providerId);
    if (before !== undefined && sameIds(before, models)) return;
    this.listed.set(providerId, [...models]);
    this.version++;
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
    const builtin = this.hosted.size === 0 ? this.builtin : [...this.builtin, ...[...this.hosted.values()].flat()];
    const catalog = buildCatalog({ builtin, userEntries: sources.userEntries, discovered: this.discovered(sources.endpoints) });
    this.cache = { sources, version: this.version, catalog };
    return catalog;
  }

  private discovered(endpoints: readonly CompatEndpoint[]): DiscoveredModel[] {
    const out: DiscoveredModel[] = [];
    for (const endpoint of endpoints) {
      // Models named in the endpoint's settings win over its listing: the user chose them.
      const models = endpoint.models.length > 0
        ? endpoint.models.map((id) => ({ id }))
        : this.listed.get(endpoint.providerId) ?? [];
      for (const model of models) out.push({ ...model, provider: endpoint.providerId });
    }
    return out;
  }
}

function sameIds(a: readonly RemoteModel[], b: readonly RemoteModel[]): boolean {
  return a.length === b.length && a.every((m, i) => m.id === b[i]?.id);
}
