import type { SecretStore } from '../ports';

/** Where the setting that names an endpoint's URL comes from (VS Code's `inspect()`: the most specific scope set). */
export type SettingSource = 'default' | 'user' | 'workspace' | 'workspaceFolder';

/** One question to the user: may the key stored for `providerId` go to `origin`? */
export interface KeyOriginQuestion {
  readonly providerId: string;
  readonly displayName: string;
  /** The new origin, e.g. `https://gateway.example:8443`. */
  readonly origin: string;
  /** Origins the key was stored for or already allowed to reach. */
  readonly knownOrigins: readonly string[];
  readonly source: SettingSource;
}

/** The user's side of key-origin binding: a modal dialog in VS Code, a fake in tests. */
export interface KeyOriginConsent {
  /** Which scope the provider's URL setting comes from now. */
  source(providerId: string): SettingSource;
  /** Asks the user; true to send the key to the new origin. */
  confirm(question: KeyOriginQuestion): Promise<boolean>;
}

interface OriginRecord {
  readonly allowed: readonly string[];
  readonly declined: readonly string[];
}

/** SecretStorage name of a key's origin record (next to the key, so a workspace cannot edit it). */
export function keyOriginSecretName(providerId: string): string {
  return `quorum.keyOrigins.${providerId}`;
}

/**
 * Binds each stored key to the origins it may be sent to (DESIGN.md §5). A key is bound to the origin it was
 * stored for; its first use with another origin asks the user, and the answer (yes or no) is remembered. A key
 * stored before binding existed is bound on first use when the URL is the default or the user's own setting,
 * and asked about when a workspace set it.
 */
export class KeyOrigins {
  constructor(
    private readonly secrets: SecretStore,
    private readonly consent: KeyOriginConsent,
  ) {}

  /** A key was stored for `origin`: only that origin, nothing declined. */
  async bind(providerId: string, origin: string): Promise<void> {
    await this.write(providerId, { allowed: [origin], declined: [] });
  }

  async forget(providerId: string): Promise<void> {
    await this.secrets.delete(keyOriginSecretName(providerId));
  }

  /** Whether the key of `providerId` may be sent to `origin`; asks the user the first time for a new origin. */
  async mayUse(providerId: string, displayName: string, origin: string): Promise<boolean> {
    const record = await this.read(providerId);
    const source = this.consent.source(providerId);
    if (record === undefined && (source === 'default' || source === 'user')) {
      await this.bind(providerId, origin);
      return true;
    }
    const known = record ?? { allowed: [], declined: [] };
    if (known.allowed.includes(origin)) return true;
    if (known.declined.includes(origin)) return false;
    const yes = await this.consent.confirm({ providerId, displayName, origin, knownOrigins: known.allowed, source });
    await this.write(providerId, yes ? { ...known, allowed: [...known.allowed, origin] } : { ...known, declined: [...known.declined, origin] });
    return yes;
  }

  private async read(providerId: string): Promise<OriginRecord | undefined> {
    const raw = await this.secrets.get(keyOriginSecretName(providerId));
    if (raw === undefined) return undefined;
    try {
      const parsed = JSON.parse(raw) as Partial<OriginRecord>;
      return { allowed: strings(parsed.allowed), declined: strings(parsed.declined) };
    } catch {
      return undefined;
    }
  }

  private async write(providerId: string, record: OriginRecord): Promise<void> {
    await this.secrets.store(keyOriginSecretName(providerId), JSON.stringify(record));
  }
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
