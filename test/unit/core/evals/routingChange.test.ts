import assert from 'node:assert/strict';
import type { EvalMatrix, ModelRow } from '../../../../src/core/evals/evalMatrix';
import { activeEvalRule, evalRuleFor, ruleConditionsFor, undoRuleChange, type EvalRoutingRule } from '../../../../src/core/evals/evalRule';
import { changeText, demoteFromRun, routeSuite } from '../../../../src/core/evals/routingChange';

function row(model: string, passRate: number, costPerCaseUsd: number): ModelRow {
  return { ref: { provider: 'openai', model }, cases: 10, passed: Math.round(passRate * 10), passRate, costPerCaseUsd };
}
function matrix(...rows: ModelRow[]): EvalMatrix {
  return { suiteId: 'invoices', threshold: 0.9, rows, results: [] };
}
const SUITE = { id: 'invoices', feature: 'ask:extraction' };
const USER_RULE = { name: 'SQL', when: { language: 'sql' }, use: { model: 'anthropic/claude-sonnet-5-5' } };

function rule(model: string, passRate = 1): EvalRoutingRule {
  const built = evalRuleFor(SUITE, { provider: 'openai', model }, { passRate, costPerCaseUsd: 0.0004 });
  assert.ok(!('problem' in built));
  return built;
}

describe('ruleConditionsFor', () => {
  it('maps a feature and a task type to rule conditions', () => {
    assert.deepEqual(ruleConditionsFor('ask:extraction'), { feature: 'ask', task: 'extraction' });
    assert.deepEqual(ruleConditionsFor('codeAction'), { feature: 'codeAction' });
    assert.deepEqual(ruleConditionsFor('summarisation'), { task: 'summarisation' });
  });
  it('says why a feature no rule can select cannot be routed', () => {
    assert.match((ruleConditionsFor('codeAction:fix') as { problem: string }).problem, /cannot select "fix" codeAction requests; name a task type/);
    assert.match((ruleConditionsFor('batch') as { problem: string }).problem, /cannot select "batch" requests/);
  });
});

describe('routeSuite', () => {
  it('appends a rule carrying the suite id and its figures after the user rules', () => {
    const edit = routeSuite([USER_RULE], rule('gpt-6-luna', 0.96), { id: 'c1', at: '2026-12-06T02:00:00.000Z' });
    assert.deepEqual(edit.rules[0], USER_RULE);
    assert.deepEqual(edit.rules[1], {
      name: 'eval invoices: ask:extraction → openai/gpt-6-luna', when: { feature: 'ask', task: 'extraction' }, use: { model: 'openai/gpt-6-luna' },
      eval: { suite: 'invoices', passRate: 0.96, costPerCaseUsd: 0.0004, change: 'c1' },
    });
    assert.equal(edit.change.kind, 'routed');
    assert.equal(edit.change.to, 'openai/gpt-6-luna');
    assert.match(changeText(edit.change), /invoices now routes to openai\/gpt-6-luna/);
  });

  it('routing again suspends (not deletes) the previous rule, and Undo brings it back', () => {
    const first = routeSuite([], rule('a'), { id: 'c1', at: 't1' }).rules;
    const second = routeSuite(first, rule('b'), { id: 'c2', at: 't2' });
    assert.equal(second.rules.length, 2);
    assert.equal((second.rules[0] as EvalRoutingRule).suspended?.change, 'c2');
    assert.equal(activeEvalRule(second.rules, 'invoices')?.use.model, 'openai/b');
    assert.equal(second.change.from, 'openai/a');
    const undone = undoRuleChange(second.rules, 'c2');
    assert.deepEqual(undone, first);
  });
});

describe('demoteFromRun', () => {
  const routed = routeSuite([USER_RULE], rule('small'), { id: 'c1', at: 't1' }).rules;
  const stamp = { id: 'd1', at: '2026-12-07T00:00:00.000Z', by: 'scheduled run' };

  it('suspends the routed model below the threshold; the next cheapest passing model takes over', () => {
    const edit = demoteFromRun(routed, matrix(row('small', 0.7, 0.001), row('big', 1, 0.01), row('mid', 0.95, 0.005)), stamp);
    assert.ok(edit !== undefined);
    const [user, suspended, next] = edit.rules as [unknown, EvalRoutingRule, EvalRoutingRule];
    assert.deepEqual(user, USER_RULE);
    assert.equal(suspended.use.model, 'openai/small');
    assert.deepEqual(suspended.suspended, { reason: edit.change.reason, at: stamp.at, change: 'd1' });
    assert.equal(next.use.model, 'openai/mid');
    assert.deepEqual(next.when, suspended.when);
    assert.deepEqual(next.eval, { suite: 'invoices', passRate: 0.95, costPerCaseUsd: 0.005, change: 'd1' });
    assert.equal(edit.change.kind, 'demoted');
    assert.equal(edit.change.from, 'openai/small');
    assert.equal(edit.change.to, 'openai/mid');
    assert.match(changeText(edit.change), /Demoted openai\/small for eval suite invoices \(scheduled run\): .*70 % < 90 %.*Its rule is suspended, not deleted/);
  });

  it('Undo restores the demoted rule and removes the successor', () => {
    const edit = demoteFromRun(routed, matrix(row('small', 0.7, 0.001), row('mid', 0.95, 0.005)), stamp);
    assert.ok(edit !== undefined);
    assert.deepEqual(undoRuleChange(edit.rules, 'd1'), routed);
  });

  it('suspends with no successor when no other model passes', () => {
    const edit = demoteFromRun(routed, matrix(row('small', 0.5, 0.001), row('big', 0.6, 0.01)), stamp);
    assert.equal(edit?.rules.length, 2);
    assert.equal(activeEvalRule(edit?.rules ?? [], 'invoices'), undefined);
    assert.equal(edit?.change.to, undefined);
  });

  it('changes nothing while the routed model passes, when the run left it out, or when no rule routes the suite', () => {
    assert.equal(demoteFromRun(routed, matrix(row('small', 0.9, 0.001)), stamp), undefined);
    assert.equal(demoteFromRun(routed, matrix(row('big', 0.2, 0.01)), stamp), undefined);
    assert.equal(demoteFromRun([USER_RULE], matrix(row('small', 0.1, 0.001)), stamp), undefined);
  });
});
