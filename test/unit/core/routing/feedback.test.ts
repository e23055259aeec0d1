import assert from 'node:assert/strict';
import {
  FEEDBACK_HALF_LIFE_MS, feedbackDirection, feedbackOffsets, type FeedbackDirection, type FeedbackSignal,
} from '../../../../src/core/routing/feedback';
import type { TaskType } from '../../../../src/core/routing/taskProfile';

const NOW = 1_800_000_000_000;
const DAY = 24 * 60 * 60 * 1000;

function signals(task: TaskType, directions: readonly FeedbackDirection[], ageMs = 0): FeedbackSignal[] {
  return directions.map((direction) => ({ ts: NOW - ageMs, task, kind: 'askAgain', direction }));
}

describe('feedbackOffsets', () => {
  const rows: readonly { name: string; signals: FeedbackSignal[]; offset: number | undefined }[] = [
    { name: 'no signals', signals: [], offset: undefined },
    { name: 'one raise is not a pattern', signals: signals('codeGeneration', ['raise']), offset: undefined },
    { name: 'two fresh raises raise one tier', signals: signals('codeGeneration', ['raise', 'raise']), offset: 1 },
    { name: 'five raises still raise only one tier', signals: signals('codeGeneration', Array<FeedbackDirection>(5).fill('raise')), offset: 1 },
    { name: 'two fresh lowers lower one tier', signals: signals('codeGeneration', ['lower', 'lower']), offset: -1 },
    { name: 'two raises and a lower cancel', signals: signals('codeGeneration', ['raise', 'raise', 'lower']), offset: undefined },
    { name: 'two raises and a 👍 still raise', signals: signals('codeGeneration', ['raise', 'raise', 'keep']), offset: 1 },
    { name: 'two raises and two 👍 do not', signals: signals('codeGeneration', ['raise', 'raise', 'keep', 'keep']), offset: undefined },
    { name: 'two month-old raises have decayed', signals: signals('codeGeneration', ['raise', 'raise'], 2 * FEEDBACK_HALF_LIFE_MS), offset: undefined },
    { name: 'three raises a week old still count', signals: signals('codeGeneration', ['raise', 'raise', 'raise'], 7 * DAY), offset: 1 },
    { name: 'only 👍 moves nothing', signals: signals('codeGeneration', ['keep', 'keep', 'keep']), offset: undefined },
    { name: 'another task\'s signals do not count', signals: [...signals('chat', ['raise', 'raise']), ...signals('codeGeneration', ['raise'])], offset: undefined },
  ];
  for (const row of rows) {
    it(row.name, () => {
      assert.equal(feedbackOffsets(row.signals, NOW).get('codeGeneration')?.offset, row.offset);
    });
  }

  it('says how many overrides moved which task', () => {
    const offsets = feedbackOffsets(signals('codeGeneration', ['raise', 'raise', 'raise']), NOW);
    assert.equal(offsets.get('codeGeneration')?.note, '3 of your overrides raised code generation');
    assert.equal(feedbackOffsets(signals('chat', ['lower', 'lower']), NOW).get('chat')?.note, '2 of your overrides lowered chat/Q&A');
  });
});

describe('feedbackDirection', () => {
  const rows = [
    { preferred: 'premium', routed: 'budget', direction: 'raise' },
    { preferred: 'standard', routed: 'budget', direction: 'raise' },
    { preferred: 'budget', routed: 'standard', direction: 'lower' },
    { preferred: 'standard', routed: 'standard', direction: 'keep' },
  ] as const;
  for (const row of rows) {
    it(`${row.preferred} preferred over a ${row.routed} route → ${row.direction}`, () => {
      assert.equal(feedbackDirection(row.preferred, row.routed), row.direction);
    });
  }
});
