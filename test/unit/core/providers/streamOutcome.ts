import type { ProviderError } from '../../../../src/core/errors';
import type { StreamEvent, Usage } from '../../../../src/core/types';

/** What one adapter stream came to: its text, last usage snapshot, finish, or the error it threw. */
export interface StreamOutcome {
  readonly events: readonly StreamEvent[];
  readonly text: string;
  readonly usage?: Usage;
  readonly finish?: Extract<StreamEvent, { type: 'finish' }>;
  readonly error?: ProviderError;
}

/** Drains a stream; a thrown error is returned, never rethrown. */
export async function outcomeOf(stream: AsyncIterable<StreamEvent>): Promise<StreamOutcome> {
  const events: StreamEvent[] = [];
  let error: ProviderError | undefined;
  try {
    for await (const event of stream) events.push(event);
  } catch (caught) {
    error = caught as ProviderError;
  }
  return {
    events,
    text: events.map((e) => (e.type === 'text-delta' ? e.text : '')).join(''),
    usage: events.filter((e): e is Extract<StreamEvent, { type: 'usage' }> => e.type === 'usage').at(-1)?.usage,
    finish: events.find((e): e is Extract<StreamEvent, { type: 'finish' }> => e.type === 'finish'),
    error,
  };
}
