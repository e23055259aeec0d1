import assert from 'node:assert/strict';
import type { BudgetAdmission, BudgetGate } from '../../../../src/app/budgetGate';
import { ensembleRequests, type EnsembleDeps } from '../../../../src/app/ensemble/ensembleRequests';
import { createRequestPrivacy } from '../../../../src/app/privacy/requestPrivacy';
import type { LedgerDraft } from '../../../../src/core/cost/ledger';
import type { ColumnEngine } from '../../../../src/core/ensemble/compare/fanOut';
import type { DataSentDraft } from '../../../../src/core/privacy/dataSent';
import type { ModelRef } from '../../../../src/core/types';
import { FakeClock } from '../../core/resilience/fakeClock';
import { fakeEngine, Gate, type FakeEngine } from '../../core/ensemble/fakeEngine';

const luna: ModelRef = { provider: 'openai', model: 'luna' };
const haiku: ModelRef = { provider: 'anthropic', model: 'haiku' };
const flash: ModelRef = { provider: 'gemini', model: 'flash' };
/** $1 per MTok in and out: 1 token = $0.000001. */
const PRICE = { inputPerMTok: 1, outputPerMTok: 1 };
const messages = [{ role: 'user' as const, content: 'Is 7 prime?' }];

/** A budget that answers every admission with `go` and remembers the estimates it saw. */
function scriptedBudget(go: boolean, live?: (cost: number | undefined) => string | undefined): BudgetGate & { estimates: (number | undefined)[] } {
  const estimates: (number | undefined)[] = [];
  return {
    estimates,
    admit: async (estimate): Promise<BudgetAdmission> => (estimates.push(estimate), go ? { go: true } : { go: false }),
    liveCheck: (cost) => live?.(cost()),
  };
}

function setup(engine: FakeEngine, budget?: BudgetGate): { deps: EnsembleDeps; records: LedgerDraft[] } {
  const records: LedgerDraft[] = [];
  const deps: EnsembleDeps = {
    fanOut: { engine, clock: new FakeClock(), pricingOf: () => PRICE },
    record: (draft) => void records.push(draft),
    ...(budget !== undefined ? { budget } : {}),
  };
  return { deps, records };
}

describe('ensembleRequests: the request path for Compare, Vote and the cascade', () => {
  it('a comparison the budget does not admit sends nothing and records nothing', async () => {
    const engine = fakeEngine({});
    const budget = scriptedBudget(false);
    const { deps, records } = setup(engine, budget);
    const started = await ensembleRequests(deps).compare({ columns: [{ id: 'a', ref: luna }, { id: 'b', ref: haiku }], request: { messages }, feature: 'compare', routeReason: 'compare: 2 models side by side' });
    assert.ok('refused' in started);
    assert.equal(engine.calls.length, 0);
    assert.deepEqual(records, []);
    assert.equal(budget.estimates.length, 1);
    assert.ok((budget.estimates[0] ?? 0) > 0, 'the whole comparison is estimated before asking');
  });

  it('an admitted comparison records every column, with its feature and reason', async () => {
    const engine = fakeEngine({});
    const { deps, records } = setup(engine, scriptedBudget(true));
    const started = await ensembleRequests(deps).compare({ columns: [{ id: 'a', ref: luna }, { id: 'b', ref: haiku }], request: { messages }, feature: 'compare', routeReason: 'compare: 2 models side by side' });
    assert.ok(!('refused' in started));
    await started.run.idle();
    assert.deepEqual(records.map((r) => `${r.model} ${r.feature} ${r.outcome} ${r.routeReason}`).sort(), [
      'haiku compare success compare: 2 models side by side', 'luna compare success compare: 2 models side by side',
    ]);
    assert.ok(records.every((r) => r.costUsd !== undefined && r.costUsd > 0));
  });

  it('a vote is estimated with its judges: a judge vote costs more than a majority vote of the same models', async () => {
    const majority = scriptedBudget(false);
    await ensembleRequests(setup(fakeEngine({}), majority).deps).vote({ messages, models: [luna, haiku], strategy: 'majority', feature: 'vote', describe: () => 'vote' });
    const judged = scriptedBudget(false);
    await ensembleRequests(setup(fakeEngine({}), judged).deps).vote({ messages, models: [luna, haiku], judges: [flash], strategy: 'judge', feature: 'vote', describe: () => 'vote' });
    assert.ok((judged.estimates[0] ?? 0) > (majority.estimates[0] ?? Infinity));
  });

  it('records judges and members with the reason the caller describes', async () => {
    const engine = fakeEngine({ luna: [[{ text: 'yes' }, { usage: { inputTokens: 5, outputTokens: 1 } }]], haiku: [[{ text: 'no' }, { usage: { inputTokens: 5, outputTokens: 1 } }]] });
    const { deps, records } = setup(engine, scriptedBudget(true));
    const started = await ensembleRequests(deps).vote({
      messages, models: [luna, haiku], judges: [flash], strategy: 'judge', feature: 'vote',
      describe: (s) => `vote (judge): ${s.id.startsWith('judge-') ? 'judge' : 'member'}`,
    });
    assert.ok(!('refused' in started));
    await started.run.result;
    assert.deepEqual(records.map((r) => `${r.model} ${r.routeReason}`), ['luna vote (judge): member', 'haiku vote (judge): member', 'flash vote (judge): judge']);
  });

  it('stops every column once the live cost of the whole request reaches the cap, and says why', async () => {
    const gate = new Gate();
    const streaming = [{ text: 'word '.repeat(200) }, { wait: gate }, { text: 'more' }];
    const engine = fakeEngine({ luna: [streaming], haiku: [streaming] });
    const budget = scriptedBudget(true, (cost) => (cost !== undefined && cost > 0.0001 ? 'Stopped at the cap.' : undefined));
    const { deps, records } = setup(engine, budget);
    const started = await ensembleRequests(deps).compare({ columns: [{ id: 'a', ref: luna }, { id: 'b', ref: haiku }], request: { messages }, feature: 'compare', routeReason: 'compare' });
    assert.ok(!('refused' in started));
    const summaries = await started.run.idle();
    assert.deepEqual(summaries.map((s) => s.status), ['stopped', 'stopped']);
    assert.equal(started.stopReason(), 'Stopped at the cap.');
    assert.deepEqual(records.map((r) => r.outcome), ['cancelled', 'cancelled'], 'stopped calls are still recorded');
    assert.ok(engine.calls.every((c) => c.signal.aborted));
  });

  it('a cascade the budget does not admit asks no model', async () => {
    const engine = fakeEngine({});
    const budget = scriptedBudget(false);
    const started = await ensembleRequests(setup(engine, budget).deps).cascade({ ladder: [luna, haiku], threshold: 0.7, messages, feature: 'vote', describe: () => 'step' });
    assert.ok('refused' in started);
    assert.equal(engine.calls.length, 0);
  });

  it('the caller\'s stop stops an admitted comparison', async () => {
    const gate = new Gate();
    const engine = fakeEngine({ luna: [[{ text: 'a' }, { wait: gate }]], haiku: [[{ text: 'b' }, { wait: gate }]] });
    const controller = new AbortController();
    const started = await ensembleRequests(setup(engine).deps).compare({ columns: [{ id: 'a', ref: luna }, { id: 'b', ref: haiku }], request: { messages }, feature: 'compare', routeReason: 'compare', signal: controller.signal });
    assert.ok(!('refused' in started));
    controller.abort();
    assert.deepEqual((await started.run.idle()).map((s) => s.status), ['stopped', 'stopped']);
    assert.equal(started.stopReason(), undefined);
  });
});

