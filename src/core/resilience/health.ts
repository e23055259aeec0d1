import type { ProviderErrorReason } from '../errors';
import { silentLogger, type Clock, type Logger } from '../ports';
import type { ModelRef } from '../types';
import type { BreakerRegistry } from './breaker';

/**
 * Provider health: passive from real traffic (the runner reports every outcome), optional
 * active checks (off by default), and suspensions for key states (bad key, quota, unknown model).
 *
 * The in/out state machine is driven by checks: out after `failuresToOut` consecutive failed checks, back
 * after `passesToIn` consecutive passes. Real failures do not push a provider out — the breakers already
 * react to them, and with checks off nothing would ever bring it back — but a real success while out
 * counts as a pass, because real traffic proves the provider works.
 *
 * What this means for a model now (together with its breaker) is read through `availability.ts` only.
 */

/** One active check: resolves when the provider answered, rejects otherwise. Must honour `signal`. */
export type HealthProbe = (providerId: string, signal: AbortSignal) => Promise<void>;

/** Host timers, injected so tests drive the interval by hand. */
export interface IntervalTimers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const systemIntervalTimers: IntervalTimers = {
  setInterval: (callback, ms) => {
    const handle = setInterval(callback, ms);
    handle.unref?.();
    return handle;
  },
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

export interface ActiveCheckOptions {
  /** Time between two rounds of checks, in ms (`quorum.health.intervalSeconds` × 1000; default 60 s). */
  readonly intervalMs?: number;
  /** Providers to check each round (those with a key). */
  readonly providers: () => readonly string[];
  readonly probe: HealthProbe;
}

export interface HealthOptions {
  readonly clock: Clock;
  readonly breakers: BreakerRegistry;
  readonly timers?: IntervalTimers;
  readonly logger?: Logger;
  /** Consecutive failed checks that take a provider out. */
  readonly failuresToOut?: number;
  /** Consecutive passed checks that bring it back. */
  readonly passesToIn?: number;
}

export const DEFAULT_HEALTH_INTERVAL_MS = 60_000;

export type HealthChangeKind = 'out' | 'in' | 'suspended' | 'resumed';

export interface HealthChange {
  readonly providerId: string;
  /** Set when only one model is concerned (a suspended unknown model). */
  readonly model?: string;
  readonly kind: HealthChangeKind;
  readonly reason: string;
  /** Clock time, ms since the epoch. */
  readonly at: number;
}

export interface ProviderHealth {
  readonly providerId: string;
  readonly status: 'in' | 'out';
  readonly consecutiveCheckFailures: number;
  readonly consecutiveCheckPasses: number;
  readonly lastCheckAt?: number;
  readonly lastSuccessAt?: number;
  readonly lastFailureAt?: number;
  readonly lastFailureReason?: ProviderErrorReason | 'check';
  /** Real calls seen (success/failure), for the panel. */
  readonly successes: number;
  readonly failures: number;
}

/** A suspension: the whole provider, or one `model` of it, until a clock time. */
export interface Suspension {
  readonly provider: string;
  readonly model?: string;
  readonly reason: ProviderErrorReason;
  /** Plain words that qualify the reason when the provider was ambiguous (`ProviderError.note`). */
  readonly note?: string;
  /** Clock time it ends, in ms since the epoch. */
  readonly until: number;
}

type MutableHealth = { -readonly [K in keyof ProviderHealth]: ProviderHealth[K] };

export class HealthMonitor {
  private readonly providers = new Map<string, MutableHealth>();
  private readonly suspensions = new Map<string, Suspension>();
  private readonly listeners = new Set<(change: HealthChange) => void>();
  private readonly inFlight = new Map<string, AbortController>();
  private readonly failuresToOut: number;
  private readonly passesToIn: number;
  private readonly timers: IntervalTimers;
  private readonly logger: Logger;
  private interval: unknown;
  private checks: ActiveCheckOptions | undefined;

  constructor(private readonly options: HealthOptions) {
    this.failuresToOut = options.failuresToOut ?? 3;
    this.passesToIn = options.passesToIn ?? 5;
    this.timers = options.timers ?? systemIntervalTimers;
    this.logger = options.logger ?? silentLogger;
  }

  /** A real call succeeded. */
  recordSuccess(ref: ModelRef): void {
    const health = this.entry(ref.provider);
    health.successes += 1;
    health.lastSuccessAt = this.options.clock.now();
    this.pass(health, 'a real call succeeded');
  }

  /** A real call failed (any reason; the breakers decide what counts). */
  recordFailure(ref: ModelRef, reason: ProviderErrorReason): void {
    const health = this.entry(ref.provider);
    health.failures += 1;
    health.lastFailureAt = this.options.clock.now();
    health.lastFailureReason = reason;
  }

  /**
   * Takes a provider (no `model`) or one model out of every chain for `durationMs`: a rejected key, an
   * exhausted quota, an unknown model id. `resume` lifts it early (the user changed the key).
   */
  suspend(target: { provider: string; model?: string }, durationMs: number, reason: ProviderErrorReason, note?: string): void {
    const key = target.model === undefined ? target.provider : `${target.provider}/${target.model}`;
    const until = this.options.clock.now() + durationMs;
    const existing = this.suspensions.get(key);
    if (existing !== undefined && existing.until >= until) return;
    this.suspensions.set(key, {
      provider: target.provider, ...(target.model === undefined ? {} : { model: target.model }), reason, ...(note === undefined ? {} : { note }), until,
    });
    this.fire({ providerId: target.provider, ...(target.model === undefined ? {} : { model: target.model }), kind: 'suspended', reason });
  }

