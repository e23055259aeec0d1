import type { KeyOrigins } from '../keys/keyOrigins';
import { apiKeySecretName } from '../keys/secretNames';
import type { SecretRedactor } from '../keys/secretRedactor';
import type { Logger, SecretStore } from '../ports';
import type { Provider, StreamTimeouts } from './provider';
import { checkProvider, type ProviderCheck } from './providerCheck';
import { guardedProvider, refusingProvider } from './guardedProvider';
import { endpointOrigin, type ProviderDescriptor } from './providerDescriptor';
import { loadProvider } from './providerFactory';
import { cleanProviderText } from './providerText';
import type { BatchClient } from './batchClient';
import { loadBatchClient } from './batchClientFactory';

export type KeyState = 'set' | 'missing' | 'notRequired';

/** The part of the settings this service reads; re-read on every call so setting changes apply at once. */
export interface ProviderServiceSettings {
  readonly descriptors: readonly ProviderDescriptor[];
  readonly timeouts: StreamTimeouts;
  readonly checkTimeoutMs: number;
}

/**
 * Owns the configured providers: which exist, whether each has a key, and their adapters (built lazily,
 * cached until a key or setting changes). Keys are read from the secret store only, and every key it
 * sees is registered with the redactor before anything else can print it.
 */
export class ProviderService {
  private readonly cache = new Map<string, Promise<Provider | undefined>>();

  constructor(
    private readonly secrets: SecretStore,
    private readonly redactor: SecretRedactor,
    private readonly settings: () => ProviderServiceSettings,
    private readonly logger: Logger,
    /** Told each check's outcome (what the provider lists, or why it could not), so the catalog offers what is served. */
    private readonly onChecked?: (providerId: string, check: ProviderCheck) => void,
    /**
     * Providers built outside core that need no key and have no descriptor — VS Code's language models
     * (`vscodeLm`) while `quorum.providers.vscodeLm` is on. Read on every call; `[]` when there are none.
     * They are available for routing and requests, but not listed in `descriptors()`, so background work
     * that walks the descriptors (active health checks) never sends them a request.
     */
    private readonly hosted: () => readonly Provider[] = () => [],
    /** Binds each stored key to its origins and asks before a key goes anywhere new; none = no binding (tests). */
    private readonly keyOrigins?: KeyOrigins,
  ) {}

  descriptors(): readonly ProviderDescriptor[] {
    return this.settings().descriptors;
  }

  descriptor(id: string): ProviderDescriptor | undefined {
    return this.descriptors().find((d) => d.id === id);
  }

  async keyState(descriptor: ProviderDescriptor): Promise<KeyState> {
    const key = await this.readKey(descriptor.id);
    if (key !== undefined) return 'set';
    return descriptor.requiresKey ? 'missing' : 'notRequired';
  }

  /** Ids of the providers that can take requests now: they have a key, or need none. */
  async availableIds(): Promise<Set<string>> {
    const available = new Set<string>();
    for (const d of this.descriptors()) if (await this.keyState(d) !== 'missing') available.add(d.id);
    for (const p of this.hosted()) available.add(p.id);
    return available;
  }

  /** The adapter for a provider, or undefined when it needs a key and has none. */
  provider(id: string): Promise<Provider | undefined> {
    const hosted = this.hosted().find((p) => p.id === id);
    if (hosted !== undefined) return Promise.resolve(hosted);
    let pending = this.cache.get(id);
    if (pending === undefined) {
      pending = this.build(id);
      this.cache.set(id, pending);
      pending.catch(() => this.cache.delete(id));
    }
    return pending;
  }

  async setKey(id: string, key: string): Promise<void> {
    const trimmed = key.trim();
    this.redactor.add(trimmed);
    await this.secrets.store(apiKeySecretName(id), trimmed);
    const descriptor = this.descriptor(id);
    const origin = descriptor === undefined ? undefined : endpointOrigin(descriptor);
    if (origin !== undefined) await this.keyOrigins?.bind(id, origin);
    this.invalidate(id);
    this.logger.info(`API key for ${id} stored in secret storage.`);
  }

  /** Returns false when there was no key to remove. */
  async removeKey(id: string): Promise<boolean> {
    const existing = await this.readKey(id);
    if (existing === undefined) return false;
    await this.secrets.delete(apiKeySecretName(id));
    await this.keyOrigins?.forget(id);
    this.invalidate(id);
    this.logger.info(`API key for ${id} removed from secret storage.`);
    return true;
  }

  async check(id: string, signal?: AbortSignal): Promise<ProviderCheck> {
    const provider = await this.provider(id);
    const result = await checkProvider(provider, { timeoutMs: this.settings().checkTimeoutMs, signal });
    // A cancelled check says nothing about the provider.
    if (result.reason !== 'aborted') this.onChecked?.(id, result);
    const detail = result.message === undefined ? '' : `: ${result.message}`;
    this.logger.info(`Provider check ${id} → ${result.status}${detail}`);
    return result;
  }

  /**
   * The provider's batch client, or `undefined`: no batch API (compatible endpoints), no key, or the key may not go
   * to the endpoint's origin (the same consent as every other request).
   */
  async batchClient(id: string): Promise<BatchClient | undefined> {
    const descriptor = this.descriptor(id);
    const key = descriptor === undefined ? undefined : await this.readKey(id);
    if (descriptor === undefined || key === undefined) return undefined;
    const origin = endpointOrigin(descriptor);
    if (origin !== undefined && this.keyOrigins !== undefined && !(await this.keyOrigins.mayUse(id, descriptor.displayName, origin))) return undefined;
    return loadBatchClient(descriptor, key);
  }

  /** Forget built adapters (all, or one provider's) after a key or setting change. */
  invalidate(id?: string): void {
    if (id === undefined) this.cache.clear();
    else this.cache.delete(id);
  }

  private async build(id: string): Promise<Provider | undefined> {
    const descriptor = this.descriptor(id);
    if (descriptor === undefined) return undefined;
    const key = await this.readKey(id);
    if (key === undefined && descriptor.requiresKey) return undefined;
    const origin = endpointOrigin(descriptor);
    if (key !== undefined && origin !== undefined && this.keyOrigins !== undefined) {
      if (!(await this.keyOrigins.mayUse(id, descriptor.displayName, origin))) {
        this.logger.warn(`The ${descriptor.displayName} key was not sent to ${origin}: not allowed for that origin.`);
        const message = `Not sent: the ${descriptor.displayName} API key may not go to ${origin} (you declined). ` +
          `Check the endpoint's base URL, or run 'Quorum: Set API Key' to store a key for it.`;
        return refusingProvider(id, descriptor.kind, descriptor.displayName, message);
      }
    }
    const clean = (text: string): string => cleanProviderText(text, (t) => this.redactor.redact(t), origin === undefined ? [] : [origin]);
    return guardedProvider(await loadProvider(descriptor, key, this.settings().timeouts), clean);
  }

  private async readKey(id: string): Promise<string | undefined> {
    const key = await this.secrets.get(apiKeySecretName(id));
    if (key === undefined || key === '') return undefined;
    this.redactor.add(key);
    return key;
  }
}
