import { ProviderError } from '../errors';
import type { Clock, Logger } from '../ports';
import { DEFAULT_STREAM_TIMEOUTS, type Provider, type StreamTimeouts } from '../providers/provider';
import type { ChatRequest, ModelRef } from '../types';
import { streamAttempt, type AttemptOutcome, type ShownAnswer } from './attemptStream';
import { describeUnavailable, ModelAvailability, type Availability, type Unavailable } from './availability';
import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import type { BreakerRegistry } from './breaker';
import { FallbackExhaustedError, FallbackStoppedError } from './fallbackErrors';
import { decideFallback, describeReason, type FallbackDecision } from './fallbackPolicy';
import type { HealthMonitor } from './health';
import type { AttemptRecord, RunEvent, RunResult } from './runEvents';
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

type Step = { readonly kind: 'retry' } | { readonly kind: 'next' } | { readonly kind: 'done'; readonly result: RunResult };

/**
 * The only retry loop of Quorum (fault matrix §1.1: the SDKs never retry). Walks the chain in order, retries
 * or fails over as `decideFallback` says, feeds breakers and health, and records every attempt. A failover
 * before the first token is invisible; after it the next model continues the answer (`continuation.ts`).
 */
export class FallbackRunner {
  /** What the runner reads to try or skip a model; the router reads the same (via `availability`). */
  readonly availability: ModelAvailability;

  constructor(private readonly deps: FallbackRunnerDeps) {
    this.availability = new ModelAvailability(deps);
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
      for (let retry = 0; ; retry += 1) {
        const remainingMs = deadlineAt - clock.now();
        if (remainingMs <= 0) break;
        if (!this.deps.breakers.get(ref).acquire()) {
          // Checked in `available`; the breaker closed the door since, by this run's failures or a concurrent probe.
          this.skipUnavailable(attempts, ref, this.availability.of(ref), retry === 0 ? undefined : 'circuit breaker opened by the failures above');
          break;
        }
        yield { type: 'attempt-start', ref, retry };
        const timeouts = { ...options.timeouts, firstTokenMs: Math.min(options.timeouts?.firstTokenMs ?? DEFAULT_STREAM_TIMEOUTS.firstTokenMs, remainingMs) };
        const outcome = yield* streamAttempt({ provider, ref, request, signal: options.signal, timeouts, clock }, shown);
        const step = yield* this.settle(ref, retry, outcome, deadlineAt, state);
        if (step.kind === 'done') return step.result;
        if (step.kind === 'next') break;
      }
    }
    this.throwIfCancelled(state);
    const deadlineHit = deadlineAt - clock.now() <= 0;
    throw new FallbackExhaustedError({ attempts, partialText: shown.text, lastError: state.lastError, ...(deadlineHit ? { deadlineMs: options.deadlineMs } : {}) });
  }

  /** Records, feeds breakers/health, logs, and turns one attempt's outcome into the next step. */
  private async *settle(ref: ModelRef, retry: number, outcome: AttemptOutcome, deadlineAt: number, state: RunState): AsyncGenerator<RunEvent, Step, undefined> {
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

    const decision = decideFallback({
      error,
      phase: outcome.producedText ? 'postContent' : 'preContent',
      retriesLeft: state.options.maxRetriesPerModel - retry,
      retry,
      remainingMs: deadlineAt - clock.now(),
      tryAnotherOnContentFilter: state.options.tryAnotherOnContentFilter,
      jitter: this.deps.random(),
    }, this.deps.backoff ?? DEFAULT_BACKOFF);
    this.feed(ref, error, decision);
    state.attempts.push({ ...base, outcome: 'failed', reason: error.reason, ...(error.status === undefined ? {} : { status: error.status }), note: decision.why });
    this.log(ref, retry, error, decision);
    const next = decision.action === 'retrySame' ? 'retry' : decision.action === 'stop' ? 'stop' : 'failover';
    yield { type: 'attempt-failed', ref, error, next, ...(decision.delayMs === undefined ? {} : { delayMs: decision.delayMs }) };
    return await this.follow(ref, error, decision, state);
  }

  /** Carries out a failed attempt's decision: waits before a retry, raises the context floor, or stops. */
  private async follow(ref: ModelRef, error: ProviderError, decision: FallbackDecision, state: RunState): Promise<Step> {
    switch (decision.action) {
      case 'retrySame':
        try {
          await this.deps.sleep(decision.delayMs ?? 0, state.options.signal);
        } catch {
          this.throwIfCancelled(state);
        }
        return { kind: 'retry' };
      case 'nextLargerContext':
        state.minWindow = Math.max(state.minWindow ?? 0, this.deps.contextWindowOf?.(ref) ?? 0) || undefined;
        return { kind: 'next' };
      case 'nextModel':
        return { kind: 'next' };
      case 'stop':
        throw new FallbackStoppedError({ attempts: state.attempts, partialText: state.shown.text, lastError: error });
    }
  }

  /** Breakers count what the policy counts; key states become suspensions; misconfiguration is reported. */
  private feed(ref: ModelRef, error: ProviderError, decision: FallbackDecision): void {
    const { breakers, health } = this.deps;
    const breaker = breakers.get(ref);
    if (decision.countsForBreaker) breaker.recordFailure(error.reason);
    else breaker.recordNeutral();
    health.recordFailure(ref, error.reason);
    if (decision.cooldownMs !== undefined) {
      if (decision.cooldownScope === 'provider') health.suspend({ provider: ref.provider }, decision.cooldownMs, error.reason, error.note);
      else breaker.trip(decision.cooldownMs, `${describeReason(error.reason)} (cooldown ${Math.round(decision.cooldownMs / 1000)} s)`);
    }
    if (decision.markMisconfigured !== undefined) {
      const what = decision.markMisconfigured === 'provider' ? `the ${ref.provider} key or account` : `the model id ${ref.model}`;
      this.deps.logger.warn(`Fallback: ${ref.provider}/${ref.model} is misconfigured (${error.reason}${error.status === undefined ? '' : ` ${error.status}`}): check ${what}. ${error.message}`);
      this.deps.onMisconfigured?.(ref, error);
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

  private log(ref: ModelRef, retry: number, error: ProviderError, decision: FallbackDecision): void {
    const next = decision.action === 'retrySame' ? `retrying the same model in ${decision.delayMs ?? 0} ms`
      : decision.action === 'stop' ? 'stopping' : 'failing over to the next model';
    const status = error.status === undefined ? '' : ` ${error.status}`;
    const line = `Fallback: ${stamp(this.deps.clock.now())} ${ref.provider}/${ref.model} attempt ${retry + 1} failed: ${error.reason}${status} — ${decision.why}. Next: ${next}.`;
    if (decision.action === 'retrySame') this.deps.logger.info(line);
    else this.deps.logger.warn(line);
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

/** "circuit breaker open: 3 failures in a row (last: timeout); retry in 5 s" (or "in 30 min"). */
function unavailableNote(availability: Unavailable, now: number): string {
  const text = describeUnavailable(availability);
  if (availability.until === undefined) return text;
  const seconds = Math.max(0, Math.ceil((availability.until - now) / 1000));
  return `${text}; retry in ${seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`}`;
}

function stamp(ms: number): string {
  return new Date(ms).toISOString();
}