  /** Lifts every suspension of a provider and closes its breakers (call after its key or settings change). */
  resume(providerId: string): void {
    for (const [key, suspension] of [...this.suspensions]) if (suspension.provider === providerId) this.suspensions.delete(key);
    this.options.breakers.resetProvider(providerId, 'provider settings changed');
    this.fire({ providerId, kind: 'resumed', reason: 'provider settings changed' });
  }

  /**
   * The suspension that applies to `target` now, if any: the model's own first, then its provider's. Without
   * `model`, only a provider-wide one. Expired suspensions are dropped as they are found.
   */
  suspension(target: { provider: string; model?: string }): Suspension | undefined {
    const now = this.options.clock.now();
    const keys = target.model === undefined ? [target.provider] : [`${target.provider}/${target.model}`, target.provider];
    for (const key of keys) {
      const hit = this.suspensions.get(key);
      if (hit !== undefined && hit.until > now) return hit;
      if (hit !== undefined) this.suspensions.delete(key);
    }
    return undefined;
  }

  /** Every suspension in force now. */
  activeSuspensions(): Suspension[] {
    const now = this.options.clock.now();
    return [...this.suspensions.values()].filter((s) => s.until > now);
  }

  isOut(providerId: string): boolean {
    return this.providers.get(providerId)?.status === 'out';
  }

  /** Why a provider is out, in plain words ("3 checks failed in a row"); `undefined` while it is in. */
  outReason(providerId: string): string | undefined {
    const health = this.providers.get(providerId);
    if (health?.status !== 'out') return undefined;
    return health.consecutiveCheckFailures > 0
      ? `${health.consecutiveCheckFailures} checks failed in a row`
      : `${health.consecutiveCheckPasses} of ${this.passesToIn} passes needed to come back`;
  }

  snapshot(): ProviderHealth[] {
    return [...this.providers.values()].map((h) => ({ ...h }));
  }

  onChange(listener: (change: HealthChange) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Starts (or restarts with new settings) the periodic active checks. */
  startActiveChecks(checks: ActiveCheckOptions): void {
    this.stopActiveChecks();
    this.checks = checks;
    this.interval = this.timers.setInterval(() => void this.runChecks(), checks.intervalMs ?? DEFAULT_HEALTH_INTERVAL_MS);
  }

  /** Stops the interval and aborts checks under way. */
  stopActiveChecks(): void {
    if (this.interval !== undefined) this.timers.clearInterval(this.interval);
    this.interval = undefined;
    this.checks = undefined;
    for (const controller of this.inFlight.values()) controller.abort(new Error('health checks stopped'));
    this.inFlight.clear();
  }

  /** One round of checks, one per provider; a provider whose previous check is still running is skipped. */
  async runChecks(): Promise<void> {
    const checks = this.checks;
    if (checks === undefined) return;
    await Promise.all(checks.providers().map((providerId) => this.checkOne(checks, providerId)));
  }

  dispose(): void {
    this.stopActiveChecks();
    this.listeners.clear();
  }

  private async checkOne(checks: ActiveCheckOptions, providerId: string): Promise<void> {
    if (this.inFlight.has(providerId)) return;
    const controller = new AbortController();
    this.inFlight.set(providerId, controller);
    let passed: boolean;
    try {
      await checks.probe(providerId, controller.signal);
      passed = true;
    } catch {
      passed = false;
    } finally {
      if (this.inFlight.get(providerId) === controller) this.inFlight.delete(providerId);
    }
    // Stopped while the check ran: its verdict is for a configuration that no longer applies.
    if (controller.signal.aborted) return;
    const health = this.entry(providerId);
    health.lastCheckAt = this.options.clock.now();
    if (passed) {
      this.pass(health, 'health check passed');
      return;
    }
    health.consecutiveCheckPasses = 0;
    health.consecutiveCheckFailures += 1;
    health.lastFailureReason = 'check';
    if (health.status === 'in' && health.consecutiveCheckFailures >= this.failuresToOut) {
      health.status = 'out';
      this.logger.warn(`Health: ${providerId} is out after ${health.consecutiveCheckFailures} failed checks.`);
      this.fire({ providerId, kind: 'out', reason: `${health.consecutiveCheckFailures} health checks failed in a row` });
    }
  }

  private pass(health: MutableHealth, why: string): void {
    health.consecutiveCheckFailures = 0;
    health.consecutiveCheckPasses += 1;
    if (health.status === 'out' && health.consecutiveCheckPasses >= this.passesToIn) {
      health.status = 'in';
      this.logger.info(`Health: ${health.providerId} is back after ${health.consecutiveCheckPasses} passes (last: ${why}).`);
      this.fire({ providerId: health.providerId, kind: 'in', reason: `${health.consecutiveCheckPasses} passes in a row` });
    }
  }

  private entry(providerId: string): MutableHealth {
    let health = this.providers.get(providerId);
    if (health === undefined) {
      health = { providerId, status: 'in', consecutiveCheckFailures: 0, consecutiveCheckPasses: 0, successes: 0, failures: 0 };
      this.providers.set(providerId, health);
    }
    return health;
  }

  private fire(change: Omit<HealthChange, 'at'>): void {
    const full: HealthChange = { ...change, at: this.options.clock.now() };
    for (const listener of [...this.listeners]) {
      try {
        listener(full);
      } catch {
        // A broken listener (UI) must not break health tracking.
      }
    }
  }
}
