import type { Logger } from '../../../../src/core/ports';
import type { Provider } from '../../../../src/core/providers/provider';
import { BreakerRegistry } from '../../../../src/core/resilience/breaker';
import { FallbackError } from '../../../../src/core/resilience/fallbackErrors';
import { FallbackRunner, type FallbackRunnerDeps, type FallbackRunOptions } from '../../../../src/core/resilience/fallbackRunner';
import { HealthMonitor } from '../../../../src/core/resilience/health';
import type { RunEvent, RunResult } from '../../../../src/core/resilience/runEvents';
import type { ChatRequest, ModelRef } from '../../../../src/core/types';
import { FakeClock } from './fakeClock';

export interface LogLine {
  readonly level: 'info' | 'warn' | 'error' | 'debug' | 'trace';
  readonly message: string;
}

export interface Harness {
  readonly clock: FakeClock;
  readonly breakers: BreakerRegistry;
  readonly health: HealthMonitor;
  readonly runner: FallbackRunner;
  /** Waits the runner asked for, in ms. */
  readonly sleeps: number[];
  readonly logs: LogLine[];
}

/** A runner over the given providers with a fake clock, recorded sleeps (which advance the clock) and logs. */
export function harness(providers: readonly Provider[], overrides: Partial<FallbackRunnerDeps> = {}): Harness {
  const clock = new FakeClock();
  const breakers = new BreakerRegistry(clock);
  const health = new HealthMonitor({ clock, breakers });
  const sleeps: number[] = [];
  const logs: LogLine[] = [];
  const log = (level: LogLine['level']) => (message: string | Error): void => {
    logs.push({ level, message: String(message) });
  };
  const logger: Logger = { trace: log('trace'), debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
  const byId = new Map(providers.map((p) => [p.id, p]));
  const runner = new FallbackRunner({
    getProvider: async (id) => byId.get(id),
    breakers,
    health,
    clock,
    sleep: async (ms, signal) => {
      sleeps.push(ms);
      clock.advance(ms);
      if (signal.aborted) throw signal.reason;
    },
    random: () => 0,
    logger,
    ...overrides,
  });
  return { clock, breakers, health, runner, sleeps, logs };
}

export const ASK: Omit<ChatRequest, 'model'> = { messages: [{ role: 'user', content: 'Explain breakers.' }] };

export function options(overrides: Partial<FallbackRunOptions> = {}): FallbackRunOptions {
  return { signal: new AbortController().signal, deadlineMs: 60_000, maxRetriesPerModel: 2, tryAnotherOnContentFilter: false, ...overrides };
}

export interface Drained {
  readonly events: RunEvent[];
  readonly result?: RunResult;
  readonly error?: FallbackError;
}

/** Runs to the end; a `FallbackError` is returned, anything else thrown fails the test. */
export async function drain(run: AsyncGenerator<RunEvent, RunResult, undefined>, onEvent?: (event: RunEvent) => void): Promise<Drained> {
  const events: RunEvent[] = [];
  try {
    for (;;) {
      const step = await run.next();
      if (step.done === true) return { events, result: step.value };
      events.push(step.value);
      onEvent?.(step.value);
    }
  } catch (error) {
    if (!(error instanceof FallbackError)) throw error;
    return { events, error };
  }
}

export function textOf(events: readonly RunEvent[]): string {
  return events.map((e) => (e.type === 'text-delta' ? e.text : '')).join('');
}

export function ref(provider: string, model: string): ModelRef {
  return { provider, model };
}
