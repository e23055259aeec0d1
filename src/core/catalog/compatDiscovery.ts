import type { ModelCatalog } from './modelCatalog';

/** How long a failed model discovery is not retried, so a dead local endpoint cannot slow every request. */
export const DISCOVERY_RETRY_MS = 60_000;

/**
 * An OpenAI-compatible endpoint's models are known only once it has been listed. `discover` lists the
 * available ones the catalog knows no models of yet, in parallel (each bounded by the provider check's
 * timeout), and not again within `DISCOVERY_RETRY_MS` of a try. Shared by Ask and the Quorum panel.
 */
export class CompatDiscovery {
  private readonly tried = new Map<string, number>();

  constructor(
    private readonly catalog: () => ModelCatalog,
    /** Lists a provider's models; the listing lands in the catalog (CatalogService.recordListing). */
    private readonly list: (providerId: string) => Promise<unknown>,
    private readonly now: () => number = Date.now,
  ) {}

  async discover(available: ReadonlySet<string>): Promise<void> {
    const catalog = this.catalog();
    const now = this.now();
    const pending = [...available].filter((id) => id.startsWith('compat:') && catalog.forProvider(id).length === 0
      && now - (this.tried.get(id) ?? -Infinity) > DISCOVERY_RETRY_MS);
    for (const id of pending) this.tried.set(id, now);
    await Promise.all(pending.map((id) => this.list(id)));
  }
}
