import assert from 'node:assert/strict';
import { createEvalRouting } from '../../../../src/app/evals/evalRouting';
import type { BatchJob } from '../../../../src/app/evals/batchJob';
import { RECOVERED_BY } from '../../../../src/app/evals/batchRunRecovery';
import { EvalsSession } from '../../../../src/app/evals/evalsSession';
import { saveRun } from '../../../../src/app/evals/evalResults';
import { createRequestService } from '../../../../src/app/requestService';
import { builtinModels } from '../../../../src/core/catalog/builtinModels';
import { buildCatalog } from '../../../../src/core/catalog/modelCatalog';
import type { RoutingChange } from '../../../../src/core/evals/routingChange';
import type { EvalsState } from '../../../../src/shared/evalsProtocol';
import { FakeClock } from '../../core/resilience/fakeClock';
import { fakeEngine, type FakeStep } from '../../core/ensemble/fakeEngine';
import { memoryFolder, report, run } from './evalFixtures';

const catalog = buildCatalog({ builtin: builtinModels, userEntries: [], discovered: [] });
const DAY = 24 * 60 * 60 * 1000;
const SUITE = `id: years
feature: ask
cases:
  - { id: c1, prompt: "Year?", checks: [{ type: equals, value: "1998" }] }
  - { id: c2, prompt: "Again?", checks: [{ type: equals, value: "1998" }] }
`;

function answer(text: string): FakeStep[] {
  return [{ text }, { usage: { inputTokens: 100, outputTokens: 10 } }, { finish: 'stop' }];
}

function session(now: number, scripts: Record<string, FakeStep[][]> = {}, blocked = false) {
  const engine = fakeEngine(scripts);
  const requests = createRequestService({
    engine: { classify: () => { throw new Error('no ask'); }, route: () => { throw new Error('no ask'); }, run: () => { throw new Error('no ask'); } },
    fanOut: { engine, clock: new FakeClock(), pricingOf: (ref) => catalog.get(ref)?.pricing },
    catalog: () => catalog,
    record: () => undefined,
  });
  const folder = memoryFolder();
  const log: RoutingChange[] = [];
  let rules: unknown[] = [];
  let id = 0;
  const clock = { now: () => now };
  const routing = createEvalRouting({
    rules: { read: () => rules, write: (next) => Promise.resolve(void (rules = next)) },
    changeLog: { list: () => log, add: (c) => Promise.resolve(void log.push(c)) },
    announce: () => undefined, clock, newId: () => `c${(id += 1)}`,
  });
  const states: EvalsState[] = [];
  const s = new EvalsSession({
    ports: {
      suiteFiles: () => Promise.resolve([{ file: '.quorum/evals/years.yaml', text: SUITE }, { file: '.quorum/evals/bad.yaml', text: 'feature: ask\ncases: []\n' }]),
      runner: { requests, catalog: () => catalog, read: () => Promise.resolve(new Uint8Array()), batchSetting: () => 'never', clock },
      pricingOf: (ref) => catalog.get(ref)?.pricing,
      budgetVerdict: () => (blocked ? { decision: 'block', reason: 'This would cross the daily cap of $1.00.' } : { decision: 'allow', reason: 'No budget is set.' }),
      results: () => folder, clock, newId: () => `r${(id += 1)}`,
    },
    routing, changeLog: () => log, label: (m) => m, timeText: (iso) => iso,
  });
  s.onChange((state) => void states.push(state));
  return { session: s, folder, states, engine };
}

