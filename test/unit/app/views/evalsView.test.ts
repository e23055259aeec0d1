import assert from 'node:assert/strict';
import { deltaOf, evalsRunView } from '../../../../src/app/views/evalsView';
import { report, run } from '../evals/evalFixtures';

const CONTEXT = { label: (m: string) => m.toUpperCase(), timeText: (iso: string) => iso.slice(0, 10), routedModel: () => undefined };

describe('evalsRunView', () => {
  const before = run('r1', '2026-12-01T00:00:00.000Z', [report('invoices', [['openai/luna', 5, 0.0002], ['openai/sol', 6, 0.002]], { feature: 'ask:extraction' })]);
  const latest = run('r2', '2026-12-02T00:00:00.000Z', [report('invoices', [['openai/luna', 6, 0.0003], ['openai/sol', 6, 0.002], ['anthropic/haiku', 2, null]], { feature: 'ask:extraction' })]);

  it('gives one matrix row per model: pass rate, cost per case, p50/p95, and the change against the last run', () => {
    const view = evalsRunView(latest, [before, latest], CONTEXT);
    assert.equal(view.title, 'Run of 2026-12-02 by you');
    const [suite] = view.results;
    assert.ok(suite !== undefined);
    assert.deepEqual(suite.rows.map((r) => [r.label, r.passes, r.passRate, r.costPerCase, r.p50, r.p95, r.delta, r.trend]), [
      ['OPENAI/LUNA', true, '100 % (6/6)', '$0.00030', '100 ms', '180 ms', '+16.7 pts · +$0.00010/case', 'better'],
      ['OPENAI/SOL', true, '100 % (6/6)', '$0.0020', '100 ms', '180 ms', '±0 pts', 'same'],
      ['ANTHROPIC/HAIKU', false, '33.3 % (2/6)', 'unknown', '100 ms', '180 ms', undefined, undefined],
    ]);
    assert.equal(suite.comparedWith, 'Compared with the run of 2026-12-01 by you');
    assert.equal(suite.verdict, 'Cheapest passing: OPENAI/LUNA (100 % pass, $0.00030/case)');
    assert.deepEqual(suite.route, { model: 'openai/luna', label: 'Route ask:extraction to openai/luna', routed: false });
  });

  it('puts each case\'s answers side by side, the failing check explained', () => {
    const [suite] = evalsRunView(latest, [latest], CONTEXT).results;
    const lastCase = suite?.cases.at(-1);
    assert.equal(lastCase?.caseId, 'case-6');
    assert.deepEqual(lastCase?.answers.map((a) => [a.model, a.pass, a.failure]), [
      ['openai/luna', true, undefined], ['openai/sol', true, undefined], ['anthropic/haiku', false, 'contains: no "42"'],
    ]);
    assert.equal(suite?.comparedWith, undefined);
  });

  it('shows no route when no model passes, and why a feature cannot be routed', () => {
    const none = run('r3', '2026-12-03T00:00:00.000Z', [report('fixes', [['openai/luna', 1, 0.001]], { feature: 'codeAction:fix' })]);
    const [suite] = evalsRunView(none, [none], CONTEXT).results;
    assert.equal(suite?.verdict, 'No model passes 90 %');
    assert.equal(suite?.route, undefined);
    assert.match(suite?.routeProblem ?? '', /^Cannot route: routing rules cannot select "fix" codeAction requests/);
  });

  it('marks the route already in force', () => {
    const [suite] = evalsRunView(latest, [latest], { ...CONTEXT, routedModel: () => 'openai/luna' }).results;
    assert.equal(suite?.route?.routed, true);
  });
});

describe('deltaOf', () => {
  const row = (passRate: number, cost: number | null) => ({ model: 'm', cases: 10, passed: passRate * 10, passRate, costPerCaseUsd: cost, p50Ms: 1, p95Ms: 1, passes: true });
  it('says a drop in points and leaves out an unknown cost', () => {
    assert.deepEqual(deltaOf(row(0.7, null), row(0.9, 0.001)), { delta: '−20 pts', trend: 'worse' });
    assert.deepEqual(deltaOf(row(0.9, 0.001), row(0.9, 0.002)), { delta: '±0 pts · −$0.0010/case', trend: 'same' });
  });
});
