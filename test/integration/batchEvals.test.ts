// Batch evals in the real extension host: a large run goes to the providers' batch APIs (the fakes'), one job per
// vendor, through the one request path; the window's queue shows and polls the jobs; each result is in the ledger
// at the batch rate.
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BatchJob } from '../../src/app/evals/batchJob';
import type { LedgerRecord } from '../../src/core/cost/ledgerRecord';
import type { EvalSuite } from '../../src/core/evals/suiteSchema';
import * as vscode from 'vscode';
import type { EvalsState } from '../../src/shared/evalsProtocol';
import { fakeRequests, quorumApi, useFakeProviders, waitFor } from './helpers';

const MODELS = [
  { provider: 'openai', model: 'gpt-6-luna' },
  { provider: 'anthropic', model: 'claude-haiku-5-5' },
  { provider: 'gemini', model: 'gemini-3.5-flash-lite' },
];
const CASES = 60;

function suite(id: string): EvalSuite {
  return {
    id, feature: 'ask', threshold: 0.9, maxOutputTokens: 32,
    cases: Array.from({ length: CASES }, (_, i) => ({ id: `c${i}`, prompt: `Hello, batch greeting number ${i}.`, files: [], images: [], checks: [{ type: 'contains' as const, value: 'Hello from' }] })),
  };
}

/** Reads the jobs of `suiteId` ("Check Now") until every one has ended; each read advances the fakes' jobs. */
async function checkUntilEnded(suiteId: string): Promise<readonly BatchJob[]> {
  const api = await quorumApi();
  for (let round = 0; round < 400; round += 1) {
    const mine = (await api.checkBatchJobs()).filter((j) => j.suiteId === suiteId);
    if (mine.length === MODELS.length && mine.every((j) => j.outcomes !== undefined)) return mine;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  assert.fail(`the batch jobs of ${suiteId} never ended`);
}

async function ledger(): Promise<LedgerRecord[]> {
  const file = path.join(os.tmpdir(), `quorum-batch-evals-${process.pid}.json`);
  try {
    await (await quorumApi()).exportUsageTo(file);
    return (JSON.parse(await readFile(file, 'utf8')) as { records: LedgerRecord[] }).records;
  } finally {
    await rm(file, { force: true });
  }
}

describe('Batch evals in the real host', function () {
  this.timeout(120_000);
  useFakeProviders({ openai: 'sk-test-batch-openai-0001', anthropic: 'sk-ant-test-batch-0001', gemini: 'AIzaSyTestBatchGemini0001' }, {
    'quorum.privacy.allowedProviders': ['openai', 'anthropic', 'gemini'],
    'quorum.evals.batch': 'auto',
  });

  it('a 60-case run on three vendors: one batch job each, shown in the status bar, graded, every result recorded at batch prices', async () => {
    const api = await quorumApi();
    await api.spendReady();
    const id = `batch-it-${Date.now()}`;
    const run = api.runEvalSuite(suite(id), MODELS);
    const jobs = await checkUntilEnded(id);
    const { matrix, decision, stopped } = await run;
    assert.equal(decision.batch, true, decision.why);
    assert.equal(stopped, undefined);
    assert.deepEqual(jobs.map((j) => j.provider).sort(), ['anthropic', 'gemini', 'openai']);
    assert.ok(jobs.every((j) => j.state === 'done' && j.items.length === CASES));
    const creates = (await fakeRequests()).filter((r) => r.method === 'POST' && /\/v1\/batches$|\/v1\/messages\/batches$|:batchGenerateContent$/.test(r.path));
    assert.equal(creates.length, 3, 'one batch per vendor');
    assert.deepEqual(matrix.rows.map((r) => [r.ref.model, r.cases, r.passRate]), MODELS.map((m) => [m.model, CASES, 1]));
    assert.match(api.batchStatus()?.text ?? '', /Batch: .*\d+ done/);

    // The Evals tab lists the same jobs, finished (Remove, not Cancel).
    api.clearPanelMessages();
    await vscode.commands.executeCommand('quorum.openPanel');
    const listed = await waitFor(() => {
      const found = [...api.panelMessages()].reverse().find((m) => m.type === 'evals/state' || m.type === 'panel/snapshot') as
        { type: 'evals/state'; evals: EvalsState } | { type: 'panel/snapshot'; snapshot: { evals?: EvalsState } } | undefined;
      const state = found === undefined ? undefined : found.type === 'evals/state' ? found.evals : found.snapshot.evals;
      const rows = state?.batchJobs.filter((j) => j.title.startsWith(`${id} · `)) ?? [];
      return rows.length === MODELS.length ? rows : undefined;
    }, 'the Evals tab listing the run\'s batch jobs');
    assert.deepEqual(listed.map((j) => [j.state, j.progress, j.active]), MODELS.map(() => ['done', `${CASES}/${CASES} answered`, false]));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    const mine = (await ledger()).filter((r) => r.routeReason === `eval ${id} (batch)`);
    assert.equal(mine.length, CASES * MODELS.length);
    assert.ok(mine.every((r) => r.batch === true && r.feature === 'eval' && r.outcome === 'success' && r.costUsd !== undefined && r.costUsd > 0));
  });

  it('a small run stays live (below the batch threshold): no batch job', async () => {
    const api = await quorumApi();
    const small: EvalSuite = { ...suite(`live-it-${Date.now()}`), cases: suite('x').cases.slice(0, 2) };
    const { decision, matrix } = await api.runEvalSuite(small, MODELS.slice(0, 1));
    assert.equal(decision.batch, false);
    assert.match(decision.why, /below the batch threshold/);
    assert.equal(matrix.rows[0]?.cases, 2);
    assert.equal((await fakeRequests()).filter((r) => r.path.includes('batch')).length, 0);
  });
});
