import type { Clock } from '../ports';
import type { ModelRef } from '../types';

/**
 * A circuit breaker per provider+model (fault matrix §5.4/§5.5): closed → open on N consecutive counted
 * failures or a failure rate over a sliding time window; open for a cooldown that doubles on each re-open;
 * then half-open, letting exactly one probe through — success closes, failure re-opens.
 *
 * No timers: open → half-open is evaluated when someone asks (`state`, `acquire`), against the injected clock,
 * so an idle extension does no work and tests need no fake timers.
 */

export type BreakerState = 'closed' | 'open' | 'halfOpen';

export interface BreakerOptions {
  /** Consecutive counted failures that open the breaker. */
  readonly consecutiveFailures: number;
  /** Failure ratio (0..1) over the window that opens the breaker. */
  readonly failureRateThreshold: number;
  /** Sliding window for the failure rate, in ms. */
  readonly windowMs: number;
  /** Calls the window must hold before the rate counts (a single failure is not a 100 % failure rate). */
  readonly minimumCalls: number;
  /** Cooldown of the first opening, in ms (Polly's break duration; LiteLLM's default cooldown). */
  readonly baseCooldownMs: number;
  /** Cap of the doubling cooldown, in ms. */
  readonly maxCooldownMs: number;
}

export const DEFAULT_BREAKER_OPTIONS: BreakerOptions = {
  consecutiveFailures: 3,
  failureRateThreshold: 0.5,
  windowMs: 60_000,
  minimumCalls: 4,
  baseCooldownMs: 5_000,
  maxCooldownMs: 120_000,
};

/** Most recent outcomes the failure-rate window keeps: plenty for a rate, constant cost per call. */
export const MAX_WINDOW_OUTCOMES = 50;

/** One state transition, for the status bar and the panel. */
export interface BreakerStateChange {
  readonly ref: ModelRef;
  readonly from: BreakerState;
  readonly to: BreakerState;
  /** Plain words: "3 failures in a row (last: timed out)", "cooldown of 5 s elapsed"… */
  readonly reason: string;
  /** Clock time of the change, in ms since the epoch. */
  readonly at: number;
  /** When `to` is `open`: how long until a probe is allowed, in ms. */
  readonly cooldownMs?: number;
}

export type BreakerListener = (change: BreakerStateChange) => void;

export interface BreakerSnapshot {
  readonly ref: ModelRef;
  readonly state: BreakerState;
  /** When open: ms until the half-open probe is allowed. */
  readonly retryInMs?: number;
}

interface Outcome {
  readonly at: number;
  readonly failed: boolean;
}

