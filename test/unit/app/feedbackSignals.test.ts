import assert from 'node:assert/strict';
import { askAgainSignal, preferenceSignal, ratingSignal, voteWinners } from '../../../src/app/feedbackSignals';
import { initialAnswerState, type AnswerState } from '../../../src/core/ask/answerState';
import { buildCatalog } from '../../../src/core/catalog/modelCatalog';
import type { ModelInfo, ModelTier } from '../../../src/core/catalog/modelInfo';
import type { VoteResult } from '../../../src/core/ensemble/vote/voting';
import type { RouteDecision } from '../../../src/core/routing/routeDecision';
import type { TaskProfile } from '../../../src/core/routing/taskProfile';
import type { ModelRef } from '../../../src/core/types';

function model(id: string, tier: ModelTier): ModelInfo {
  return { provider: 'openai', id, displayName: id, pricing: {}, contextWindow: 100_000, capabilities: { vision: true, tools: true, json: true, reasoning: true }, tier, source: 'builtin' };
}
const catalog = buildCatalog({ builtin: [model('b', 'budget'), model('s', 'standard'), model('p', 'premium')], userEntries: [], discovered: [] });
const ref = (id: string): ModelRef => ({ provider: 'openai', model: id });

function answered(chosen: string, extra: Partial<AnswerState> = {}): AnswerState {
  const decision = { chosen: ref(chosen), chain: [ref(chosen)], task: { type: 'codeGeneration', complexity: 'standard', needs: { vision: false, json: false, contextTokens: 1 } }, tier: { needed: 'budget' }, evidence: [], reasons: [], estimates: [], profile: {} as TaskProfile } as RouteDecision;
  return { ...initialAnswerState('a1', 'write a parser'), phase: 'done', decision, ...extra };
}

describe('feedbackSignals', () => {
  describe('askAgainSignal', () => {
    const rows = [
      { name: 'a stronger model raises', routed: 'b', picked: 's', want: 'raise' },
      { name: 'a weaker model lowers', routed: 'p', picked: 's', want: 'lower' },
      { name: 'the same tier says nothing', routed: 's', picked: 's', want: undefined },
      { name: 'an unknown model says nothing', routed: 'b', picked: 'x', want: undefined },
    ] as const;
    for (const row of rows) {
      it(row.name, () => {
        assert.equal(askAgainSignal(answered(row.routed), ref(row.picked), catalog)?.direction, row.want);
      });
    }
    it('says nothing when the previous answer was itself pinned', () => {
      assert.equal(askAgainSignal(answered('b', { pinned: ref('b') }), ref('p'), catalog), undefined);
    });
    it('names the task and kind', () => {
      assert.deepEqual(askAgainSignal(answered('b'), ref('p'), catalog), { task: 'codeGeneration', kind: 'askAgain', direction: 'raise' });
    });
  });

  describe('ratingSignal', () => {
    it('👎 raises, 👍 keeps, on a finished routed answer only', () => {
      assert.equal(ratingSignal(answered('b'), 'down')?.direction, 'raise');
      assert.equal(ratingSignal(answered('b'), 'up')?.direction, 'keep');
      assert.equal(ratingSignal(answered('b', { phase: 'streaming' }), 'down'), undefined);
      assert.equal(ratingSignal(answered('b', { pinned: ref('b') }), 'down'), undefined);
    });
  });

  describe('preferenceSignal', () => {
    const context = { catalog, featureTiers: {}, feedback: () => undefined };
    const rows = [
      { name: 'a premium winner where Ask routes budget raises', winners: ['p'], complexity: 'simple', want: 'raise' },
      { name: 'a budget winner where Ask routes standard lowers', winners: ['b'], complexity: 'standard', want: 'lower' },
      { name: 'the weakest winner counts: budget agreed with premium', winners: ['p', 'b'], complexity: 'simple', want: 'keep' },
      { name: 'no known winner says nothing', winners: ['x'], complexity: 'simple', want: undefined },
    ] as const;
    for (const row of rows) {
      it(row.name, () => {
        const signal = preferenceSignal('voteWinner', { type: 'codeGeneration', complexity: row.complexity }, row.winners.map(ref), context);
        assert.equal(signal?.direction, row.want);
      });
    }
    it('weighs against the route with today\'s feedback: a standard winner after a raise confirms it', () => {
      const raised = { ...context, feedback: () => ({ offset: 1, note: 'n' }) };
      assert.equal(preferenceSignal('comparePick', { type: 'codeGeneration', complexity: 'simple' }, [ref('s')], raised)?.direction, 'keep');
    });
  });

  it('voteWinners: the valid members of the winning cluster', () => {
    const result = {
      winner: { index: 0 },
      answers: [
        { ref: ref('b'), valid: true, cluster: 0 }, { ref: ref('s'), valid: true, cluster: 1 }, { ref: ref('p'), valid: true, cluster: 0 },
      ],
    } as unknown as VoteResult;
    assert.deepEqual(voteWinners(result), [ref('b'), ref('p')]);
    assert.deepEqual(voteWinners({ ...result, winner: undefined }), []);
  });
});
