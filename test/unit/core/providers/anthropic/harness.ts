import { isProviderError, type ProviderError } from '../../../../../src/core/errors';
import { createAnthropicProvider } from '../../../../../src/core/providers/anthropic/provider';
import type { Provider, ProviderSettings, StreamTimeouts } from '../../../../../src/core/providers/provider';
import type { ChatRequest, StreamEvent } from '../../../../../src/core/types';
import type { FakeServer } from '../../../../fakes/fakeServer';

/** A model name the SDK does not warn about (it prints deprecation warnings for some). */
export const MODEL = 'claude-haiku-4-5';
export const TEST_KEY = 'sk-ant-test-0123456789abcdef';

/** Millisecond-scale deadlines so timeout tests stay fast. */
export const FAST: Partial<StreamTimeouts> = { firstTokenMs: 150, idleMs: 80 };

export function anthropicFor(baseUrl: string, overrides: Partial<ProviderSettings> = {}): Provider {
  return createAnthropicProvider({ id: 'anthropic', displayName: 'Anthropic', apiKey: TEST_KEY, baseUrl, ...overrides });
}

export function providerOn(fake: FakeServer, overrides: Partial<ProviderSettings> = {}): Provider {
  return anthropicFor(fake.baseUrls.anthropic, overrides);
}

export function ask(text: string, extra: Partial<ChatRequest> = {}): ChatRequest {
  return { model: MODEL, messages: [{ role: 'user', content: text }], ...extra };
}

export interface StreamOutcome {
  readonly events: StreamEvent[];
  readonly text: string;
  readonly error?: ProviderError;
}

/** Drains a stream; a `ProviderError` is returned as the outcome, anything else thrown is a test failure. */
export async function collect(
  provider: Provider,
  request: ChatRequest,
  options: { signal?: AbortSignal; timeouts?: Partial<StreamTimeouts>; onEvent?: (event: StreamEvent) => void } = {},
): Promise<StreamOutcome> {
  const events: StreamEvent[] = [];
  let error: ProviderError | undefined;
  try {
    for await (const event of provider.stream(request, { signal: options.signal ?? new AbortController().signal, timeouts: options.timeouts })) {
      events.push(event);
      options.onEvent?.(event);
    }
  } catch (thrown) {
    if (!isProviderError(thrown)) throw thrown;
    error = thrown;
  }
  const text = events.flatMap((e) => (e.type === 'text-delta' ? [e.text] : [])).join('');
  return { events, text, error };
}

/** Waits (bounded) for something the fake records asynchronously, e.g. `clientAborted` after the socket closes. */
export async function eventually(check: () => boolean, ms = 500): Promise<boolean> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 5));
  }
  return true;
}
