import assert from 'node:assert/strict';
import type { AskEngine, AskRunRequest } from '../../../src/app/askFlow';
import type { BudgetGate } from '../../../src/app/budgetGate';
import { createRequestService } from '../../../src/app/requestService';
import { buildCatalog } from '../../../src/core/catalog/modelCatalog';
import type { LedgerDraft } from '../../../src/core/cost/ledger';
import type { DataSentDraft } from '../../../src/core/privacy/dataSent';
import type { RouteDecision } from '../../../src/core/routing/routeDecision';
import type { RunEvent, RunResult } from '../../../src/core/resilience/runEvents';
import { FakeClock } from '../core/resilience/fakeClock';
import { fakeEngine } from '../core/ensemble/fakeEngine';
import { decision, luna, profile } from '../core/ask/askFixtures';
import { lastState, recordingEngine } from './recordingEngine';

const engine = () => recordingEngine(() => ({ text: 'done', usage: { inputTokens: 10, outputTokens: 1 } }));
const last = lastState;

function service(budget?: BudgetGate) {
  const e = engine();
  const records: LedgerDraft[] = [];
  const decisions: RouteDecision[] = [];
  const catalog = buildCatalog({ builtin: [], userEntries: [], discovered: [] });
  const requests = createRequestService({
    engine: e,
    fanOut: { engine: fakeEngine({}), clock: new FakeClock(), pricingOf: () => ({ inputPerMTok: 1, outputPerMTok: 1 }) },
    catalog: () => catalog,
    record: (draft) => void records.push(draft),
    onDecision: (d) => void decisions.push(d),
    ...(budget !== undefined ? { budget } : {}),
  });
  return { requests, e, records, decisions };
}

const generic = { messages: [{ role: 'user' as const, content: 'Fix this: let x = 1' }], feature: 'codeAction' as const };

describe('requestService.ask: one path for Ask, code actions and chat', () => {
  it('routes on the generic request, sends what `shape` builds for the chosen model, and reports the decision', async () => {
    const { requests, e, decisions, records } = service();
    const shaped = { messages: [{ role: 'system' as const, content: `shaped for ${decision.chosen.model}` }, { role: 'user' as const, content: 'x' }], maxOutputTokens: 77 };
    const state = await last(requests.ask({ prompt: 'Quorum: Fix', request: generic, shape: (d) => (assert.equal(d, decision), shaped) }, new AbortController().signal));
    assert.equal(state.phase, 'done');
    assert.deepEqual(e.sent, [shaped]);
    assert.deepEqual(decisions, [decision], '"Explain Last Route" sees a code action\'s decision');
    assert.equal(records.length, 1);
    assert.equal(records[0]?.feature, 'codeAction');
  });

  it('records under the way in it names (chat routes as ask, is recorded as chat)', async () => {
    const { requests, records } = service();
    await last(requests.ask({ prompt: 'hi', request: { ...generic, feature: 'ask' }, ledgerFeature: 'chat' }, new AbortController().signal));
    assert.deepEqual(records.map((r) => r.feature), ['chat']);
  });

  it('admits on the shaped request\'s estimate; refused, nothing is sent or recorded', async () => {
    const estimates: (number | undefined)[] = [];
    const budget: BudgetGate = { admit: async (usd) => (estimates.push(usd), { go: false, reason: 'Not sent: over budget.' }), liveCheck: () => undefined };
    const { requests, e, records } = service(budget);
    const state = await last(requests.ask({ prompt: 'x', request: generic, shape: () => ({ messages: generic.messages, maxOutputTokens: 10 }) }, new AbortController().signal));
    assert.equal(state.phase, 'failed');
    assert.equal(state.error, 'Not sent: over budget.');
    assert.deepEqual(e.sent, []);
    assert.deepEqual(records, []);
    assert.equal(estimates.length, 1);
  });
});

describe('requestService privacy: secrets screened before anything is sent, every attempt logged', () => {
  const KEY = ['-----BEGIN EC PRIVATE KEY-----', 'MHcCAQEEIfake', '-----END EC PRIVATE KEY-----'].join('\n');
  const second = { provider: 'anthropic', model: 'haiku' };

  function privateService(mode: 'redact' | 'block' | 'warn') {
    const sent: AskRunRequest[] = [];
    const classified: string[] = [];
    const log: DataSentDraft[] = [];
    const failover: AskEngine = {
      classify: (request) => (classified.push(JSON.stringify(request.messages)), profile),
      route: () => decision,
      run: async function* (_chain, request): AsyncGenerator<RunEvent, RunResult> {
        sent.push(request);
        yield { type: 'attempt-start', ref: luna, retry: 0 };
        yield { type: 'attempt-start', ref: luna, retry: 1 };
        yield { type: 'attempt-start', ref: second, retry: 0 };
        yield { type: 'text-delta', text: 'done' };
        return { answeredBy: second, attempts: [], text: 'done' };
      },
    };
    const catalog = buildCatalog({ builtin: [], userEntries: [], discovered: [] });
    const requests = createRequestService({
      engine: failover,
      fanOut: { engine: fakeEngine({}), clock: new FakeClock(), pricingOf: () => undefined },
      catalog: () => catalog,
      record: () => undefined,
      privacy: { secretsMode: () => mode, record: (d) => void log.push(d), originOf: (id) => `https://${id}.example` },
    });
    return { requests, sent, classified, log };
  }
  const withKey = { messages: [{ role: 'user' as const, content: `What is wrong with\n${KEY}` }], feature: 'ask' as const, contextFiles: ['keys/id.pem'] };

  it('logs every attempt of the chain — a retry and a failover to a second provider included — with origin, model and bytes', async () => {
    const { requests, log } = privateService('redact');
    await last(requests.ask({ prompt: 'hi', request: { ...generic, feature: 'ask' } }, new AbortController().signal));
    assert.deepEqual(log.map((e) => `${e.outcome} ${e.provider}/${e.model} ${e.origin} retry ${e.retry} ${e.bytes} B`), [
      `sent openai/${luna.model} https://openai.example retry 0 19 B`,
      `sent openai/${luna.model} https://openai.example retry 1 19 B`,
      'sent anthropic/haiku https://anthropic.example retry 0 19 B',
    ]);
  });

  it('block: the answer fails with what was found, nothing reaches the classifier or a model, the log says blocked', async () => {
    const { requests, sent, classified, log } = privateService('block');
    const state = await last(requests.ask({ prompt: 'x', request: withKey }, new AbortController().signal));
    assert.equal(state.phase, 'failed');
    assert.match(state.error ?? '', /did not send this request: it contains a private key \(user message 1, line 2\)/);
    assert.deepEqual(sent, []);
    assert.deepEqual(classified, []);
    assert.deepEqual(log.map((e) => [e.outcome, e.files]), [['blocked', ['keys/id.pem']]]);
  });

  it('redact: the classifier and every model see the marker, never the key; a shaped request is screened too', async () => {
    const { requests, sent, classified, log } = privateService('redact');
    const shape = () => ({ messages: [{ role: 'system' as const, content: 'Review.' }, { role: 'user' as const, content: KEY }] });
    await last(requests.ask({ prompt: 'x', request: withKey, shape }, new AbortController().signal));
    const seen = JSON.stringify([sent, classified]);
    assert.ok(!seen.includes('MHcCAQEEIfake'), seen);
    assert.ok(seen.includes('[REDACTED private key]'));
    assert.deepEqual(log[0]?.secrets, [
      { what: 'private key', where: 'user message 1, line 2', action: 'redacted' },
      { what: 'private key', where: 'user message 2, line 1', action: 'redacted' },
    ]);
  });
});
