import assert from 'node:assert/strict';
import { runCasesInBatch } from '../../../../src/app/evals/batchEvalRun';
import type { BatchQueue } from '../../../../src/app/evals/batchQueue';
import { recoverBatchRuns, RECOVERED_BY, type BatchRunRecoveryDeps, type ImportedRunsStore } from '../../../../src/app/evals/batchRunRecovery';
import { saveRun, type EvalRun } from '../../../../src/app/evals/evalResults';
import { parseSuite } from '../../../../src/core/evals/parseSuite';
import type { EvalSuite } from '../../../../src/core/evals/suiteSchema';
import { anthropicFake } from '../../../fakes/anthropicFake';
import { openaiFake } from '../../../fakes/openaiFake';
import { useFakeServer } from '../../../fakes/useFakeServer';
import { batchWorld, driveToEnd, type BatchWorld } from './batchHarness';
import { memoryFolder } from './evalFixtures';

const luna = { provider: 'openai', model: 'gpt-6-luna' };
const haiku = { provider: 'anthropic', model: 'claude-haiku-5-5' };
const SUITE_TEXT = `id: greetings
feature: ask
cases:
${[0, 1, 2, 3].map((i) => `  - { id: case-${i}, prompt: "Say hello, case ${i}.", checks: [{ type: contains, value: "Hello from" }] }`).join('\n')}
`;
const suite = parseSuite('.quorum/evals/greetings.yaml', SUITE_TEXT).suite as EvalSuite;
const read = () => Promise.resolve(new Uint8Array());

class MemoryImported implements ImportedRunsStore {
  ids: readonly string[] = [];
  load(): readonly string[] {
    return this.ids;
  }
  save(ids: readonly string[]): Promise<void> {
    this.ids = [...ids];
    return Promise.resolve();
  }
}

/** A window's recovery over `queue`; `imports` fills as runs are handed to the session. */
function recovery(world: BatchWorld, queue: BatchQueue, imported: MemoryImported, folder = memoryFolder()) {
  const imports: EvalRun[] = [];
  const errors: unknown[] = [];
  const deps: BatchRunRecoveryDeps = {
    queue, imported, onError: (e) => void errors.push(e),
    importRun: async (run) => {
      imports.push(run);
      await saveRun(folder, run);
    },
    ports: { suiteFiles: () => Promise.resolve([{ file: '.quorum/evals/greetings.yaml', text: SUITE_TEXT }]), results: () => folder, clock: world.clock, runner: {} },
  };
  const stop = recoverBatchRuns(deps);
  return { imports, errors, stop, folder };
}

/** Lets the recovery's chain of reads run out (in-memory folder and store: no timers, only callbacks). */
async function settled(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 1_000 && !done(); i += 1) await new Promise((resolve) => setImmediate(resolve));
}

describe('recoverBatchRuns (a batch run whose window was reloaded)', () => {
  const fake = useFakeServer(() => [openaiFake('openai'), anthropicFake()], {
    answers: [{ model: 'claude-haiku-5-5', promptIncludes: 'case 2.', text: 'Goodbye.' }],
  });

  /** Submits the run in a first window, polls once, and "reloads": the run's promise is dropped. */
  async function submitThenReload(world: BatchWorld): Promise<void> {
    const first = await world.openQueue();
    let submitted = false;
    void runCasesInBatch(suite, [luna, haiku], { requests: world.requests, queue: first, read, clock: world.clock }, { runId: 'run-1', onSubmitted: () => { submitted = true; } });
    while (!submitted) await new Promise((resolve) => setImmediate(resolve));
    world.clock.advance((first.nextDueAt() ?? 0) - world.clock.now());
    await first.tick();
    assert.ok(first.jobs().every((j) => j.state === 'inProgress'));
  }

  it('regrades the run once its jobs end after the reload, hands it to the session, and never imports it twice', async () => {
    const world = batchWorld(fake);
    await submitThenReload(world);
    const imported = new MemoryImported();
    const second = await world.openQueue();
    const window2 = recovery(world, second, imported);
    await settled();
    assert.equal(window2.imports.length, 0, 'nothing before the jobs end');

    await driveToEnd(second, world.clock);
    await until(() => window2.imports.length > 0 || window2.errors.length > 0);
    assert.deepEqual(window2.errors, []);
    assert.equal(window2.imports.length, 1);
    const run = window2.imports[0];
    assert.equal(run?.id, 'run-1');
    assert.equal(run?.by, RECOVERED_BY);
    assert.deepEqual(run?.models, ['openai/gpt-6-luna', 'anthropic/claude-haiku-5-5']);
    assert.deepEqual(run?.suites[0]?.models.map((m) => [m.model, m.cases, m.passed]), [['openai/gpt-6-luna', 4, 4], ['anthropic/claude-haiku-5-5', 4, 3]]);
    assert.deepEqual(imported.ids, ['run-1']);

    // More queue changes in the same window, then a second reload (the jobs are still in the queue): no more imports.
    await second.forget(second.jobs()[0]?.id ?? '');
    await settled();
    assert.equal(window2.imports.length, 1);
    window2.stop();
    // A results folder without the run (say, moved elsewhere): only the persisted ids keep it from coming back.
    const window3 = recovery(world, await world.openQueue(), imported, memoryFolder());
    await settled();
    assert.equal(window3.imports.length, 0, 'persisted as imported');
    const forgetful = recovery(world, await world.openQueue(), new MemoryImported(), memoryFolder());
    await until(() => forgetful.imports.length > 0);
    assert.equal(forgetful.imports.length, 1, 'the control: without the persisted ids it would import again');
  });

  it('leaves alone a run this window waits for, and a run already kept', async () => {
    const world = batchWorld(fake);
    await submitThenReload(world);
    const second = await world.openQueue();
    const folder = memoryFolder();
    await saveRun(folder, { id: 'run-1', at: new Date(0).toISOString(), by: 'you', models: [], suites: [] });
    const window2 = recovery(world, second, new MemoryImported(), folder);
    let submitted = false;
    const live = runCasesInBatch(suite, [luna], { requests: world.requests, queue: second, read, clock: world.clock }, { runId: 'live', onSubmitted: () => { submitted = true; } });
    while (!submitted) await new Promise((resolve) => setImmediate(resolve));
    await driveToEnd(second, world.clock);
    const outcome = await live;
    await settled();
    assert.equal(outcome.matrix.rows[0]?.passed, 4, 'the live call got its results');
    assert.deepEqual(window2.imports, [], 'the live run is its caller\'s; run-1 was already kept');
  });
});
