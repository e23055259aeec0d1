// VoteSession on plain Node: it only type-imports `vscode` (its Memento), so the host's vote and cascade
// wiring runs here against the in-memory fake engine — the messages it posts, the ledger drafts it records.
import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { buildCatalog } from '../../../../src/core/catalog/modelCatalog';
import type { ModelInfo, ModelTier } from '../../../../src/core/catalog/modelInfo';
import type { LedgerDraft } from '../../../../src/core/cost/ledger';
import { confidenceMessages } from '../../../../src/core/ensemble/vote/confidence';
import { JUDGE_MAX_OUTPUT_TOKENS } from '../../../../src/core/ensemble/vote/judge';
import { estimateVote } from '../../../../src/core/ensemble/vote/voteEstimate';
import { DEFAULT_OUTPUT_BUDGET_TOKENS } from '../../../../src/core/routing/classify';
import { countMessageTokens } from '../../../../src/core/routing/tokenEstimate';
import type { ModelRef } from '../../../../src/core/types';
import { parsePanelHostMessage, type PanelHostMessage } from '../../../../src/shared/panelProtocol';
import type { VoteState } from '../../../../src/shared/voteProtocol';
import { ensembleRequests } from '../../../../src/app/ensemble/ensembleRequests';
import { VoteSession } from '../../../../src/vscode/panel/voteSession';
import { FakeClock } from '../../core/resilience/fakeClock';
import { answer, fakeEngine, Gate, type FakeEngine } from '../../core/ensemble/fakeEngine';

function model(provider: string, id: string, tier: ModelTier, input: number, output: number): ModelInfo {
  return {
    provider, id, displayName: id.toUpperCase(), pricing: { inputPerMTok: input, outputPerMTok: output },
    capabilities: { vision: false, tools: false, json: true, reasoning: false }, tier, source: 'builtin',
  };
}

const MODELS: readonly ModelInfo[] = [
  model('openai', 'luna', 'budget', 0.1, 0.4),
  model('anthropic', 'haiku', 'budget', 1, 5),
  model('anthropic', 'sonnet', 'standard', 3, 15),
  model('openai', 'astra', 'standard', 0.5, 2),
  model('gemini', 'flash', 'standard', 0.3, 2.5),
  model('openai', 'sol', 'premium', 2, 10),
];
const QUESTION = 'Is 7 a prime number?';

class MemoryMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : defaultValue;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
}

function setup(engine: FakeEngine, candidates: readonly ModelInfo[] = MODELS) {
  const catalog = buildCatalog({ builtin: MODELS, userEntries: [], discovered: [] });
  const posted: PanelHostMessage[] = [];
  const records: LedgerDraft[] = [];
  const clock = new FakeClock();
  const session = new VoteSession({
    requests: ensembleRequests({ fanOut: { engine, clock, pricingOf: (ref) => catalog.get(ref)?.pricing }, record: (draft) => records.push(draft) }),
    clock,
    label: (ref) => catalog.get(ref)?.displayName ?? ref.model,
    catalog: () => catalog,
    workspaceState: new MemoryMemento(),
    candidates: async () => candidates,
    post: (message) => {
      // Everything the host sends must pass the webview's validator.
      assert.ok(parsePanelHostMessage(message), `valid message: ${JSON.stringify(message)}`);
      posted.push(message);
    },
  });
  const states = (): VoteState[] => posted.flatMap((m) => (m.type === 'vote/state' ? [m.vote] : []));
  return { session, posted, records, states };
}

const names = (refs: readonly ModelRef[]): string[] => refs.map((r) => r.model);
const confident = (text: string, confidence: number) => answer(JSON.stringify({ answer: text, confidence }));

