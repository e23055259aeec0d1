import { ProviderError } from '../errors';
import type { Clock, Logger } from '../ports';
import { DEFAULT_STREAM_TIMEOUTS, type Provider, type StreamTimeouts } from '../providers/provider';
import type { ChatRequest, ModelRef } from '../types';
import { streamAttempt, type AttemptOutcome, type ShownAnswer } from './attemptStream';
import { ModelAvailability, type Availability, type Unavailable } from './availability';
import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import type { BreakerRegistry } from './breaker';
import { feedFailure } from './failureFeed';
import { FallbackExhaustedError, FallbackStoppedError } from './fallbackErrors';
import { decideFallback, type FallbackDecision } from './fallbackPolicy';
import type { HealthMonitor } from './health';
import { InFlightLimiter, type ReleaseSlot } from './inFlightLimiter';
import { earliestCooldown } from './lastResort';
import { lagExplainsTimeout, type LoopLag } from './loopLag';
import type { AttemptRecord, RunEvent, RunResult } from './runEvents';
import { failureLine, stamp, unavailableNote } from './runNotes';
import { sumUsage, type AttemptUsage } from './usageSum';

export interface FallbackRunnerDeps {
  /** The provider instance for an id; `undefined` when it has no key or is not configured. */
  getProvider(providerId: string): Promise<Provider | undefined>;
  readonly breakers: BreakerRegistry;
  readonly health: HealthMonitor;
  readonly clock: Clock;
  /** Waits `ms`; must reject promptly when `signal` aborts. `abortableSleep` in production. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** Uniform in [0, 1), for backoff jitter. */
  random(): number;
  readonly logger: Logger;
  /** Context window in tokens (catalog); lets `contextLength` skip models that are not larger. */
  contextWindowOf?(ref: ModelRef): number | undefined;
  /** Told once per failure that needs the user (bad key, unknown model), e.g. to offer "Set API Key". */
  onMisconfigured?(ref: ModelRef, error: ProviderError): void;
  readonly backoff?: BackoffOptions;
  /** Calls in flight per provider, the rest queued (default `DEFAULT_MAX_IN_FLIGHT_PER_PROVIDER`). */
  readonly maxInFlightPerProvider?: number;
  /** This process's event-loop lag (`EventLoopLag`); without it every timeout counts against the provider. */
  readonly loopLag?: LoopLag;
}

export interface FallbackRunOptions {
  /** Cancels the run: no more attempts, the HTTP request under way is aborted. */
  readonly signal: AbortSignal;
  /**
   * Total budget for getting an answer started, in ms from `run()`: retries, waits and failovers all come out
   * of it, and each attempt's first-token deadline is capped by what is left. Once an answer streams, only the
   * idle timeout applies — a long answer that keeps arriving is never cut by this deadline.
   */
  readonly deadlineMs: number;
  /** Per-attempt deadlines (defaults: `DEFAULT_STREAM_TIMEOUTS`). */
  readonly timeouts?: Partial<StreamTimeouts>;
  /** Retries of the same model after its first attempt (fault matrix §5.5: 2). */
  readonly maxRetriesPerModel: number;
  readonly tryAnotherOnContentFilter: boolean;
}

type Step = { readonly kind: 'retry'; readonly delayMs: number } | { readonly kind: 'next' } | { readonly kind: 'done'; readonly result: RunResult };

/**
 * The only retry loop of Quorum (fault matrix §1.1: the SDKs never retry). Walks the chain in order, retries
 * or fails over as `decideFallback` says, feeds breakers and health, and records every attempt. A failover
 * before the first token is invisible; after it the next model continues the answer (`continuation.ts`).
 */
export class FallbackRunner {
  /** What the runner reads to try or skip a model; the router reads the same (via `availability`). */
  readonly availability: ModelAvailability;
  /** In-flight slots per provider, shared by every run of this runner. */
  readonly slots: InFlightLimiter;

  constructor(private readonly deps: FallbackRunnerDeps) {
    this.availability = new ModelAvailability(deps);
    this.slots = new InFlightLimiter(deps.maxInFlightPerProvider);
  }

