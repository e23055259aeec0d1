import assert from 'node:assert/strict';
import type { ModelTier } from '../../../../src/core/catalog/modelInfo';
import { feedbackTier } from '../../../../src/core/routing/feedbackTier';
import type { RouteRequest } from '../../../../src/core/routing/taskProfile';

describe('feedbackTier', () => {
  const rows: readonly { name: string; tier: ModelTier; offset: number | undefined; request?: Pick<RouteRequest, 'feature' | 'minimumTier'>; want: ModelTier }[] = [
    { name: 'no feedback keeps the tier', tier: 'budget', offset: undefined, want: 'budget' },
    { name: '+1 raises budget to standard', tier: 'budget', offset: 1, want: 'standard' },
    { name: '+1 raises standard to premium', tier: 'standard', offset: 1, want: 'premium' },
    { name: 'premium cannot go higher', tier: 'premium', offset: 1, want: 'premium' },
    { name: '−1 lowers standard to budget', tier: 'standard', offset: -1, want: 'budget' },
    { name: 'budget cannot go lower', tier: 'budget', offset: -1, want: 'budget' },
    { name: 'an offset beyond ±1 moves one tier', tier: 'budget', offset: 3, want: 'standard' },
    { name: 'a judge never drops below standard', tier: 'standard', offset: -1, request: { feature: 'judge' }, want: 'standard' },
    { name: 'a request floor holds', tier: 'standard', offset: -1, request: { feature: 'codeAction', minimumTier: { tier: 'standard', source: 'quorum.codeActions.tier' } }, want: 'standard' },
    { name: 'fixed-tier housekeeping calls are never moved', tier: 'budget', offset: 1, request: { feature: 'classifier' }, want: 'budget' },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const feedback = row.offset === undefined ? undefined : { offset: row.offset, note: '2 of your overrides raised chat/Q&A' };
      const result = feedbackTier(row.tier, row.request ?? { feature: 'ask' }, {}, feedback);
      assert.equal(result.tier, row.want);
      assert.equal(result.feedback === undefined, row.want === row.tier, 'feedback is reported exactly when it moved the tier');
    });
  }

  it('says what moved the tier, for the decision card', () => {
    const result = feedbackTier('budget', { feature: 'ask' }, {}, { offset: 1, note: '3 of your overrides raised code generation' });
    assert.deepEqual(result.feedback, { offset: 1, from: 'budget', to: 'standard', note: '3 of your overrides raised code generation to standard here' });
    assert.match(result.reason ?? '', /^Tier standard \(from budget\): 3 of your overrides raised code generation to standard here\./);
  });
});