describe('VoteSession', function () {
  describe('cascade', () => {
    it('climbs the ladder past an invalid reply, updating the members per step and recording every call', async () => {
      // luna (budget) replies in plain text twice: invalid, so confidence 0 → escalate to astra (standard).
      const engine = fakeEngine({ astra: [confident('yes', 0.9)] });
      const { session, records, states } = setup(engine);
      const problem = await session.start({ prompt: QUESTION, models: [], strategy: 'cascade', cascadeThreshold: 0.7 });
      assert.equal(problem, undefined);
      assert.deepEqual(names(engine.calls.map((c) => c.ref)), ['luna', 'luna', 'astra'], 'sol (premium) is never asked');
      assert.equal(engine.calls[0]?.request.messages[0]?.role, 'system', 'asked for {answer, confidence}');

      const seen = states().map((s) => s.members.map((m) => `${m.ref}:${m.status}`).join(','));
      // The cascade is shown once the budget admitted it, with its first step already being asked.
      assert.deepEqual(seen.slice(0, 4), ['openai/luna:waiting', 'openai/luna:invalid', 'openai/luna:invalid,openai/astra:waiting', 'openai/luna:invalid,openai/astra:done']);
      const last = states().at(-1)!;
      assert.equal(last.running, false);
      assert.equal(last.runStrategy, 'cascade');
      assert.equal(last.cascadeThreshold, 0.7);
      assert.deepEqual(last.members.map((m) => m.tier), ['budget', 'standard']);
      assert.equal(last.members[1]?.answer, 'yes');
      assert.equal(last.members[1]?.confidence, 0.9);
      assert.deepEqual(last.result?.cascade, { threshold: 0.7, accepted: true, stopped: false, step: 1, confidence: 0.9 });
      assert.equal(last.result?.winner, 'yes');
      assert.equal(last.result?.why, 'Escalated once: LUNA gave no valid answer. Standard model ASTRA answered with confidence 0.90 ≥ 0.70.');
      assert.equal(last.result?.unpricedCalls, 0);
      assert.ok((last.result?.totalCostUsd ?? 0) > 0);

      assert.deepEqual(records.map((r) => `${r.model} ${r.outcome} ${r.routeReason}`), [
        'luna success vote (cascade): step 1 of 3', 'luna success vote (cascade): step 1 of 3', 'astra success vote (cascade): step 2 of 3',
      ]);
      assert.ok(records.every((r) => r.feature === 'vote' && r.costUsd !== undefined));
      const recorded = records.reduce((sum, r) => sum + (r.costUsd ?? 0), 0);
      assert.ok(Math.abs(recorded - (last.result?.totalCostUsd ?? -1)) < 1e-12, 'the result costs exactly what the ledger recorded');
    });

    it('with no valid reply anywhere (plain-text models, like the loopback fakes) ends with "no confident answer"', async () => {
      const engine = fakeEngine({});
      const { session, records, states } = setup(engine);
      await session.start({ prompt: QUESTION, models: [], strategy: 'cascade' });
      assert.equal(engine.calls.length, 6, 'three tiers, each re-asked once');
      assert.equal(records.length, 6);
      const last = states().at(-1)!;
      assert.deepEqual(last.members.map((m) => m.status), ['invalid', 'invalid', 'invalid']);
      assert.equal(last.result?.winner, '');
      assert.deepEqual(last.result?.cascade, { threshold: 0.7, accepted: false, stopped: false });
      assert.match(last.result?.why ?? '', /^No confident answer/u);
    });

    it('estimates the worst case (every step) and sends the ladder with the estimate', async () => {
      const { session, posted } = setup(fakeEngine({}));
      await session.ensureDefaults();
      await session.draft({ prompt: QUESTION, models: [], strategy: 'cascade', cascadeThreshold: 0.8 });
      const estimate = posted.find((m) => m.type === 'vote/estimate');
      assert.ok(estimate?.type === 'vote/estimate');
      assert.deepEqual(estimate.ladder, [
        { ref: 'openai/luna', label: 'LUNA', tier: 'budget' }, { ref: 'openai/astra', label: 'ASTRA', tier: 'standard' }, { ref: 'openai/sol', label: 'SOL', tier: 'premium' },
      ]);
      const promptTokens = countMessageTokens(confidenceMessages([{ role: 'user', content: QUESTION }])).tokens;
      const catalog = buildCatalog({ builtin: MODELS, userEntries: [], discovered: [] });
      const expected = estimateVote({
        models: [{ provider: 'openai', model: 'luna' }, { provider: 'openai', model: 'astra' }, { provider: 'openai', model: 'sol' }],
        promptTokens, maxOutputTokens: DEFAULT_OUTPUT_BUDGET_TOKENS, pricingOf: (ref) => catalog.get(ref)?.pricing,
      });
      assert.equal(estimate.estimateUsd, expected.cost.totalUsd);
      assert.equal(estimate.unpricedModels, 0);
      assert.equal(session.state().cascadeThreshold, 0.8, 'the threshold is remembered');
      assert.equal(session.state().ladder?.length, 3);
    });

    it('stop: the step being asked shows as stopped and the result says the cascade was stopped', async () => {
      const gate = new Gate();
      const engine = fakeEngine({ luna: [confident('no', 0.2)], astra: [[{ wait: gate }, { text: '{}' }, { finish: 'stop' }]] });
      const { session, states } = setup(engine);
      const running = session.start({ prompt: QUESTION, models: [], strategy: 'cascade' });
      for (let i = 0; i < 50 && !states().some((s) => s.members.length === 2); i++) await new Promise((resolve) => setImmediate(resolve));
      session.stop();
      await running;
      const last = states().at(-1)!;
      assert.equal(last.running, false);
      assert.deepEqual(last.members.map((m) => m.status), ['done', 'stopped']);
      assert.deepEqual(last.result?.cascade, { threshold: 0.7, accepted: false, stopped: true, step: 0, confidence: 0.2 });
      assert.match(last.result?.why ?? '', /^Stopped after 1 model asked/u);
    });

    it('refuses without a prompt, or without any usable model', async () => {
      assert.equal(await setup(fakeEngine({})).session.start({ prompt: ' ', models: [], strategy: 'cascade' }), 'Write a question first.');
      assert.match(await setup(fakeEngine({}), []).session.start({ prompt: QUESTION, models: [], strategy: 'cascade' }) ?? '', /No model can take the cascade/u);
    });
  });

  describe('judge', () => {
    const voters = ['openai/luna', 'anthropic/haiku'];
    const judgeCalls = (engine: FakeEngine) => engine.calls.filter((c) => c.request.maxOutputTokens === JUDGE_MAX_OUTPUT_TOKENS).map((c) => c.ref.model);

    it('one judge by default', async () => {
      const engine = fakeEngine({});
      const { session, states } = setup(engine);
      await session.start({ prompt: QUESTION, models: voters, strategy: 'judge' });
      assert.deepEqual(judgeCalls(engine), ['astra']);
      assert.equal(states().at(-1)?.judgePanel, false);
      assert.equal(states().at(-1)?.runStrategy, 'judge');
    });

    it('a panel of three cheap judges when asked, each outside the voters and of its own provider', async () => {
      const engine = fakeEngine({});
      const { session, states, records } = setup(engine);
      await session.start({ prompt: QUESTION, models: voters, strategy: 'judge', judgePanel: true });
      assert.deepEqual(judgeCalls(engine).sort(), ['astra', 'flash', 'sonnet']);
      assert.equal(states().at(-1)?.judgePanel, true);
      assert.equal(records.filter((r) => r.routeReason === 'vote (judge): judge').length, 3, 'every judge is a ledger call');
    });
  });

  it('a majority vote still needs 2 to 6 voters', async () => {
    assert.match(await setup(fakeEngine({})).session.start({ prompt: QUESTION, models: ['openai/luna'], strategy: 'majority' }) ?? '', /Pick 2 to 6 models/u);
  });
});