  /**
   * Streams one answer over `chain`, in order. Yields `attempt-start`, the answer's `text-delta`s (never a
   * repeat), `attempt-failed` (with what happens next), `continued-by` at a mid-answer hand-over, then one
   * `usage` (summed over attempts, when known) and the answering model's `finish`. Returns the `RunResult`.
   * Throws `FallbackStoppedError` (cancelled, or a failure another model cannot fix) or
   * `FallbackExhaustedError` (every model failed or was skipped, or the deadline passed); both carry every
   * attempt and the text already shown. Stopping iteration early aborts the HTTP request under way.
   */
  async *run(chain: readonly ModelRef[], request: Omit<ChatRequest, 'model'>, options: FallbackRunOptions): AsyncGenerator<RunEvent, RunResult, undefined> {
    const { clock } = this.deps;
    const deadlineAt = clock.now() + options.deadlineMs;
    const attempts: AttemptRecord[] = [];
    const usages: AttemptUsage[] = [];
    const shown: ShownAnswer = { text: '' };
    const state = { attempts, usages, shown, options, lastError: undefined as ProviderError | undefined, minWindow: undefined as number | undefined };

    for (const [index, ref] of chain.entries()) {
      this.throwIfCancelled(state);
      if (deadlineAt - clock.now() <= 0) {
        for (const rest of chain.slice(index)) this.skip(attempts, rest, 'not tried: the deadline was reached');
        throw new FallbackExhaustedError({ attempts, partialText: shown.text, lastError: state.lastError, deadlineMs: options.deadlineMs });
      }
      const provider = await this.available(ref, state);
      if (provider === undefined) continue;
      const step = yield* this.tryModel(ref, provider, request, deadlineAt, state, { forced: false, modelsLeft: chain.length - index });
      if (step.kind === 'done') return step.result;
    }
    const resort = yield* this.lastResort(request, deadlineAt, state);
    if (resort !== undefined) return resort;
    this.throwIfCancelled(state);
    const deadlineHit = deadlineAt - clock.now() <= 0;
    throw new FallbackExhaustedError({ attempts, partialText: shown.text, lastError: state.lastError, ...(deadlineHit ? { deadlineMs: options.deadlineMs } : {}) });
  }

  /** Every model was skipped as cooling down: tries the one whose cooldown ends first (`lastResort.ts`). */
  private async *lastResort(request: Omit<ChatRequest, 'model'>, deadlineAt: number, state: RunState): AsyncGenerator<RunEvent, RunResult | undefined, undefined> {
    const ref = earliestCooldown(state.attempts);
    if (ref === undefined || deadlineAt - this.deps.clock.now() <= 0) return undefined;
    this.throwIfCancelled(state);
    const provider = await this.deps.getProvider(ref.provider);
    this.throwIfCancelled(state);
    if (provider === undefined) return undefined;
    this.deps.logger.info(`Fallback: ${stamp(this.deps.clock.now())} every model is cooling down; trying ${ref.provider}/${ref.model}, whose cooldown ends first.`);
    const step = yield* this.tryModel(ref, provider, request, deadlineAt, state, { forced: true, modelsLeft: 1 });
    return step.kind === 'done' ? step.result : undefined;
  }

  /**
   * Attempts `ref` until it answers, the policy moves on, or the deadline passes. Each attempt first waits
   * for one of the provider's in-flight slots: the attempt (and its first-token deadline) starts only once
   * the request can actually leave. `forced` (last resort) lets the first attempt past an open breaker.
   * Once an attempt of the run failed, each one's first-token deadline is at most an even share of the time
   * left among the `modelsLeft` models (this one included): two hangs in a row must not use up the deadline
   * before a healthy model further down the chain is even asked.
   */
  private async *tryModel(ref: ModelRef, provider: Provider, request: Omit<ChatRequest, 'model'>, deadlineAt: number, state: RunState, turn: { forced: boolean; modelsLeft: number }): AsyncGenerator<RunEvent, Step, undefined> {
    const { clock, breakers } = this.deps;
    for (let retry = 0; ; retry += 1) {
      const release = this.slots.tryAcquire(ref.provider) ?? await this.waitForSlot(ref, deadlineAt, state);
      if (release === undefined) return { kind: 'next' };
      let step: Step;
      try {
        const remainingMs = deadlineAt - clock.now();
        if (remainingMs <= 0) return { kind: 'next' };
        if (turn.forced && retry === 0) breakers.get(ref).forceProbe('every candidate was cooling down; this one\'s cooldown ends first');
        else if (!breakers.get(ref).acquire()) {
          // Checked in `available`; the breaker closed the door since, by this run's failures or a concurrent probe.
          this.skipUnavailable(state.attempts, ref, this.availability.of(ref), retry === 0 ? undefined : 'circuit breaker opened by the failures above');
          return { kind: 'next' };
        }
        yield { type: 'attempt-start', ref, retry };
        const shareMs = state.attempts.some((a) => a.outcome === 'failed') ? Math.ceil(remainingMs / turn.modelsLeft) : remainingMs;
        const timeouts = { ...state.options.timeouts, firstTokenMs: Math.min(state.options.timeouts?.firstTokenMs ?? DEFAULT_STREAM_TIMEOUTS.firstTokenMs, shareMs) };
        const lagBefore = this.deps.loopLag?.lostMs();
        const outcome = yield* streamAttempt({ provider, ref, request, signal: state.options.signal, timeouts, clock }, state.shown);
        const lostMs = lagBefore === undefined ? undefined : (this.deps.loopLag?.lostMs() ?? lagBefore) - lagBefore;
        step = yield* this.settle(ref, retry, outcome, deadlineAt, state, lostMs);
      } finally {
        release();
      }
      if (step.kind !== 'retry') return step;
      // The slot is given back before the backoff: a waiting request should not idle behind a sleeping one.
      try {
        await this.deps.sleep(step.delayMs, state.options.signal);
      } catch {
        this.throwIfCancelled(state);
      }
    }
  }

