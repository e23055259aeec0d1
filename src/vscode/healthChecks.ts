import type * as vscode from 'vscode';
import { cheapestModel } from '../core/catalog/cheapestModel';
import type { ModelCatalog } from '../core/catalog/modelCatalog';
import type { QuorumSettings } from '../core/config/settingsSchema';
import type { ProviderService } from '../core/providers/providerService';
import type { HealthMonitor } from '../core/resilience/health';
import { createHealthProbe } from '../core/resilience/healthProbe';

export interface HealthCheckDeps {
  readonly health: HealthMonitor;
  readonly providers: ProviderService;
  readonly catalog: () => ModelCatalog;
  readonly settings: () => QuorumSettings;
}

/**
 * Runs the optional active health checks (`quorum.health.activeChecks`, off by default) with the cheapest
 * model of each provider that has a key. Call `apply()` at start and after settings or keys change.
 */
export class HealthChecks implements vscode.Disposable {
  private checked: readonly string[] = [];

  constructor(private readonly deps: HealthCheckDeps) {}

  async apply(): Promise<void> {
    const { activeChecks, intervalMs } = this.deps.settings().health;
    if (!activeChecks) {
      this.deps.health.stopActiveChecks();
      return;
    }
    const ids: string[] = [];
    for (const d of this.deps.providers.descriptors()) if (await this.deps.providers.keyState(d) !== 'missing') ids.push(d.id);
    this.checked = ids;
    this.deps.health.startActiveChecks({
      intervalMs,
      providers: () => this.checked,
      probe: createHealthProbe({
        getProvider: (id) => this.deps.providers.provider(id),
        cheapestModel: (id) => cheapestModel(this.deps.catalog(), [id])?.model,
      }),
    });
  }

  dispose(): void {
    this.deps.health.stopActiveChecks();
  }
}