describe('ensembleRequests privacy: screened before admission, every call in the data-sent log', () => {
  const TOKEN = `ghp_${'a1B2'.repeat(9)}`;
  /** The fake engine, announcing each run as the runner does before it sends. */
  function announcing(engine: FakeEngine): ColumnEngine {
    return {
      run(ref, request, options) {
        const run = engine.run(ref, request, options);
        let announced = false;
        return {
          next: async () => {
            if (announced) return run.next();
            announced = true;
            return { done: false, value: { type: 'attempt-start', ref, retry: 0 } };
          },
        };
      },
    };
  }
  function privateSetup(mode: 'redact' | 'block') {
    const engine = fakeEngine({});
    const log: DataSentDraft[] = [];
    const budget = scriptedBudget(true);
    const deps: EnsembleDeps = {
      fanOut: { engine: announcing(engine), clock: new FakeClock(), pricingOf: () => PRICE },
      record: () => undefined,
      budget,
      privacy: createRequestPrivacy({ secretsMode: () => mode, record: (d) => void log.push(d), originOf: (id) => `https://${id}.example` }),
    };
    return { engine, log, budget, requests: ensembleRequests(deps) };
  }
  const secretMessages = [{ role: 'user' as const, content: `token ${TOKEN} leaks?` }];

  it('a comparison logs one entry per column with origin, model and bytes; the models see the marker', async () => {
    const { engine, log, requests } = privateSetup('redact');
    const started = await requests.compare({ columns: [{ id: 'a', ref: luna }, { id: 'b', ref: haiku }], request: { messages: secretMessages }, feature: 'compare', routeReason: 'compare' });
    assert.ok(!('refused' in started));
    await started.run.idle();
    assert.deepEqual(log.map((e) => `${e.feature} ${e.provider}/${e.model} ${e.origin} ${e.bytes > 0}`).sort(), [
      'compare anthropic/haiku https://anthropic.example true', 'compare openai/luna https://openai.example true',
    ]);
    assert.ok(engine.calls.every((c) => !JSON.stringify(c.request).includes(TOKEN) && JSON.stringify(c.request).includes('[REDACTED API token]')));
    assert.equal(log[0]?.secrets[0]?.what, 'GitHub API token');
  });

  for (const kind of ['compare', 'vote', 'cascade'] as const) {
    it(`block: a ${kind} with a secret is refused before the budget is asked, nothing is sent`, async () => {
      const { engine, log, budget, requests } = privateSetup('block');
      const describe = () => kind;
      const started = kind === 'compare'
        ? await requests.compare({ columns: [{ id: 'a', ref: luna }, { id: 'b', ref: haiku }], request: { messages: secretMessages }, feature: 'compare', routeReason: 'compare' })
        : kind === 'vote'
          ? await requests.vote({ models: [luna, haiku, flash], messages: secretMessages, strategy: 'majority', feature: 'vote', describe })
          : await requests.cascade({ ladder: [luna, haiku], threshold: 0.8, messages: secretMessages, feature: 'cascade', describe });
      assert.ok('refused' in started);
      assert.match(started.reason ?? '', /GitHub API token \(user message 1, line 1\)/);
      assert.equal(engine.calls.length, 0);
      assert.equal(budget.estimates.length, 0);
      assert.deepEqual(log.map((e) => e.outcome), ['blocked']);
    });
  }
});
