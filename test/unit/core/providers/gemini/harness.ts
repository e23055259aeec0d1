import { ProviderError } from '../../../../../src/core/errors';
import { createGeminiProvider, type GeminiProviderSettings } from '../../../../../src/core/providers/gemini/provider';
import type { Provider, StreamTimeouts } from '../../../../../src/core/providers/provider';
import type { ChatRequest, FinishReason, StreamEvent, Usage } from '../../../../../src/core/types';
import type { FakeServer } from '../../../../fakes/fakeServer';

/** A key the fake accepts; tests check it never shows up in our error messages. */
export const TEST_KEY = 'AIzaSyTEST-gemini-key-0042';
export const MODEL = 'gemini-test';

export function geminiProvider(fake: FakeServer, overrides: Partial<GeminiProviderSettings> = {}): Provider {
  return createGeminiProvider({ id: 'gemini', displayName: 'Google Gemini', apiKey: TEST_KEY, baseUrl: fake.baseUrls.gemini, ...overrides });
}

export function chat(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return { model: MODEL, messages: [{ role: 'user', content: 'Hi' }], ...overrides };
}

export interface Outcome {
  readonly events: StreamEvent[];
  readonly text: string;
  readonly finish?: { reason: FinishReason; raw?: string };
  /** The last usage snapshot (each replaces the one before). */
  readonly usage?: Usage;
  readonly error?: ProviderError;
}

export interface RunOptions {
  readonly signal?: AbortSignal;
  readonly timeouts?: Partial<StreamTimeouts>;
  /** Called after each event, e.g. to cancel mid-stream. */
  readonly onEvent?: (event: StreamEvent) => void;
}

/** Drains one stream; a thrown error is returned (and must be a `ProviderError`), never rethrown. */
export async function run(provider: Provider, request: ChatRequest = chat(), options: RunOptions = {}): Promise<Outcome> {
  const events: StreamEvent[] = [];
  let error: ProviderError | undefined;
  try {
    const stream = provider.stream(request, {
      signal: options.signal ?? new AbortController().signal,
      timeouts: options.timeouts ?? { firstTokenMs: 2_000, idleMs: 2_000 },
    });
    for await (const event of stream) {
      events.push(event);
      options.onEvent?.(event);
    }
  } catch (thrown) {
    if (!(thrown instanceof ProviderError)) throw thrown;
    error = thrown;
  }
  let finish: Outcome['finish'];
  let usage: Usage | undefined;
  let text = '';
  for (const event of events) {
    if (event.type === 'text-delta') text += event.text;
    else if (event.type === 'usage') usage = event.usage;
    else finish = { reason: event.reason, raw: event.raw };
  }
  return { events, text, finish, usage, error };
}

/** Polls `condition` every few ms; fails after `ms`. */
export async function until(condition: () => boolean, ms = 1_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
