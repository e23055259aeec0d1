import { isProviderError, ProviderError } from '../errors';
import type { Clock } from '../ports';
import type { Provider, StreamTimeouts } from '../providers/provider';
import type { ChatRequest, ModelRef, StreamEvent, Usage } from '../types';
import { continuationMessages, OverlapTrimmer } from './continuation';
import type { RunEvent } from './runEvents';

/** The answer as the user sees it so far, shared by the attempts of one run. */
export interface ShownAnswer {
  text: string;
  /** The model that wrote the latest shown text (the `from` of `continued-by`). */
  lastWriter?: ModelRef;
}

export interface AttemptInput {
  readonly provider: Provider;
  readonly ref: ModelRef;
  readonly request: Omit<ChatRequest, 'model'>;
  readonly signal: AbortSignal;
  readonly timeouts: Partial<StreamTimeouts>;
  readonly clock: Clock;
}

interface AttemptCommon {
  readonly startedAt: number;
  readonly ttftMs?: number;
  /** Characters this attempt added to the shown answer (after de-duplication). */
  readonly textChars: number;
  readonly usage?: Usage;
  /** Whether the provider streamed any text (even if all of it was a repeat and dropped). */
  readonly producedText: boolean;
}

export type AttemptOutcome =
  | (AttemptCommon & { readonly ok: true; readonly finish: Extract<StreamEvent, { type: 'finish' }> })
  | (AttemptCommon & { readonly ok: false; readonly error: ProviderError });

/**
 * Streams one attempt, appending to `shown` and yielding only text the user has not seen. When `shown`
 * already holds text, the attempt is a continuation (see `continuation.ts`): the model gets the partial
 * answer and is asked for the rest, `continued-by` is emitted before its first text, and any repeat of
 * the shown text is dropped. `usage` and `finish` are not yielded: the runner yields the run's totals.
 */
export async function* streamAttempt(input: AttemptInput, shown: ShownAnswer): AsyncGenerator<RunEvent, AttemptOutcome, undefined> {
  const { clock, ref } = input;
  const startedAt = clock.now();
  const continuing = shown.text.length > 0;
  const from = shown.lastWriter;
  const messages = continuing ? continuationMessages(input.request.messages, shown.text) : input.request.messages;
  const trimmer = continuing ? new OverlapTrimmer(shown.text) : undefined;
  let ttftMs: number | undefined;
  let textChars = 0;
  let usage: Usage | undefined;
  let finish: Extract<StreamEvent, { type: 'finish' }> | undefined;

  const show = (text: string): RunEvent | undefined => {
    if (text === '') return undefined;
    shown.text += text;
    shown.lastWriter = ref;
    textChars += text.length;
    return { type: 'text-delta', text };
  };

  try {
    const stream = input.provider.stream({ ...input.request, messages, model: ref.model }, { signal: input.signal, timeouts: input.timeouts });
    for await (const event of stream) {
      if (event.type === 'text-delta') {
        if (ttftMs === undefined) {
          ttftMs = clock.now() - startedAt;
          if (continuing && from !== undefined) yield { type: 'continued-by', from, to: ref };
        }
        const out = show(trimmer === undefined ? event.text : trimmer.push(event.text));
        if (out !== undefined) yield out;
      } else if (event.type === 'usage') {
        usage = event.usage;
      } else {
        finish = event;
      }
    }
    const rest = show(trimmer?.end() ?? '');
    if (rest !== undefined) yield rest;
  } catch (thrown) {
    // Text the trimmer still holds could be a repeat; the next model continues from `shown` anyway.
    const error = isProviderError(thrown) ? thrown : unexpected(thrown, ref);
    return { ok: false, error, startedAt, ttftMs, textChars, usage, producedText: ttftMs !== undefined };
  }
  if (finish === undefined) {
    // Providers guarantee a finish (streamDriver); never call a stream without one a success.
    const error = new ProviderError({ reason: 'malformedResponse', provider: ref.provider, model: ref.model, message: `${ref.provider} stream for ${ref.model} ended without its terminal signal.` });
    return { ok: false, error, startedAt, ttftMs, textChars, usage, producedText: ttftMs !== undefined };
  }
  return { ok: true, finish, startedAt, ttftMs, textChars, usage, producedText: ttftMs !== undefined };
}

/** Adapters throw only ProviderError; anything else is a bug, treated as a broken response so we fail over. */
function unexpected(thrown: unknown, ref: ModelRef): ProviderError {
  return new ProviderError({
    reason: 'malformedResponse',
    provider: ref.provider,
    model: ref.model,
    message: `Unexpected failure while reading ${ref.provider}/${ref.model}: ${thrown instanceof Error ? thrown.message : String(thrown)}`,
    cause: thrown,
  });
}