export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private window: Outcome[] = [];
  private failuresInWindow = 0;
  private consecutive = 0;
  /** Openings since the breaker was last closed; each one doubles the cooldown. */
  private opens = 0;
  private openUntil = 0;
  private probeSince: number | undefined;
  private lastOpenReason: string | undefined;

  constructor(
    readonly ref: ModelRef,
    private readonly options: BreakerOptions,
    private readonly clock: Clock,
    private readonly emit: BreakerListener,
  ) {}

  /** The state now; an open breaker whose cooldown elapsed reports (and becomes) half-open. */
  get state(): BreakerState {
    if (this.current === 'open' && this.clock.now() >= this.openUntil) {
      this.move('halfOpen', `cooldown elapsed; one probe call allowed`);
    }
    return this.current;
  }

  /** True when a call would be let through now (no side effect beyond the lazy half-open transition). */
  canAttempt(): boolean {
    const state = this.state;
    return state === 'closed' || (state === 'halfOpen' && !this.probeBusy());
  }

  /**
   * Asks to make a call. Closed: yes. Half-open: yes for exactly one caller (the probe) until it reports
   * back. Open: no. Every `true` must be followed by one `record*` call.
   */
  acquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.probeBusy()) return false;
    this.probeSince = this.clock.now();
    return true;
  }

  /** Lets this call through as the probe whatever the state (every candidate is cooling down: `lastResort.ts`). */
  forceProbe(why: string): void {
    if (this.state === 'open') this.move('halfOpen', why);
    if (this.current !== 'closed') this.probeSince = this.clock.now();
  }

  /** Why the breaker last opened, in plain words ("3 failures in a row (last: timeout)"); kept until it closes. */
  get openReason(): string | undefined {
    return this.lastOpenReason;
  }

  /** True while the half-open breaker's one probe call is under way (so no other call is let through). */
  get probing(): boolean {
    return this.state === 'halfOpen' && this.probeBusy();
  }

  /** ms until an open breaker allows a probe; 0 when not open. */
  retryInMs(): number {
    return this.state === 'open' ? Math.max(0, this.openUntil - this.clock.now()) : 0;
  }

  recordSuccess(): void {
    if (this.state === 'halfOpen') {
      this.close('probe call succeeded');
      return;
    }
    this.consecutive = 0;
    this.push(false);
  }

  /** A failure the policy counts (`countsForBreaker`); `what` names it in the state-change reason. */
  recordFailure(what: string): void {
    const state = this.state;
    this.probeSince = undefined;
    if (state === 'halfOpen') {
      this.open(`probe call failed (${what})`);
      return;
    }
    if (state === 'open') return;
    this.consecutive += 1;
    this.push(true);
    if (this.consecutive >= this.options.consecutiveFailures) {
      this.open(`${this.consecutive} failures in a row (last: ${what})`);
      return;
    }
    const failures = this.failuresInWindow;
    if (this.window.length >= this.options.minimumCalls && failures / this.window.length >= this.options.failureRateThreshold) {
      this.open(`${failures} of the last ${this.window.length} calls failed (last: ${what})`);
    }
  }

  /** An outcome that says nothing about the model's health (bad request, content filter, cancel): frees the probe slot. */
  recordNeutral(): void {
    this.probeSince = undefined;
  }

  /** Opens now for at least `cooldownMs` (rate limit, quota, bad key), whatever the counts say. */
  trip(cooldownMs: number, why: string): void {
    const until = this.clock.now() + cooldownMs;
    this.probeSince = undefined;
    if (this.current === 'open' && this.openUntil >= until) return;
    this.openUntil = until;
    this.move('open', why, cooldownMs);
  }

  /** Closes at once (e.g. the user changed the key). */
  reset(why: string): void {
    if (this.state !== 'closed') this.close(why);
  }

  private probeBusy(): boolean {
    // A probe that never reported back (a caller that crashed) must not block the model forever.
    return this.probeSince !== undefined && this.clock.now() - this.probeSince < this.options.maxCooldownMs;
  }

  /**
   * Outcomes arrive in time order, so expired ones are at the front; the window also keeps at most
   * `MAX_WINDOW_OUTCOMES`, so a busy model costs constant time and memory per call (re-filtering every
   * outcome of the last minute on each call grew with the request rate).
   */
  private push(failed: boolean): void {
    const now = this.clock.now();
    let expired = 0;
    while (expired < this.window.length && now - (this.window[expired] as Outcome).at >= this.options.windowMs) expired++;
    const drop = expired + Math.max(0, this.window.length - expired + 1 - MAX_WINDOW_OUTCOMES);
    // The failure count follows the outcomes in and out, rather than being recounted on every call.
    for (let i = 0; i < drop; i++) if ((this.window[i] as Outcome).failed) this.failuresInWindow--;
    if (drop > 0) this.window.splice(0, drop);
    this.window.push({ at: now, failed });
    if (failed) this.failuresInWindow++;
  }

  private open(why: string): void {
    this.opens += 1;
    const cooldownMs = Math.min(this.options.baseCooldownMs * 2 ** (this.opens - 1), this.options.maxCooldownMs);
    this.openUntil = this.clock.now() + cooldownMs;
    this.move('open', why, cooldownMs);
  }

  private close(why: string): void {
    // A fresh start: failures from before the outage must not re-open the breaker on the next blip.
    this.window = [];
    this.failuresInWindow = 0;
    this.consecutive = 0;
    this.opens = 0;
    this.probeSince = undefined;
    this.lastOpenReason = undefined;
    this.move('closed', why);
  }

  private move(to: BreakerState, reason: string, cooldownMs?: number): void {
    const from = this.current;
    this.current = to;
    if (to === 'halfOpen') this.probeSince = undefined;
    if (to === 'open') this.lastOpenReason = reason;
    this.emit({ ref: this.ref, from, to, reason, at: this.clock.now(), ...(cooldownMs === undefined ? {} : { cooldownMs }) });
  }
}

/** All breakers of a session, keyed by `provider/model`; one place to listen for state changes. */
export class BreakerRegistry {
  private readonly breakers = new Map<string, CircuitBreaker>();
  private readonly listeners = new Set<BreakerListener>();
  private readonly options: BreakerOptions;

  constructor(private readonly clock: Clock, options: Partial<BreakerOptions> = {}) {
    this.options = { ...DEFAULT_BREAKER_OPTIONS, ...options };
  }

  /** The breaker of `ref`, created closed on first use. */
  get(ref: ModelRef): CircuitBreaker {
    const key = breakerKey(ref);
    let breaker = this.breakers.get(key);
    if (breaker === undefined) {
      breaker = new CircuitBreaker({ provider: ref.provider, model: ref.model }, this.options, this.clock, (change) => this.fire(change));
      this.breakers.set(key, breaker);
    }
    return breaker;
  }

  /** The breaker of `ref` if it has one (a model never called has none, and is closed). */
  find(ref: ModelRef): CircuitBreaker | undefined {
    return this.breakers.get(breakerKey(ref));
  }

  /** True while `ref` takes no calls (open, or half-open with its one probe already under way). */
  isOpen(ref: ModelRef): boolean {
    const breaker = this.breakers.get(breakerKey(ref));
    return breaker !== undefined && !breaker.canAttempt();
  }

  /** Closes every breaker of a provider (its key was replaced). */
  resetProvider(providerId: string, why: string): void {
    for (const breaker of this.breakers.values()) if (breaker.ref.provider === providerId) breaker.reset(why);
  }

  /** Every breaker that is not closed, for the status bar. */
  snapshot(): BreakerSnapshot[] {
    const out: BreakerSnapshot[] = [];
    for (const breaker of this.breakers.values()) {
      const state = breaker.state;
      if (state === 'closed') continue;
      out.push(state === 'open' ? { ref: breaker.ref, state, retryInMs: breaker.retryInMs() } : { ref: breaker.ref, state });
    }
    return out;
  }

  onStateChange(listener: BreakerListener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private fire(change: BreakerStateChange): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch {
        // A broken listener (UI) must not break the request path.
      }
    }
  }
}

export function breakerKey(ref: ModelRef): string {
  return `${ref.provider}/${ref.model}`;
}
