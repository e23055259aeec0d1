import type { AskEngine, AskInput, AskRunRequest } from '../../../../src/app/askFlow';
import { ConversationSession } from '../../../../src/app/conversation/conversationSession';
import { ConversationStore, type ConversationStorage } from '../../../../src/app/conversation/conversationStore';
import { createRequestService } from '../../../../src/app/requestService';
import { buildCatalog } from '../../../../src/core/catalog/modelCatalog';
import type { ContextChip } from '../../../../src/core/conversation/conversation';
import type { RunEvent, RunResult } from '../../../../src/core/resilience/runEvents';
import type { RouteRequest } from '../../../../src/core/routing/taskProfile';
import type { ModelRef } from '../../../../src/core/types';
import { FakeClock } from '../../core/resilience/fakeClock';
import { fakeEngine } from '../../core/ensemble/fakeEngine';
import { decision, profile } from '../../core/ask/askFixtures';

/** Workspace storage in memory, as `vscode.Memento` would hold it (values deep-copied, as JSON). */
export class MemoryStorage implements ConversationStorage {
  readonly values = new Map<string, unknown>();

  get(key: string): unknown {
    const value = this.values.get(key);
    return value === undefined ? undefined : JSON.parse(JSON.stringify(value)) as unknown;
  }

  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, JSON.parse(JSON.stringify(value)) as unknown);
  }
}

/** The real request path over a scripted engine: it records what each turn routed and sent, and answers `answer N`. */
export function conversationHarness(options: { readonly fail?: () => boolean } = {}) {
  const routed: RouteRequest[] = [];
  const sent: AskRunRequest[] = [];
  const pinnedRuns: (readonly ModelRef[])[] = [];
  const engine: AskEngine = {
    classify: (request) => (routed.push(request), profile),
    route: () => decision,
    run: async function* (chain, request): AsyncGenerator<RunEvent, RunResult | undefined> {
      sent.push(request);
      pinnedRuns.push(chain);
      if (options.fail?.() === true) throw new Error('The provider refused the request. Check its key with "Quorum: Set API Key".');
      const text = `answer ${sent.length}`;
      yield { type: 'attempt-start', ref: chain[0] ?? decision.chosen, retry: 0 };
      yield { type: 'text-delta', text };
      return { answeredBy: chain[0] ?? decision.chosen, attempts: [], text, usage: { inputTokens: 10, outputTokens: 2 } };
    },
  };
  const catalog = buildCatalog({ builtin: [], userEntries: [], discovered: [] });
  const asked: AskInput[] = [];
  const path = createRequestService({
    engine,
    fanOut: { engine: fakeEngine({}), clock: new FakeClock(), pricingOf: () => undefined },
    catalog: () => catalog,
    record: () => undefined,
  });
  const requests = { ask: (input: AskInput, signal: AbortSignal) => (asked.push(input), path.ask(input, signal)) };
  const storage = new MemoryStorage();
  let ids = 0;
  let changes = 0;
  const clock = new FakeClock();
  const session = new ConversationSession({
    requests, store: new ConversationStore(storage), catalog: () => catalog, clock, newId: () => `id-${++ids}`, onChange: () => void changes++,
  });
  return { session, routed, sent, asked, pinnedRuns, storage, clock, changes: () => changes };
}

export function chip(id: string, text: string, extra: Partial<ContextChip> = {}): ContextChip {
  return { id, kind: 'reference', label: `${id}.ts`, text, tokens: Math.ceil(text.length / 4), path: `src/${id}.ts`, languageId: 'typescript', ...extra };
}
