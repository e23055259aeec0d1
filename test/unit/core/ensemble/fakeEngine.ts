import { ProviderError, type ProviderErrorReason } from '../../../../src/core/errors';
import type { ColumnEngine, ColumnRequest } from '../../../../src/core/ensemble/compare/fanOut';
import { FallbackExhaustedError } from '../../../../src/core/resilience/fallbackErrors';
import type { RunEvent, RunResult } from '../../../../src/core/resilience/runEvents';
import type { FinishReason, ModelRef, Usage } from '../../../../src/core/types';

/** A promise the test opens by hand, to decide exactly when a fake column moves on. */
export class Gate {
  private release: () => void = () => undefined;
  readonly opened: Promise<void> = new Promise((resolve) => {
    this.release = resolve;
  });

  open(): void {
    this.release();
  }
}

/** One step of a scripted column run. */
export type FakeStep =
  | { readonly text: string }
  | { readonly usage: Usage }
  | { readonly finish: FinishReason }
  /** Waits until the gate opens (or the run is aborted). */
  | { readonly wait: Gate }
  /** The runner's own retry notice (`attempt-failed`, next: retry). */
  | { readonly retrying: ProviderErrorReason; readonly status?: number }
  /** Ends the run as the runner does when the chain is exhausted (FallbackExhaustedError over one attempt). */
  | { readonly fail: ProviderErrorReason; readonly status?: number }
  /** Throws this value as it is. */
  | { readonly throws: unknown };

export interface FakeCall {
  readonly ref: ModelRef;
  readonly request: ColumnRequest;
  readonly signal: AbortSignal;
}

export interface FakeEngine extends ColumnEngine {
  readonly calls: FakeCall[];
}

/**
 * A ColumnEngine over in-memory scripts: each call to a model takes the next script for `ref.model`; with
 * none left it answers `<model>` with usage {10 in, 2 out}. Aborting the signal makes the run throw `aborted`
 * at its next step or while it waits, as the real runner does.
 */
export function fakeEngine(scripts: Record<string, FakeStep[][]>): FakeEngine {
  const calls: FakeCall[] = [];
  const queues = new Map(Object.entries(scripts).map(([model, runs]) => [model, [...runs]]));
  return {
    calls,
    run(ref, request, options) {
      calls.push({ ref, request, signal: options.signal });
      const steps = queues.get(ref.model)?.shift() ?? [{ text: ref.model }, { usage: { inputTokens: 10, outputTokens: 2 } }, { finish: 'stop' }];
      return play(ref, steps, options.signal);
    },
  };
}

function aborted(ref: ModelRef): ProviderError {
  return new ProviderError({ reason: 'aborted', provider: ref.provider, model: ref.model, message: 'Cancelled.' });
}

async function* play(ref: ModelRef, steps: readonly FakeStep[], signal: AbortSignal): AsyncGenerator<RunEvent, RunResult | undefined> {
  let text = '';
  let usage: Usage | undefined;
  for (const step of steps) {
    await Promise.resolve();
    if (signal.aborted) throw aborted(ref);
    if ('text' in step) {
      text += step.text;
      yield { type: 'text-delta', text: step.text };
    } else if ('usage' in step) {
      usage = step.usage;
      yield { type: 'usage', usage: step.usage };
    } else if ('finish' in step) {
      yield { type: 'finish', reason: step.finish };
    } else if ('wait' in step) {
      await Promise.race([step.wait.opened, new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))]);
      if (signal.aborted) throw aborted(ref);
    } else if ('retrying' in step) {
      const error = new ProviderError({ reason: step.retrying, provider: ref.provider, model: ref.model, message: step.retrying, ...(step.status === undefined ? {} : { status: step.status }) });
      yield { type: 'attempt-failed', ref, error, next: 'retry', delayMs: 5 };
    } else if ('fail' in step) {
      const lastError = new ProviderError({ reason: step.fail, provider: ref.provider, model: ref.model, message: `${step.fail} from ${ref.model}`, ...(step.status === undefined ? {} : { status: step.status }) });
      const attempt = { ref, retry: 0, startedAt: 0, endedAt: 0, outcome: 'failed' as const, reason: step.fail, textChars: text.length, ...(step.status === undefined ? {} : { status: step.status }) };
      throw new FallbackExhaustedError({ attempts: [attempt], partialText: text, lastError });
    } else {
      throw step.throws;
    }
  }
  return { answeredBy: ref, attempts: [], text, ...(usage === undefined ? {} : { usage }) };
}

/** Lets every pending promise chain run (the fake engine's steps are microtasks). */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A plain answer script: the text in one delta, usage, stop. */
export function answer(text: string, usage: Usage = { inputTokens: 10, outputTokens: 2 }): FakeStep[] {
  return [{ text }, { usage }, { finish: 'stop' }];
}
