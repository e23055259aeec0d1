import { createAskEngine } from '../app/askEngine';
import { createBudgetGate } from '../app/budgetGate';
import { createEligibility } from '../app/eligibility';
import { columnEngine } from '../app/ensemble/columnEngine';
import { createRequestService, type RequestService } from '../app/requestService';
import { createServices, type Services } from '../app/services';
import type { QuorumSettings } from '../core/config/settingsSchema';
import { validateSettings } from '../core/config/validateSettings';
import { budgetStatus } from '../core/cost/budget';
import type { LedgerDraft } from '../core/cost/ledger';
import { providerIdOfSecret } from '../core/keys/secretNames';
import { SecretRedactor } from '../core/keys/secretRedactor';
import { endpointOrigin } from '../core/privacy/endpointOrigin';
import { silentLogger, systemClock, type SecretStore } from '../core/ports';

/** Environment variable of each vendor's key and base URL (base URLs let CI point the CLI at the fakes). */
export const VENDOR_ENV = {
  openai: { key: 'OPENAI_API_KEY', baseUrl: 'OPENAI_BASE_URL' },
  anthropic: { key: 'ANTHROPIC_API_KEY', baseUrl: 'ANTHROPIC_BASE_URL' },
  gemini: { key: 'GEMINI_API_KEY', baseUrl: 'GEMINI_BASE_URL' },
} as const;

export type Environment = Readonly<Record<string, string | undefined>>;

/** The request path the CLI runs on, with what it spent. */
export interface CliRequestPath {
  readonly requests: RequestService;
  readonly services: Services;
  /** Every call the path recorded (the CLI keeps no ledger file). */
  readonly records: readonly LedgerDraft[];
}

/**
 * Builds the same request path as the extension (src/vscode/requestParts.ts) under plain Node: keys from the
 * environment (bound to the base URLs set beside them, so no origin consent is asked), settings at their defaults
 * but for the vendors' base URLs, secrets in prompts redacted, a ledger in memory, and a budget whose only cap is
 * the run's `--max-usd` (refusing, never asking: there is nobody to ask in CI).
 */
export function cliRequestPath(env: Environment, maxUsd: number | undefined): CliRequestPath {
  const settings = cliSettings(env);
  const secrets: SecretStore = {
    get: async (name) => {
      const id = providerIdOfSecret(name);
      return id !== undefined && id in VENDOR_ENV ? nonEmpty(env[VENDOR_ENV[id as keyof typeof VENDOR_ENV].key]) : undefined;
    },
    store: async () => undefined,
    delete: async () => undefined,
  };
  const redactor = new SecretRedactor();
  for (const vendor of Object.values(VENDOR_ENV)) redactor.add(env[vendor.key]);
  const services = createServices({
    secrets, redactor, logger: silentLogger, settings: () => settings, hostedProviders: () => [], onMisconfigured: () => undefined, clock: systemClock,
  });
  const records: LedgerDraft[] = [];
  const spent = (): number => records.reduce((sum, r) => sum + (r.costUsd ?? 0), 0);
  const unpriced = (): number => records.filter((r) => r.costUsd === undefined).length;
  const budget = createBudgetGate({
    ready: async () => undefined,
    status: () => budgetStatus({ dailyUsd: maxUsd ?? 0 }, { day: { costUsd: spent(), unpricedCalls: unpriced() }, month: { costUsd: 0, unpricedCalls: 0 } }),
    settings: () => ({ onExceed: 'block', stopStreamingAtCap: maxUsd !== undefined }),
    confirm: async () => false,
    blocked: () => undefined,
    stopped: () => undefined,
  });
  const eligibility = createEligibility({
    catalog: services.catalog, settings: () => settings,
    availableProviders: () => services.providers.availableIds(), localProviders: () => new Set<string>(),
    availability: (ref) => services.runner.availability.of(ref), discover: (available) => services.discovery.discover(available),
  });
  const requests = createRequestService({
    engine: createAskEngine({ ...services, eligibility }),
    fanOut: { engine: columnEngine(services.runner, () => settings), clock: systemClock, pricingOf: (ref) => services.catalog().get(ref)?.pricing },
    catalog: services.catalog,
    budget,
    record: (draft) => void records.push(draft),
    // Secrets in prompts and attached files are redacted as in the editor; the CLI keeps no data-sent log.
    privacy: {
      secretsMode: () => settings.privacy.secrets ?? 'redact',
      record: () => undefined,
      originOf: (id) => {
        const descriptor = services.providers.descriptors().find((d) => d.id === id);
        return descriptor === undefined ? undefined : endpointOrigin(descriptor);
      },
    },
  });
  return { requests, services, records };
}

function cliSettings(env: Environment): QuorumSettings {
  const raw: Record<string, unknown> = {};
  for (const [vendor, names] of Object.entries(VENDOR_ENV)) {
    const url = nonEmpty(env[names.baseUrl]);
    if (url !== undefined) raw[`quorum.providers.${vendor}.baseUrl`] = url;
  }
  return validateSettings((key) => raw[key]).value;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
