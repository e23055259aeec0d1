import * as assert from 'node:assert/strict';
import { QUALITY_DIALS } from '../../../../src/core/routing/learnedModel';
import { routerModel } from '../../../../src/core/routing/learnedClassify';
import { UNCERTAIN_FRACTION, chooseTier, tierRisks } from '../../../../src/core/routing/tierChoice';

type Probs = readonly [number, number, number];

describe('chooseTier', () => {
  it('risk of a tier is the probability that a stronger one is needed', () => {
    const risks = tierRisks([0.5, 0.3, 0.2]);
    assert.deepEqual(risks.map((r) => Math.round(r * 100)), [50, 20, 0]);
  });

  // The decision rule per dial, with fixed thresholds: economy 0.5, balanced 0.15, quality 0.03.
  const THRESHOLDS = { economy: 0.5, balanced: 0.15, quality: 0.03 } as const;
  const TABLE: readonly { probs: Probs; economy: string; balanced: string; quality: string }[] = [
    { probs: [0.98, 0.015, 0.005], economy: 'budget', balanced: 'budget', quality: 'budget' },
    { probs: [0.9, 0.08, 0.02], economy: 'budget', balanced: 'budget', quality: 'standard' },
    { probs: [0.7, 0.28, 0.02], economy: 'budget', balanced: 'standard', quality: 'standard' },
    // economy: budget's 45 % risk passes 50 % but sits in the uncertain band, so standard.
    { probs: [0.55, 0.3, 0.15], economy: 'standard', balanced: 'premium', quality: 'premium' },
    { probs: [0.2, 0.7, 0.1], economy: 'standard', balanced: 'standard', quality: 'premium' },
    { probs: [0.05, 0.35, 0.6], economy: 'premium', balanced: 'premium', quality: 'premium' },
  ];
  for (const row of TABLE) {
    for (const dial of QUALITY_DIALS) {
      it(`${row.probs.join('/')} on ${dial} → ${row[dial]}`, () => {
        assert.equal(chooseTier(row.probs, dial, THRESHOLDS[dial]).needed, row[dial]);
      });
    }
  }

  it('in the uncertain band just under the threshold goes up a tier and says so', () => {
    const risk = 0.15 * (UNCERTAIN_FRACTION + 0.1);
    const choice = chooseTier([1 - risk, risk, 0], 'balanced', 0.15);
    assert.equal(choice.needed, 'standard');
    assert.equal(choice.uncertain, true);
    assert.ok(choice.reasons.some((r) => /uncertain band/.test(r)));
  });

  it('says why each cheaper tier was not taken', () => {
    const choice = chooseTier([0.1, 0.2, 0.7], 'balanced', 0.15);
    assert.equal(choice.needed, 'premium');
    assert.equal(choice.reasons.filter((r) => /^Not (budget|standard): \d+ % chance it is too weak; the balanced dial/.test(r)).length, 2);
  });

  it('applies a feedback offset after calibration, clamped to the tier range', () => {
    const fake = { offset: 1, note: '3 of your overrides raised code generation to standard here' };
    const raised = chooseTier([0.99, 0.01, 0], 'balanced', 0.15, fake);
    assert.equal(raised.needed, 'standard');
    assert.equal(raised.feedback, fake);
    assert.ok(raised.reasons.includes(`Feedback: ${fake.note}.`));
    assert.equal(chooseTier([0, 0, 1], 'balanced', 0.15, { offset: 2, note: 'up' }).needed, 'premium');
    assert.equal(chooseTier([0, 1, 0], 'balanced', 0.15, { offset: -1, note: 'down' }).needed, 'budget');
    assert.equal(chooseTier([0.99, 0.01, 0], 'balanced', 0.15, { offset: 0.2, note: 'too small' }).needed, 'budget');
  });

  it('the shipped model orders its dial thresholds economy > balanced > quality', () => {
    const { thresholds } = routerModel();
    assert.ok(thresholds.economy > thresholds.balanced && thresholds.balanced > thresholds.quality, JSON.stringify(thresholds));
  });
});
