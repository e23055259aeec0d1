import assert from 'node:assert/strict';
import type { ModelTier } from '../../../../src/core/catalog/modelInfo';
import { runCascade, type CascadeResult, type CascadeStep } from '../../../../src/core/ensemble/cascade/cascade';
import { confidenceAsk } from '../../../../src/core/ensemble/cascade/cascadeAsk';
import { cascadeMember, cascadeResultView, cascadeWhy, ladderView, type CascadeRung } from '../../../../src/app/views/cascadeView';
import type { ColumnSummary } from '../../../../src/core/ensemble/compare/columnSummary';
import type { ModelRef } from '../../../../src/core/types';
import { parsePanelHostMessage } from '../../../../src/shared/panelProtocol';
import type { VoteState } from '../../../../src/shared/voteProtocol';
import { FakeClock } from '../../core/resilience/fakeClock';
import { answer, fakeEngine } from '../../core/ensemble/fakeEngine';

const lite: ModelRef = { provider: 'gemini', model: 'lite' };
const sonnet: ModelRef = { provider: 'anthropic', model: 'sonnet' };
const sol: ModelRef = { provider: 'openai', model: 'sol' };
const LADDER = [lite, sonnet, sol];
const TIERS: Record<string, ModelTier> = { lite: 'budget', sonnet: 'standard', sol: 'premium' };
const label = (ref: ModelRef) => ref.model.toUpperCase();
const tierOf = (ref: ModelRef) => TIERS[ref.model];
const noTier = () => undefined;

type Call = CascadeRung['calls'][number];
const done = (costUsd?: number, totalMs = 100): Call => ({ status: 'done', totalMs, ...(costUsd === undefined ? {} : { costUsd }) });
const failedCall: Call = { status: 'failed', totalMs: 5, costUsd: 0 };

function said(ref: ModelRef, confidence: number, costUsd = 0.001): CascadeStep {
  return { ref, outcome: 'answered', answer: `${ref.model} says`, confidence, costUsd };
}
function broke(ref: ModelRef, problem = 'boom', costUsd = 0): CascadeStep {
  return { ref, outcome: 'failed', problem, costUsd };
}
function result(steps: CascadeStep[], chosen: number | undefined, accepted: boolean, stopped = false): CascadeResult {
  const picked = chosen === undefined ? undefined : steps[chosen];
  return { steps, ...(picked === undefined ? {} : { chosen: picked }), accepted, stopped, why: 'core why', cost: { knownUsd: 0, unknownCount: 0, totalUsd: 0 } };
}
const rung = (step: CascadeStep | undefined, calls: Call[]): CascadeRung => ({ ref: step?.ref ?? lite, ...(step === undefined ? {} : { step }), calls });

/** The view's result must be a valid protocol message, as the host sends it. */
function assertSendable(vote: Partial<VoteState>): void {
  const state: VoteState = { strategy: 'cascade', selected: [], prompt: 'q', running: false, members: [], ...vote };
  assert.ok(parsePanelHostMessage({ type: 'vote/state', vote: state }), `sendable: ${JSON.stringify(state)}`);
}

