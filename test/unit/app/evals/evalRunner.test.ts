import assert from 'node:assert/strict';
import type { BudgetGate } from '../../../../src/app/budgetGate';
import { EvalSetupError, runSuite } from '../../../../src/app/evals/evalRunner';
import { createRequestService } from '../../../../src/app/requestService';
import { builtinModels } from '../../../../src/core/catalog/builtinModels';
import { buildCatalog } from '../../../../src/core/catalog/modelCatalog';
import type { LedgerDraft } from '../../../../src/core/cost/ledger';
import type { EvalSuite } from '../../../../src/core/evals/suiteSchema';
import { FakeClock } from '../../core/resilience/fakeClock';
import { fakeEngine, Gate, type FakeStep } from '../../core/ensemble/fakeEngine';

const luna = { provider: 'openai', model: 'gpt-6-luna' };
const haiku = { provider: 'anthropic', model: 'claude-haiku-5-5' };
const sonnet = { provider: 'anthropic', model: 'claude-sonnet-5-5' };
const catalog = buildCatalog({ builtin: builtinModels, userEntries: [], discovered: [] });

function answer(text: string): FakeStep[] {
  return [{ text }, { usage: { inputTokens: 100, outputTokens: 10 } }, { finish: 'stop' }];
}

function harness(scripts: Record<string, FakeStep[][]>, budget?: BudgetGate) {
  const engine = fakeEngine(scripts);
  const records: LedgerDraft[] = [];
  const requests = createRequestService({
    engine: { classify: () => { throw new Error('no ask here'); }, route: () => { throw new Error('no ask here'); }, run: () => { throw new Error('no ask here'); } },
    fanOut: { engine, clock: new FakeClock(), pricingOf: (ref) => catalog.get(ref)?.pricing },
    catalog: () => catalog,
    record: (draft) => void records.push(draft),
    ...(budget !== undefined ? { budget } : {}),
  });
  const files: Record<string, string> = { 'src/a.ts': 'export const a = 1;' };
  const read = async (path: string) => new TextEncoder().encode(files[path] ?? '');
  return { engine, records, deps: { requests, catalog: () => catalog, read } };
}

const suite: EvalSuite = {
  id: 'years', feature: 'ask:extraction', threshold: 0.9, system: 'Answer with the year only.',
  cases: [
    { id: 'c1', prompt: 'Year of founding?', files: ['src/a.ts'], images: [], checks: [{ type: 'equals', value: '1998' }] },
    { id: 'c2', prompt: 'Year of the move?', files: [], images: [], checks: [{ type: 'regex', value: '^\\d{4}$' }, { type: 'judge', value: 'a plausible year' }] },
  ],
};

describe('runSuite', () => {
  it('asks every model every case through the request path (feature eval), grades, judges and aggregates', async () => {
    const { engine, records, deps } = harness({
      'gpt-6-luna': [answer('1998'), answer('2004')],
      'claude-haiku-5-5': [answer('1999'), answer('the year 2004')],
      'claude-sonnet-5-5': [answer('{"pass": true}'), answer('{"pass": true}')],
    });
    const progress: number[] = [];
    const { matrix, stopped } = await runSuite(suite, [luna, haiku], deps, { judge: sonnet, onProgress: (done) => progress.push(done) });
    assert.equal(stopped, undefined);
    assert.deepEqual(progress, [1, 2]);
    assert.deepEqual(matrix.rows.map((r) => [r.ref.model, r.passRate]), [['gpt-6-luna', 1], ['claude-haiku-5-5', 0]]);
    const sent = engine.calls[0]?.request.messages;
    assert.equal(sent?.[0]?.content, 'Answer with the year only.');
    assert.match(String(sent?.[1]?.content), /Year of founding\?\n\nsrc\/a\.ts:\n```\nexport const a = 1;\n```/);
    assert.deepEqual(engine.calls.map((c) => c.ref.model), ['gpt-6-luna', 'claude-haiku-5-5', 'gpt-6-luna', 'claude-haiku-5-5', 'claude-sonnet-5-5', 'claude-sonnet-5-5']);
    assert.ok(records.every((r) => r.feature === 'eval'));
    assert.equal(records.length, 6, 'every answer and every judge call are in the ledger');
    const haikuC2 = matrix.results.find((r) => r.caseId === 'c2' && r.ref.model === 'claude-haiku-5-5');
    assert.equal(haikuC2?.checks[0]?.detail, 'does not match /^\\d{4}$/');
    assert.deepEqual(haikuC2?.checks[1], { type: 'judge', pass: true });
    const lunaC1 = matrix.results.find((r) => r.caseId === 'c1' && r.ref.model === 'gpt-6-luna');
    const lunaC2 = matrix.results.find((r) => r.caseId === 'c2' && r.ref.model === 'gpt-6-luna');
    assert.ok((lunaC2?.costUsd ?? 0) > (lunaC1?.costUsd ?? Infinity), 'the judge\'s cost is counted in the case\'s');
    assert.ok(matrix.rows[0]?.costPerCaseUsd !== undefined && matrix.rows[0].p50Ms !== undefined);
  });

  it('fails a case the model could not answer, and one the judge fails, with the reason', async () => {
    const { deps } = harness({
      'gpt-6-luna': [[{ fail: 'serverError', status: 500 }], answer('2004')],
      'claude-sonnet-5-5': [answer('{"pass": false, "reason": "Not a year."}')],
    });
    const { matrix } = await runSuite(suite, [luna], deps, { judge: sonnet });
    assert.match(matrix.results[0]?.error ?? '', /^failed: /);
    assert.equal(matrix.results[1]?.checks[1]?.detail, 'Not a year.');
    assert.equal(matrix.rows[0]?.passRate, 0);
  });

  it('stops when the budget refuses a case: nothing sent, the reason reported', async () => {
    const budget: BudgetGate = { admit: async () => ({ go: false, reason: 'Not sent: over the daily cap.' }), liveCheck: () => undefined };
    const { engine, deps } = harness({}, budget);
    const { matrix, stopped } = await runSuite(suite, [luna], deps, { judge: sonnet });
    assert.equal(stopped, 'Not sent: over the daily cap.');
    assert.equal(engine.calls.length, 0);
    assert.equal(matrix.results.length, 0);
  });

  it('cancels: the running case stops and no later case starts', async () => {
    const gate = new Gate();
    const { engine, deps } = harness({ 'gpt-6-luna': [[{ text: '19' }, { wait: gate }, ...answer('98')]] });
    const controller = new AbortController();
    const run = runSuite(suite, [luna], deps, { judge: sonnet, signal: controller.signal });
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    const { matrix, stopped } = await run;
    assert.equal(stopped, 'cancelled');
    assert.equal(engine.calls.length, 1);
    assert.equal(matrix.results[0]?.error, 'stopped before it answered');
  });

  const setup: ReadonlyArray<readonly [string, EvalSuite, { judge?: typeof luna }, RegExp]> = [
    ['no judge for judge checks', suite, {}, /has judge checks: name a judge model/],
    ['a budget-tier judge', suite, { judge: luna }, /budget model: judges must be standard tier or above/],
    ['an unknown judge', { ...suite, judge: 'openai/nope' }, {}, /not a known model/],
  ];
  for (const [name, s, options, message] of setup) {
    it(`refuses to start with ${name}, sending nothing`, async () => {
      const { engine, deps } = harness({});
      await assert.rejects(runSuite(s, [luna], deps, options), (e: unknown) => e instanceof EvalSetupError && message.test(e.message));
      assert.equal(engine.calls.length, 0);
    });
  }
});