  /** Waits in line for a slot of `ref`'s provider; `undefined` when the run's deadline passed first. */
  private async waitForSlot(ref: ModelRef, deadlineAt: number, state: RunState): Promise<ReleaseSlot | undefined> {
    try {
      const release = await this.slots.acquire(ref.provider, state.options.signal, deadlineAt - this.deps.clock.now());
      if (release === undefined) this.skip(state.attempts, ref, `not tried: still waiting for one of ${ref.provider}'s in-flight slots when the deadline passed`);
      return release;
    } catch {
      this.throwIfCancelled(state);
      return undefined;
    }
  }

  /** Records, feeds breakers/health, logs, and turns one attempt's outcome into the next step. */
  private async *settle(ref: ModelRef, retry: number, outcome: AttemptOutcome, deadlineAt: number, state: RunState, lostMs: number | undefined): AsyncGenerator<RunEvent, Step, undefined> {
    const { breakers, health, clock } = this.deps;
    const breaker = breakers.get(ref);
    const base = { ref, retry, startedAt: outcome.startedAt, endedAt: clock.now(), textChars: outcome.textChars, ...(outcome.ttftMs === undefined ? {} : { ttftMs: outcome.ttftMs }) };
    state.usages.push({ usage: outcome.usage, producedText: outcome.producedText });

    let error: ProviderError;
    if (outcome.ok) {
      const filtered = outcome.finish.reason === 'content-filter';
      if (!filtered || !state.options.tryAnotherOnContentFilter) {
        breaker.recordSuccess();
        health.recordSuccess(ref);
        state.attempts.push({ ...base, outcome: 'success', ...(filtered ? { note: 'blocked by content policy; shown as the outcome' } : {}) });
        const usage = sumUsage(state.usages);
        if (usage !== undefined) yield { type: 'usage', usage };
        yield outcome.finish;
        return { kind: 'done', result: { answeredBy: ref, attempts: state.attempts, text: state.shown.text, ...(usage === undefined ? {} : { usage }) } };
      }
      error = new ProviderError({ reason: 'contentFilter', provider: ref.provider, model: ref.model, message: `${ref.model} declined to answer (content policy).` });
    } else {
      error = outcome.error;
    }
    state.lastError = error;

    if (error.reason === 'aborted' || state.options.signal.aborted) {
      breaker.recordNeutral();
      state.attempts.push({ ...base, outcome: 'aborted', reason: 'aborted', note: 'cancelled by the user' });
      this.deps.logger.info(`Fallback: ${ref.provider}/${ref.model} cancelled by the user; stopping.`);
      throw new FallbackStoppedError({ attempts: state.attempts, partialText: state.shown.text, lastError: error });
    }

    const decided = decideFallback({
      error,
      phase: outcome.producedText ? 'postContent' : 'preContent',
      retriesLeft: state.options.maxRetriesPerModel - retry,
      retry,
      remainingMs: deadlineAt - clock.now(),
      tryAnotherOnContentFilter: state.options.tryAnotherOnContentFilter,
      jitter: this.deps.random(),
    }, this.deps.backoff ?? DEFAULT_BACKOFF);
    const local = error.reason === 'timeout' && lostMs !== undefined && lagExplainsTimeout(lostMs, base.endedAt - outcome.startedAt);
    const decision = local ? { ...decided, countsForBreaker: false, why: `${decided.why}; not counted against ${ref.provider}: this process was overloaded (its event loop lost ${Math.round(lostMs)} ms)` } : decided;
    feedFailure(this.deps, ref, error, decision, local);
    state.attempts.push({ ...base, outcome: 'failed', reason: error.reason, ...(error.status === undefined ? {} : { status: error.status }), note: decision.why });
    const line = failureLine(this.deps.clock.now(), ref, retry, error, decision);
    if (decision.action === 'retrySame') this.deps.logger.info(line);
    else this.deps.logger.warn(line);
    const next = decision.action === 'retrySame' ? 'retry' : decision.action === 'stop' ? 'stop' : 'failover';
    yield { type: 'attempt-failed', ref, error, next, ...(decision.delayMs === undefined ? {} : { delayMs: decision.delayMs }) };
    return this.follow(ref, error, decision, state);
  }

