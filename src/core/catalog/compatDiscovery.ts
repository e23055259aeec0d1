/** How long a failed model listing is not retried, so a dead endpoint cannot slow every request. */
export const DISCOVERY_RETRY_MS = 60_000;

/**
 * A provider's served models are known only once it has been listed (OpenAI, Anthropic and Gemini: which
 * built-ins the account serves; an OpenAI-compatible endpoint: any model at all). `discover` lists the available
 * providers the catalog still waits on, in parallel (each bounded by the provider check's timeout), and not
 * again within `DISCOVERY_RETRY_MS` of a try. Listing spends no tokens and happens on first use, not at start-up,
 * so activation stays fast; until it lands (or when it fails) the catalog keeps the built-in models.
 * Shared by Ask, the Quorum panel and every other way in (through eligibility).
 */
export class CompatDiscovery {
  private readonly tried = new Map<string, number>();

  constructor(
    /** Whether a provider's models still wait for a listing (`CatalogService.needsListing`). */
    private readonly needsListing: (providerId: string) => boolean,
    /** Lists a provider's models; the outcome lands in the catalog (CatalogService.recordListing). */
    private readonly list: (providerId: string) => Promise<unknown>,
    private readonly now: () => number = Date.now,
  ) {}

  async discover(available: ReadonlySet<string>): Promise<void> {
    const now = this.now();
    const pending = [...available].filter((id) => this.needsListing(id) && now - (this.tried.get(id) ?? -Infinity) > DISCOVERY_RETRY_MS);
    for (const id of pending) this.tried.set(id, now);
    await Promise.all(pending.map((id) => this.list(id)));
  }
}
