import assert from 'node:assert/strict';
import { loadRuns, previousRunOf, runFileName, runFromCliJson, saveRun } from '../../../../src/app/evals/evalResults';
import { memoryFolder, report, run } from './evalFixtures';

describe('eval results store', () => {
  it('keeps runs one file each and reads them back oldest first', async () => {
    const folder = memoryFolder();
    const later = run('b', '2026-12-06T02:00:00.000Z', [report('invoices', [['openai/a', 6, 0.001]])]);
    const earlier = run('a', '2026-12-05T02:00:00.000Z', [report('invoices', [['openai/a', 5, 0.001]])]);
    await saveRun(folder, later);
    await saveRun(folder, earlier);
    assert.deepEqual(Object.keys(folder.files).sort(), [runFileName(earlier), runFileName(later)]);
    const loaded = await loadRuns(folder);
    assert.deepEqual(loaded.runs.map((r) => r.id), ['a', 'b']);
    assert.deepEqual(loaded.runs[1], later);
    assert.deepEqual(loaded.problems, []);
  });

  it('reports a corrupt or foreign file and skips it, keeping the others', async () => {
    const good = run('a', '2026-12-05T02:00:00.000Z', [report('invoices', [['openai/a', 6, 0.001]])]);
    const folder = memoryFolder({ 'eval-broken.json': '{"id": "x", ', 'eval-other.json': '{"hello": 1}', 'notes.txt': 'not ours' });
    await saveRun(folder, good);
    const loaded = await loadRuns(folder);
    assert.deepEqual(loaded.runs.map((r) => r.id), ['a']);
    assert.equal(loaded.problems.length, 2);
    assert.match(loaded.problems[0] ?? '', /^eval-broken\.json: not JSON; skipped$/);
    assert.match(loaded.problems[1] ?? '', /^eval-other\.json: not an eval run \(id: .*\); skipped$/);
  });

  it('reads the CLI --json output as a run', () => {
    const suites = [report('invoices', [['openai/a', 6, 0.001], ['anthropic/b', 3, null]])];
    const parsed = runFromCliJson('ci/results.json', JSON.stringify({ suites, calls: 12, totalCostUsd: null, exitCode: 0 }), '2026-12-06T03:00:00.000Z', 'cli1');
    assert.ok('run' in parsed);
    assert.equal(parsed.run.by, 'CLI results ci/results.json');
    assert.deepEqual(parsed.run.models, ['openai/a', 'anthropic/b']);
    assert.deepEqual(parsed.run.suites, suites);
  });

  it('says what is wrong with a file that is not CLI output', () => {
    const notJson = runFromCliJson('r.json', 'exit 1', 'now', 'x');
    assert.ok('problem' in notJson && /not JSON \(write it with quorum-eval … --json\)/.test(notJson.problem));
    const wrong = runFromCliJson('r.json', '{"suites": []}', 'now', 'x');
    assert.ok('problem' in wrong && /not a quorum-eval --json result \(suites: /.test(wrong.problem));
  });

  it('finds the previous run of a suite, skipping runs without it', () => {
    const a = run('a', '2026-12-01T00:00:00.000Z', [report('invoices', [['openai/a', 6, 0.001]])]);
    const b = run('b', '2026-12-02T00:00:00.000Z', [report('other', [['openai/a', 6, 0.001]])]);
    const c = run('c', '2026-12-03T00:00:00.000Z', [report('invoices', [['openai/a', 4, 0.001]])]);
    assert.equal(previousRunOf([a, b, c], c, 'invoices')?.id, 'a');
    assert.equal(previousRunOf([a, b, c], a, 'invoices'), undefined);
  });
});
