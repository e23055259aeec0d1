import { ProviderError, type ProviderErrorInit } from '../../../../src/core/errors';
import type { Provider, StreamOptions } from '../../../../src/core/providers/provider';
import type { ChatRequest, StreamEvent, Usage } from '../../../../src/core/types';

/** One scripted call: events to yield, then optionally a failure (or a hang until aborted). */
export interface ScriptStep {
  readonly text?: readonly string[];
  readonly usage?: Usage;
  readonly finish?: StreamEvent & { type: 'finish' };
  /** Thrown after the text; `finish` is then not sent. */
  readonly error?: Omit<ProviderErrorInit, 'provider' | 'model' | 'message'> & { message?: string };
  /** After the text, wait until the caller aborts, then throw `aborted` (as the real adapters do). */
  readonly hang?: boolean;
}

export interface RecordedCall {
  readonly request: ChatRequest;
  readonly options: StreamOptions;
}

/**
 * An in-process Provider whose calls follow a script per model. A model with no steps left answers
 * `<model> answer.` with usage {input 10, output 2}.
 */
export class ScriptedProvider implements Provider {
  readonly kind = 'openai' as const;
  readonly displayName: string;
  readonly calls: RecordedCall[] = [];
  private readonly scripts = new Map<string, ScriptStep[]>();

  constructor(readonly id: string) {
    this.displayName = id;
  }

  script(model: string, ...steps: ScriptStep[]): this {
    this.scripts.set(model, [...(this.scripts.get(model) ?? []), ...steps]);
    return this;
  }

  callsTo(model: string): RecordedCall[] {
    return this.calls.filter((c) => c.request.model === model);
  }

  async *stream(request: ChatRequest, options: StreamOptions): AsyncGenerator<StreamEvent> {
    this.calls.push({ request, options });
    const step = this.scripts.get(request.model)?.shift() ?? defaultStep(request.model);
    const fail = (init: ScriptStep['error'] & object): ProviderError =>
      new ProviderError({ provider: this.id, model: request.model, message: init.message ?? `${init.reason} from ${this.id}`, ...init });
    for (const text of step.text ?? []) {
      await Promise.resolve();
      if (options.signal.aborted) throw fail({ reason: 'aborted' });
      yield { type: 'text-delta', text };
    }
    if (step.hang === true) {
      await new Promise<void>((resolve) => {
        if (options.signal.aborted) resolve();
        options.signal.addEventListener('abort', () => resolve(), { once: true });
      });
      throw fail({ reason: 'aborted' });
    }
    if (step.error !== undefined) throw fail(step.error);
    if (step.usage !== undefined) yield { type: 'usage', usage: step.usage };
    yield step.finish ?? { type: 'finish', reason: 'stop' };
  }

  async listModels(): Promise<never[]> {
    return [];
  }
}

function defaultStep(model: string): ScriptStep {
  return { text: [`${model}`, ' answer.'], usage: { inputTokens: 10, outputTokens: 2 } };
}
