import assert from 'node:assert/strict';
import { createEvalRouting, type EvalRoutingPorts } from '../../../../src/app/evals/evalRouting';
import type { EvalRoutingRule } from '../../../../src/core/evals/evalRule';
import type { RoutingChange } from '../../../../src/core/evals/routingChange';
import { report, run } from './evalFixtures';

interface Recorded {
  readonly rules: { value: unknown[] };
  readonly log: RoutingChange[];
  readonly told: string[];
}

function ports(initial: unknown[] = []): EvalRoutingPorts & Recorded {
  let n = 0;
  const rules = { value: initial };
  const log: RoutingChange[] = [];
  const told: string[] = [];
  return {
    rules: Object.assign(rules, {
      read: () => rules.value,
      write: (next: unknown[]) => {
        rules.value = next;
        return Promise.resolve();
      },
    }),
    changeLog: {
      list: () => log,
      add: (change: RoutingChange) => {
        log.push(change);
        return Promise.resolve();
      },
    },
    announce: (_change: RoutingChange, text: string) => void told.push(text),
    clock: { now: () => Date.parse('2026-12-06T02:00:00Z') },
    newId: () => `c${(n += 1)}`,
    log,
    told,
  };
}

describe('evalRouting', () => {
  const first = report('invoices', [['openai/luna', 6, 0.0003], ['anthropic/haiku', 6, 0.0008], ['openai/sol', 6, 0.002]], { feature: 'ask:extraction' });
  const regression = report('invoices', [['openai/luna', 3, 0.0003], ['anthropic/haiku', 6, 0.0008], ['openai/sol', 6, 0.002]], { feature: 'ask:extraction' });

  it('Route writes a rule carrying the suite id, logs and announces it', async () => {
    const p = ports([{ when: { language: 'sql' }, use: { tier: 'premium' } }]);
    const routing = createEvalRouting(p);
    const change = await routing.route(first, 'openai/luna');
    assert.ok(!('problem' in change));
    const written = p.rules.value[1] as EvalRoutingRule;
    assert.deepEqual(written.eval, { suite: 'invoices', passRate: 1, costPerCaseUsd: 0.0003, change: 'c1' });
    assert.deepEqual(written.when, { feature: 'ask', task: 'extraction' });
    assert.equal(routing.routedModel('invoices'), 'openai/luna');
    assert.deepEqual(p.log.map((c) => c.kind), ['routed']);
    assert.match(p.told[0] ?? '', /invoices now routes to openai\/luna/);
  });

  it('a regression run suspends the rule, the next cheapest passing model takes over, and Undo reverses it', async () => {
    const p = ports();
    const routing = createEvalRouting(p);
    await routing.route(first, 'openai/luna');
    const changes = await routing.applyRun(run('r2', '2026-12-07T00:00:00.000Z', [regression], 'scheduled run'));
    assert.deepEqual(changes.map((c) => [c.kind, c.from, c.to, c.by]), [['demoted', 'openai/luna', 'anthropic/haiku', 'scheduled run']]);
    assert.equal(routing.routedModel('invoices'), 'anthropic/haiku');
    assert.equal((p.rules.value[0] as EvalRoutingRule).suspended?.change, changes[0]?.id);
    assert.match(p.told[1] ?? '', /Demoted openai\/luna .*anthropic\/haiku passes .* takes over/);
    const undone = await routing.undo(changes[0]?.id ?? '');
    assert.equal(undone?.kind, 'undone');
    assert.equal(routing.routedModel('invoices'), 'openai/luna');
    assert.equal(p.rules.value.length, 1);
    assert.equal(await routing.undo(changes[0]?.id ?? ''), undefined, 'an undone change cannot be undone twice');
  });

  it('a stopped (partial) run demotes nothing, and neither does a passing one', async () => {
    const p = ports();
    const routing = createEvalRouting(p);
    await routing.route(first, 'openai/luna');
    assert.deepEqual(await routing.applyRun(run('r2', 'x', [{ ...regression, stopped: 'cancelled' }])), []);
    assert.deepEqual(await routing.applyRun(run('r3', 'y', [first])), []);
    assert.equal(routing.routedModel('invoices'), 'openai/luna');
  });

  it('refuses to route a model the run did not include, or a feature no rule can select', async () => {
    const routing = createEvalRouting(ports());
    assert.deepEqual(await routing.route(first, 'openai/other'), { problem: 'openai/other was not in the run of invoices' });
    const fix = report('fixes', [['openai/luna', 6, 0.001]], { feature: 'codeAction:fix' });
    const refused = await routing.route(fix, 'openai/luna');
    assert.ok('problem' in refused && /cannot select "fix"/.test(refused.problem));
  });
});
