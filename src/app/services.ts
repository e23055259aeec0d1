import { CatalogService } from '../core/catalog/catalogService';
import { CompatDiscovery } from '../core/catalog/compatDiscovery';
import type { ModelCatalog } from '../core/catalog/modelCatalog';
import type { QuorumSettings } from '../core/config/settingsSchema';
import type { ProviderError } from '../core/errors';
import { KeyOrigins, type KeyOriginConsent } from '../core/keys/keyOrigins';
import type { SecretRedactor } from '../core/keys/secretRedactor';
import type { Clock, Logger, SecretStore } from '../core/ports';
import type { Provider } from '../core/providers/provider';
import { describeProviders } from '../core/providers/providerDescriptor';
import { ProviderService } from '../core/providers/providerService';
import { abortableSleep } from '../core/resilience/backoff';
import { BreakerRegistry } from '../core/resilience/breaker';
import { FallbackRunner } from '../core/resilience/fallbackRunner';
import { HealthMonitor } from '../core/resilience/health';
import { EventLoopLag } from '../core/resilience/loopLag';

/**
 * The vscode-free services of one activation, built once by `createServices` and shared by every feature.
 * A consumer takes `Pick<Services, …>` of what it uses, so its dependencies show in its signature.
 *
 * This layer may not import `vscode`, so what needs it — secret storage, the settings watcher, the log
 * channel, the spend ledger service and the status bar — is built in src/vscode/extensionServices.ts,
 * which passes the ports below in and extends this record with those adapters.
 */
export interface Services {
  /** Redacted: a key never reaches the log. */
  readonly logger: Logger;
  /** The validated settings now; read on every call, so a change applies at once. */
  readonly settings: () => QuorumSettings;
  /** Built-ins, `quorum.models`, endpoint listings and hosted models. */
  readonly catalogService: CatalogService;
  /** The catalog now (`catalogService.catalog()`), in the shape most consumers take. */
  readonly catalog: () => ModelCatalog;
  readonly providers: ProviderService;
  readonly breakers: BreakerRegistry;
  readonly health: HealthMonitor;
  /** The one fallback runner: retries, failover, breakers and health around `Provider.stream`. */
  readonly runner: FallbackRunner;
  /** Lists each available provider's models on first use, so the catalog offers what is served. */
  readonly discovery: CompatDiscovery;
}

/** What the host gives `createServices`. */
export interface ServicePorts {
  readonly secrets: SecretStore;
  readonly redactor: SecretRedactor;
  readonly logger: Logger;
  readonly settings: () => QuorumSettings;
  /** Providers the host builds that need no key (VS Code's language models); read on every call. */
  readonly hostedProviders: () => readonly Provider[];
  /** A key or model was rejected mid-request (the runner already failed over): tell the user how to fix it. */
  readonly onMisconfigured: (error: ProviderError) => void;
  readonly clock: Clock;
  /** Asks before a stored key goes to an origin it was not stored for; none = keys are not bound (tests). */
  readonly keyOriginConsent?: KeyOriginConsent;
}

/** Builds the services record: catalog, providers, breakers, health, the runner and discovery, wired to each other. */
export function createServices(ports: ServicePorts): Services {
  const { logger, settings, clock } = ports;
  const catalogService = new CatalogService(() => ({
    userEntries: settings().models,
    endpoints: settings().providers.openaiCompatible,
  }));
  const catalog = (): ModelCatalog => catalogService.catalog();
  const providers = new ProviderService(ports.secrets, ports.redactor, () => ({
    descriptors: describeProviders(settings().providers),
    timeouts: settings().timeouts,
    checkTimeoutMs: settings().providerCheckTimeoutMs,
  }), logger, (id, check) => {
    if (check.status === 'ready') catalogService.recordListing(id, check.models);
    else if (check.status !== 'noKey') catalogService.recordListingFailure(id, check.message);
  }, ports.hostedProviders,
  ports.keyOriginConsent === undefined ? undefined : new KeyOrigins(ports.secrets, ports.keyOriginConsent));
  const breakers = new BreakerRegistry(clock);
  const health = new HealthMonitor({ clock, breakers, logger });
  const runner = new FallbackRunner({
    getProvider: (id) => providers.provider(id),
    breakers,
    health,
    clock,
    sleep: abortableSleep,
    random: Math.random,
    logger,
    contextWindowOf: (ref) => catalog().get(ref)?.contextWindow,
    onMisconfigured: (_ref, error) => ports.onMisconfigured(error),
    // Timeouts while this process is saturated are not the provider's fault (loopLag.ts).
    loopLag: new EventLoopLag().start(),
  });
  const discovery = new CompatDiscovery((id) => catalogService.needsListing(id), (id) => providers.check(id));
  return { logger, settings, catalogService, catalog, providers, breakers, health, runner, discovery };
}