  /** Carries out a failed attempt's decision: a retry (its wait is `tryModel`'s), the context floor, or a stop. */
  private follow(ref: ModelRef, error: ProviderError, decision: FallbackDecision, state: RunState): Step {
    switch (decision.action) {
      case 'retrySame':
        return { kind: 'retry', delayMs: decision.delayMs ?? 0 };
      case 'nextLargerContext':
        state.minWindow = Math.max(state.minWindow ?? 0, this.deps.contextWindowOf?.(ref) ?? 0) || undefined;
        return { kind: 'next' };
      case 'nextModel':
        return { kind: 'next' };
      case 'stop':
        throw new FallbackStoppedError({ attempts: state.attempts, partialText: state.shown.text, lastError: error });
    }
  }

  /** The provider when `ref` can be tried now; otherwise records why it was skipped. */
  private async available(ref: ModelRef, state: RunState): Promise<Provider | undefined> {
    const window = this.deps.contextWindowOf?.(ref);
    if (state.minWindow !== undefined && window !== undefined && window <= state.minWindow) {
      this.skip(state.attempts, ref, `context window of ${window} tokens is not larger than the one that overflowed`);
      return undefined;
    }
    const availability = this.availability.of(ref);
    if (availability.state === 'unavailable') {
      this.skipUnavailable(state.attempts, ref, availability);
      return undefined;
    }
    const provider = await this.deps.getProvider(ref.provider);
    this.throwIfCancelled(state);
    if (provider === undefined) this.skip(state.attempts, ref, 'provider not configured (no API key)');
    return provider;
  }

  /** A skip for availability: the verdict itself goes on the record, the note says it with the time left. */
  private skipUnavailable(attempts: AttemptRecord[], ref: ModelRef, availability: Availability, note?: string): void {
    if (availability.state === 'available') {
      this.skip(attempts, ref, note ?? 'circuit breaker busy');
      return;
    }
    this.skip(attempts, ref, note ?? unavailableNote(availability, this.deps.clock.now()), availability);
  }

  private skip(attempts: AttemptRecord[], ref: ModelRef, note: string, unavailable?: Unavailable): void {
    const now = this.deps.clock.now();
    attempts.push({ ref, retry: 0, startedAt: now, endedAt: now, outcome: 'skipped', textChars: 0, note, ...(unavailable === undefined ? {} : { unavailable }) });
    this.deps.logger.info(`Fallback: ${stamp(now)} skipped ${ref.provider}/${ref.model}: ${note}.`);
  }

  private throwIfCancelled(state: RunState): void {
    if (!state.options.signal.aborted) return;
    const last = state.attempts.at(-1);
    const error = state.lastError?.reason === 'aborted' ? state.lastError : new ProviderError({
      reason: 'aborted', provider: last?.ref.provider ?? 'quorum', model: last?.ref.model, message: 'The request was cancelled.',
    });
    throw new FallbackStoppedError({ attempts: state.attempts, partialText: state.shown.text, lastError: error });
  }
}

interface RunState {
  readonly attempts: AttemptRecord[];
  readonly usages: AttemptUsage[];
  readonly shown: ShownAnswer;
  readonly options: FallbackRunOptions;
  lastError: ProviderError | undefined;
  minWindow: number | undefined;
}