describe('EvalsSession', () => {
  it('lists valid suites and the invalid ones with their file:line problems', async () => {
    const { session: s } = session(0);
    await s.refresh();
    const state = s.state();
    assert.deepEqual(state.suites.map((x) => [x.id, x.cases, x.threshold]), [['years', 2, '90 %']]);
    assert.match(state.invalid[0]?.problems[0] ?? '', /^\.quorum\/evals\/bad\.yaml:2:\d+: cases: needs at least one case$/);
    assert.deepEqual(state.selectedSuites, ['years']);
  });

  it('estimates first (nothing sent), then runs, keeps and shows the run', async () => {
    const { session: s, folder, engine, states } = session(Date.parse('2026-12-06T00:00:00Z'), { 'gpt-6-luna': [answer('1998'), answer('1998')] });
    await s.refresh();
    await s.estimate(['years'], ['openai/gpt-6-luna']);
    assert.match(s.state().estimate?.text ?? '', /^2 calls, at most \$/);
    assert.equal(engine.calls.length, 0, 'an estimate sends nothing');
    const made = await s.run(['years'], ['openai/gpt-6-luna'], 'you');
    assert.equal(made?.suites[0]?.models[0]?.passRate, 1);
    assert.equal(Object.keys(folder.files).length, 1, 'the run is kept');
    assert.ok(states.some((x) => x.running && /^Case 1 of 2 · years$/.test(x.progress ?? '')), 'progress is shown');
    assert.equal(s.state().running, false);
    assert.equal(s.state().run?.results[0]?.route?.model, 'openai/gpt-6-luna');
  });

  it('does not start a run the budget would block, and says why', async () => {
    const { session: s, engine, folder } = session(0, { 'gpt-6-luna': [answer('1998'), answer('1998')] }, true);
    await s.refresh();
    assert.equal(await s.run(['years'], ['openai/gpt-6-luna'], 'you'), undefined);
    assert.equal(s.state().error, 'Not run: This would cross the daily cap of $1.00.');
    assert.equal(s.state().estimate?.blocked, true);
    assert.equal(engine.calls.length, 0);
    assert.deepEqual(folder.files, {});
  });

  it('refuses a selection of no suite or more than 12 models, saying what to do', async () => {
    const { session: s } = session(0);
    await s.refresh();
    assert.equal(await s.run([], ['openai/gpt-6-luna'], 'you'), undefined);
    assert.match(s.state().error ?? '', /Pick at least one valid suite/);
    assert.equal(await s.run(['years'], Array.from({ length: 13 }, (_, i) => `openai/m${i}`), 'you'), undefined);
    assert.match(s.state().error ?? '', /Pick 1 to 12 models/);
  });

  it('runs on schedule when due, on the models of the last run, and not before', async () => {
    const last = run('r0', '2026-12-01T00:00:00.000Z', [report('years', [['openai/gpt-6-luna', 2, 0.001]], { cases: 2 })]);
    const early = session(Date.parse(last.at) + DAY / 2);
    await saveRun(early.folder, last);
    assert.equal(await early.session.runIfDue('daily'), undefined);
    const due = session(Date.parse(last.at) + 2 * DAY, { 'gpt-6-luna': [answer('1998'), answer('1998')] });
    await saveRun(due.folder, last);
    assert.equal(await due.session.runIfDue('weekly'), undefined);
    const scheduled = await due.session.runIfDue('daily');
    assert.equal(scheduled?.by, 'scheduled run');
    assert.deepEqual(scheduled?.models, ['openai/gpt-6-luna']);
    assert.deepEqual(due.engine.calls.map((c) => c.ref.model), ['gpt-6-luna', 'gpt-6-luna']);
  });

  it('lists the batch queue as it changes, cancels a running job and removes a finished one through the queue', async () => {
    const { session: s, states } = session(0);
    const ref = { provider: 'openai', model: 'gpt-6-luna' };
    let jobs: BatchJob[] = [{
      id: 'openai:b1', provider: 'openai', batchId: 'b1', runId: 'r', suiteId: 'years', feature: 'eval', routeReason: 'r', submittedAt: 0, nextPollAt: 1, polls: 0,
      items: [{ customId: 'a', ref, caseId: 'c1' }], state: 'inProgress', counts: { total: 1, done: 0 },
    }];
    const listeners: (() => void)[] = [];
    const asked: string[] = [];
    const queue = {
      jobs: () => jobs,
      onChange: (listener: () => void) => (listeners.push(listener), () => undefined),
      cancel: (id: string) => Promise.resolve(void asked.push(`cancel ${id}`)),
      forget: (id: string) => Promise.resolve(void asked.push(`forget ${id}`)),
    };
    assert.deepEqual(s.state().batchJobs, []);
    s.showQueue(queue);
    assert.deepEqual(s.state().batchJobs.map((j) => [j.id, j.state, j.progress, j.active]), [['openai:b1', 'in progress', '0/1', true]]);
    jobs = [{ ...jobs[0] as BatchJob, state: 'expired', outcomes: [] }];
    for (const listener of listeners) listener();
    assert.deepEqual(states.at(-1)?.batchJobs.map((j) => [j.state, j.active]), [['expired', false]], 'listeners hear the queue change');
    await s.cancelJob('openai:b1');
    await s.removeJob('openai:b1');
    assert.deepEqual(asked, ['cancel openai:b1', 'forget openai:b1']);
  });

  it('says in the tab that a run came back from batch after a reload, shows it, and drops the note when a new run starts', async () => {
    const { session: s } = session(0, { 'gpt-6-luna': [answer('1998'), answer('1998')] });
    await s.refresh();
    await s.importRun(run('r9', '2026-12-06T03:00:00.000Z', [report('years', [['openai/gpt-6-luna', 2, 0.001]], { cases: 2 })], RECOVERED_BY));
    assert.match(s.state().notice ?? '', /^Back from batch: the run of years that was under way when the window reloaded has finished/);
    assert.equal(s.state().run?.id, 'r9');
    assert.match(s.state().run?.title ?? '', /by batch, finished after a window reload$/);
    await s.run(['years'], ['openai/gpt-6-luna'], 'you');
    assert.equal(s.state().notice, undefined);
    assert.notEqual(s.state().run?.id, 'r9');
  });
});
