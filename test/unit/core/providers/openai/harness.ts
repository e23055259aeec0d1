import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { ProviderError } from '../../../../../src/core/errors';
import { createOpenAICompatibleProvider, createOpenAIProvider } from '../../../../../src/core/providers/openai/provider';
import type { Provider, StreamTimeouts } from '../../../../../src/core/providers/provider';
import type { ChatRequest, StreamEvent, Usage } from '../../../../../src/core/types';
import type { FakeServer } from '../../../../fakes/fakeServer';
import type { RecordedRequest } from '../../../../fakes/scenario';

/** Shared by the OpenAI and OpenAI-compatible adapter tests. */
export type Dialect = 'openai' | 'openaiCompatible';

export const OPENAI_KEY = 'sk-proj-quorumTEST0123456789abcdefXYZ9';

/** Millisecond deadlines so fault tests finish fast. */
export const FAST: StreamTimeouts = { firstTokenMs: 150, idleMs: 80 };

export function providerFor(
  fake: FakeServer,
  dialect: Dialect,
  overrides: { apiKey?: string | undefined; baseUrl?: string; headers?: Record<string, string> } = {},
): Provider {
  const common = {
    apiKey: 'apiKey' in overrides ? overrides.apiKey : dialect === 'openai' ? OPENAI_KEY : undefined,
    baseUrl: overrides.baseUrl ?? fake.baseUrls[dialect],
    headers: overrides.headers,
  };
  return dialect === 'openai'
    ? createOpenAIProvider({ id: 'openai', displayName: 'OpenAI', ...common })
    : createOpenAICompatibleProvider({ id: 'compat:ollama', displayName: 'Ollama', ...common });
}

export function ask(model: string, text = 'Say hello.', extra: Partial<ChatRequest> = {}): ChatRequest {
  return { model, messages: [{ role: 'user', content: text }], ...extra };
}

export async function collect(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

/** Runs a stream that must fail; returns the error and the events yielded before it. */
export async function failure(stream: AsyncIterable<StreamEvent>): Promise<{ error: ProviderError; events: StreamEvent[] }> {
  const events: StreamEvent[] = [];
  try {
    for await (const event of stream) events.push(event);
  } catch (error) {
    assert.ok(error instanceof ProviderError, `expected a ProviderError, got ${String(error)}`);
    return { error, events };
  }
  assert.fail(`expected the stream to fail; it yielded ${JSON.stringify(events)}`);
}

export function textOf(events: readonly StreamEvent[]): string {
  return events.map((e) => (e.type === 'text-delta' ? e.text : '')).join('');
}

export function usageOf(events: readonly StreamEvent[]): Usage | undefined {
  const usage = events.filter((e) => e.type === 'usage');
  return usage.length === 0 ? undefined : (usage.at(-1) as { usage: Usage }).usage;
}

export function finishOf(events: readonly StreamEvent[]): StreamEvent | undefined {
  return events.find((e) => e.type === 'finish');
}

/** Chat requests the fake saw (models listing and embeddings excluded). */
export function chatRequests(fake: FakeServer): RecordedRequest[] {
  return fake.requests.filter((r) => r.path === '/v1/chat/completions');
}

export function onlyRequest(fake: FakeServer): RecordedRequest {
  assert.equal(fake.requests.length, 1, `expected exactly one request, saw ${fake.requests.length}`);
  return fake.requests[0] as RecordedRequest;
}

/** The fake learns of a client abort from the socket closing, a moment after the client gave up. */
export async function waitForClientAbort(request: RecordedRequest, withinMs = 1000): Promise<void> {
  const until = Date.now() + withinMs;
  while (request.clientAborted !== true && Date.now() < until) await delay(5);
  assert.equal(request.clientAborted, true, 'the fake never saw the HTTP request aborted');
}
