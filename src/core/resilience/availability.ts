import type { Clock } from '../ports';
import type { ModelRef } from '../types';
import type { BreakerRegistry } from './breaker';
import { describeReason } from './fallbackPolicy';
import type { HealthMonitor } from './health';

/**
 * The one read model of "can this model take a call now?", over the three mechanisms that can say no: the
 * provider's or model's suspension (health), the provider failing active health checks (health), and the
 * model's circuit breaker. The router (which models to offer) and the fallback runner (which to try or
 * skip, and what the attempt record says) both ask here, so they never disagree; the Providers view and the
 * status-bar meter show the same verdicts. Reading has no side effect beyond the breaker's lazy
 * open → half-open step and dropping expired suspensions; the state transitions stay in `breaker.ts` and
 * `health.ts`, fed by the runner and the checks.
 */

/** Why a model cannot take calls, in precedence order: when several apply, the first one is reported. */
export type UnavailableReason = 'suspended' | 'failingChecks' | 'breakerOpen' | 'probeBusy';

export interface Unavailable {
  readonly state: 'unavailable';
  /**
   * `suspended`: a key state (key rejected, quota exhausted, model unknown) took the provider or the model
   * out; `failingChecks`: active health checks count the provider out; `breakerOpen`: the model's circuit
   * breaker is open (cooling down); `probeBusy`: it is half-open and its one probe call is under way.
   */
  readonly reason: UnavailableReason;
  /** The cause in plain words, without the lead-in: "API key rejected", "3 failures in a row (last: timeout)". */
  readonly detail: string;
  /** Whether the whole provider is concerned, or only this model. */
  readonly scope: 'provider' | 'model';
  /**
   * When it ends by itself, in ms since the epoch (a suspension's end, a breaker's probe time); absent when
   * only an event ends it (health checks passing, the probe call reporting back).
   */
  readonly until?: number;
}

export type Availability = { readonly state: 'available' } | Unavailable;

export const AVAILABLE: Availability = { state: 'available' };

/** An unavailable provider (no `model`: every model of it) or model, for lists (Providers view, meter). */
export interface UnavailableTarget {
  readonly provider: string;
  readonly model?: string;
  readonly availability: Unavailable;
}

export interface AvailabilitySources {
  readonly breakers: BreakerRegistry;
  readonly health: HealthMonitor;
  readonly clock: Clock;
}

const LEAD: Readonly<Record<UnavailableReason, string>> = {
  suspended: 'suspended',
  failingChecks: 'failing health checks',
  breakerOpen: 'circuit breaker open',
  probeBusy: 'circuit breaker half-open',
};

/** One clause for exclusion reasons, skip notes and logs: "circuit breaker open: 3 failures in a row (last: timeout)". */
export function describeUnavailable(availability: Unavailable): string {
  return `${LEAD[availability.reason]}: ${availability.detail}`;
}

export class ModelAvailability {
  constructor(private readonly sources: AvailabilitySources) {}

  /** Whether `ref` can take a call now and, if not, why and until when (see `UnavailableReason` for precedence). */
  of(ref: ModelRef): Availability {
    return this.provider(ref.provider, ref.model) ?? this.breaker(ref) ?? AVAILABLE;
  }

  /** Whether the provider as a whole can take calls now (a suspension of one of its models does not count). */
  ofProvider(providerId: string): Availability {
    return this.provider(providerId, undefined) ?? AVAILABLE;
  }

  /**
   * Everything unavailable now: whole providers first, then single models of the other providers, each in
   * key order. Only models that were suspended or called (and so have a breaker) can be listed.
   */
  unavailable(): UnavailableTarget[] {
    const { health, breakers } = this.sources;
    const providerIds = new Set([
      ...health.activeSuspensions().filter((s) => s.model === undefined).map((s) => s.provider),
      ...health.snapshot().filter((h) => h.status === 'out').map((h) => h.providerId),
    ]);
    const whole: UnavailableTarget[] = [];
    for (const provider of [...providerIds].sort()) {
      const availability = this.ofProvider(provider);
      if (availability.state === 'unavailable') whole.push({ provider, availability });
    }
    const down = new Set(whole.map((target) => target.provider));
    const refs = new Map<string, ModelRef>();
    for (const s of health.activeSuspensions()) if (s.model !== undefined) refs.set(`${s.provider}/${s.model}`, { provider: s.provider, model: s.model });
    for (const b of breakers.snapshot()) refs.set(`${b.ref.provider}/${b.ref.model}`, b.ref);
    const models: UnavailableTarget[] = [];
    for (const key of [...refs.keys()].sort()) {
      const ref = refs.get(key) as ModelRef;
      if (down.has(ref.provider)) continue;
      const availability = this.of(ref);
      if (availability.state === 'unavailable') models.push({ provider: ref.provider, model: ref.model, availability });
    }
    return [...whole, ...models];
  }

  /** Listens for anything that can change a verdict (breaker transitions, suspensions, checks). */
  onChange(listener: () => void): { dispose(): void } {
    const subscriptions = [this.sources.breakers.onStateChange(listener), this.sources.health.onChange(listener)];
    return { dispose: () => subscriptions.forEach((s) => s.dispose()) };
  }

  /** Suspended (the model's own, else its provider's), then failing checks; `model` undefined = provider-wide only. */
  private provider(providerId: string, model: string | undefined): Unavailable | undefined {
    const { health } = this.sources;
    const suspension = health.suspension(model === undefined ? { provider: providerId } : { provider: providerId, model });
    if (suspension !== undefined) {
      const scope = suspension.model === undefined ? 'provider' : 'model';
      return { state: 'unavailable', reason: 'suspended', detail: suspension.note ?? describeReason(suspension.reason), scope, until: suspension.until };
    }
    const out = health.outReason(providerId);
    return out === undefined ? undefined : { state: 'unavailable', reason: 'failingChecks', detail: out, scope: 'provider' };
  }

  private breaker(ref: ModelRef): Unavailable | undefined {
    const breaker = this.sources.breakers.find(ref);
    if (breaker === undefined) return undefined;
    const state = breaker.state;
    if (state === 'open') {
      const until = this.sources.clock.now() + breaker.retryInMs();
      return { state: 'unavailable', reason: 'breakerOpen', detail: breaker.openReason ?? 'recent failures', scope: 'model', until };
    }
    if (breaker.probing) return { state: 'unavailable', reason: 'probeBusy', detail: 'one probe call is testing recovery', scope: 'model' };
    return undefined;
  }
}