describe('cascadeView', () => {
  it('lists the ladder with each tier', () => {
    assert.deepEqual(ladderView(LADDER, label, tierOf), [
      { ref: 'gemini/lite', label: 'LITE', tier: 'budget' },
      { ref: 'anthropic/sonnet', label: 'SONNET', tier: 'standard' },
      { ref: 'openai/sol', label: 'SOL', tier: 'premium' },
    ]);
    assert.deepEqual(ladderView([lite], label, noTier), [{ ref: 'gemini/lite', label: 'LITE' }]);
  });

  describe('cascadeMember', () => {
    const rows: readonly { name: string; rung: CascadeRung; running: boolean; expect: Record<string, unknown> }[] = [
      { name: 'being asked', rung: rung(undefined, []), running: true, expect: { status: 'waiting' } },
      { name: 'stopped while asked', rung: rung(undefined, [{ status: 'stopped' }]), running: false, expect: { status: 'stopped', error: 'stopped' } },
      { name: 'answered: its answer, confidence, cost and time', rung: rung(said(lite, 0.4, 0.002), [done(0.002, 120.4)]), running: true, expect: { status: 'done', answer: 'lite says', confidence: 0.4, costUsd: 0.002, totalMs: 120 } },
      { name: 'no valid JSON after the re-ask: invalid, both calls timed', rung: rung(broke(lite, 'no valid {answer, confidence}', 0.003), [done(0.001), done(0.002)]), running: true, expect: { status: 'invalid', error: 'no valid {answer, confidence}', costUsd: 0.003, totalMs: 200 } },
      { name: 'an HTTP error: failed', rung: rung(broke(lite, 'HTTP 529'), [failedCall]), running: false, expect: { status: 'failed', error: 'HTTP 529', costUsd: 0, totalMs: 5 } },
      { name: 'stopped by the user mid-call', rung: rung(broke(lite, 'stopped'), [{ status: 'stopped' }]), running: false, expect: { status: 'stopped', error: 'stopped', costUsd: 0 } },
      { name: 'a model that did not run: failed', rung: rung(broke(lite, 'did not run'), []), running: false, expect: { status: 'failed', error: 'did not run', costUsd: 0 } },
    ];
    for (const row of rows) {
      it(row.name, () => {
        assert.deepEqual(cascadeMember(row.rung, label, tierOf, row.running), { ref: 'gemini/lite', label: 'LITE', tier: 'budget', ...row.expect });
      });
    }
  });

  describe('cascadeWhy and cascadeResultView', () => {
    it('the budget model confident at once: accepted, no escalation', () => {
      const steps = [said(lite, 0.82)];
      const view = cascadeResultView(result(steps, 0, true), [rung(steps[0], [done(0.001)])], 0.7, label, tierOf, 950.6);
      assert.equal(view.why, 'Budget model LITE answered with confidence 0.82 ≥ 0.70.');
      assert.equal(view.winner, 'lite says');
      assert.deepEqual(view.cascade, { threshold: 0.7, accepted: true, stopped: false, step: 0, confidence: 0.82 });
      assert.equal(view.totalCostUsd, 0.001);
      assert.equal(view.unpricedCalls, 0);
      assert.equal(view.totalMs, 951);
      assert.equal(view.judge, undefined);
      assertSendable({ result: view });
    });

    it('escalated twice, past a low confidence and a failure', () => {
      const steps = [said(lite, 0.4), broke(sonnet, 'HTTP 529'), said(sol, 0.91)];
      const rungs = [rung(steps[0], [done(0.001)]), rung(steps[1], [failedCall]), rung(steps[2], [done(0.01)])];
      const view = cascadeResultView(result(steps, 2, true), rungs, 0.7, label, tierOf, 3000);
      assert.equal(view.why, 'Escalated twice: LITE answered 0.40 < 0.70; SONNET failed. Premium model SOL answered with confidence 0.91 ≥ 0.70.');
      assert.equal(view.cascade?.step, 2);
      assert.ok(Math.abs((view.totalCostUsd ?? -1) - 0.011) < 1e-12);
    });

    it('escalated once past an invalid reply; without tiers the model is named alone', () => {
      const steps = [broke(lite, 'invalid'), said(sonnet, 0.75)];
      const why = cascadeWhy(result(steps, 1, true), [rung(steps[0], [done(), done()]), rung(steps[1], [done()])], 0.7, label, noTier);
      assert.equal(why, 'Escalated once: LITE gave no valid answer. SONNET answered with confidence 0.75 ≥ 0.70.');
    });

    it('the ladder used up below the threshold: the most confident answer, not accepted', () => {
      const steps = [said(lite, 0.3), said(sonnet, 0.55), broke(sol, 'invalid')];
      const rungs = [rung(steps[0], [done()]), rung(steps[1], [done()]), rung(steps[2], [done(), done()])];
      const view = cascadeResultView(result(steps, 1, false), rungs, 0.7, label, tierOf, 10);
      assert.equal(view.why, 'No model reached confidence 0.70 (3 models asked: LITE answered 0.30 < 0.70; SONNET answered 0.55 < 0.70; SOL gave no valid answer). The most confident answer is shown: SONNET (0.55).');
      assert.equal(view.winner, 'sonnet says');
      assert.deepEqual(view.cascade, { threshold: 0.7, accepted: false, stopped: false, step: 1, confidence: 0.55 });
      assert.equal(view.totalCostUsd, undefined, 'no call was priced');
      assert.equal(view.unpricedCalls, 4, 'every call counts, re-asks included');
      assertSendable({ result: view });
    });

    it('no model gave a valid answer: "no confident answer", with no winner', () => {
      const steps = [broke(lite, 'invalid'), broke(sonnet, 'invalid'), broke(sol, 'HTTP 500')];
      const rungs = [rung(steps[0], [done(0.001), done(0.001)]), rung(steps[1], [done(0.002), done(0.002)]), rung(steps[2], [failedCall])];
      const view = cascadeResultView(result(steps, undefined, false), rungs, 0.7, label, tierOf, 10);
      assert.equal(view.why, 'No confident answer: no model gave a valid {answer, confidence} (3 models asked: LITE gave no valid answer; SONNET gave no valid answer; SOL failed).');
      assert.equal(view.winner, '');
      assert.equal(view.agreement, 0);
      assert.deepEqual(view.cascade, { threshold: 0.7, accepted: false, stopped: false });
      assert.ok(Math.abs((view.totalCostUsd ?? -1) - 0.006) < 1e-12);
      assertSendable({ result: view });
    });

    it('stopped by the user: says so, with the best answer so far', () => {
      const steps = [said(lite, 0.3)];
      const view = cascadeResultView(result(steps, 0, false, true), [rung(steps[0], [done()]), rung(undefined, [{ status: 'stopped' }])], 0.7, label, tierOf, 10);
      assert.equal(view.why, 'Stopped after 1 model asked: LITE answered 0.30 < 0.70. The most confident answer so far is shown: LITE (0.30).');
      assert.deepEqual(view.cascade, { threshold: 0.7, accepted: false, stopped: true, step: 0, confidence: 0.3 });
      assert.equal(cascadeWhy(result([], undefined, false, true), [], 0.7, label, tierOf), 'Stopped after 0 models asked.');
    });

    it('an empty ladder has nobody to ask', () => {
      assert.equal(cascadeWhy(result([], undefined, false), [], 0.7, label, tierOf), 'No model to ask.');
    });
  });

  describe('over confidenceAsk, when models reply in plain text (as the loopback fakes do)', () => {
    const question = [{ role: 'user' as const, content: 'Is 7 prime?' }];
    const pricingOf = () => ({ inputPerMTok: 1, outputPerMTok: 2 });

    async function climb(scripts: Parameters<typeof fakeEngine>[0]) {
      const engine = fakeEngine(scripts);
      const rungs: { ref: ModelRef; step?: CascadeStep; calls: ColumnSummary[] }[] = [];
      const asker = confidenceAsk({ engine, clock: new FakeClock(), pricingOf }, question, { onCall: (s) => rungs.at(-1)?.calls.push(s) });
      const cascade = await runCascade(LADDER, 0.7, (ref, signal) => {
        rungs.push({ ref, calls: [] });
        return asker(ref, signal);
      }, { onStep: (step, i) => { const r = rungs[i]; if (r !== undefined) r.step = step; } });
      return { engine, rungs, cascade, view: cascadeResultView(cascade, rungs, 0.7, label, tierOf, 0) };
    }

    it('an invalid reply counts as confidence 0: each model is re-asked once, then the next tier is asked; none valid → no confident answer', async () => {
      const { engine, rungs, cascade, view } = await climb({});
      assert.deepEqual(engine.calls.map((c) => c.ref.model), ['lite', 'lite', 'sonnet', 'sonnet', 'sol', 'sol']);
      assert.deepEqual(rungs.map((r) => cascadeMember(r, label, tierOf, false).status), ['invalid', 'invalid', 'invalid']);
      assert.equal(cascade.chosen, undefined);
      assert.match(view.why, /^No confident answer: no model gave a valid \{answer, confidence\} \(3 models asked/u);
      assert.equal(view.unpricedCalls, 0, 'all six calls priced');
      assert.equal(view.cascade?.step, undefined);
    });

    it('after the last step the most confident valid answer is shown, unaccepted, past invalid ones', async () => {
      const { view } = await climb({ sonnet: [answer('{"answer": "yes", "confidence": 0.5}')] });
      assert.equal(view.winner, 'yes');
      assert.deepEqual(view.cascade, { threshold: 0.7, accepted: false, stopped: false, step: 1, confidence: 0.5 });
      assert.match(view.why, /LITE gave no valid answer; SONNET answered 0\.50 < 0\.70; SOL gave no valid answer\)/u);
    });

    it('a valid confident reply after an invalid tier is accepted there', async () => {
      const { engine, view } = await climb({ sonnet: [answer('{"answer": "yes", "confidence": 0.9}')] });
      assert.deepEqual(engine.calls.map((c) => c.ref.model), ['lite', 'lite', 'sonnet'], 'the premium model is never asked');
      assert.equal(view.why, 'Escalated once: LITE gave no valid answer. Standard model SONNET answered with confidence 0.90 ≥ 0.70.');
    });
  });
});
