import assert from 'node:assert/strict';
import { CONTINUE_INSTRUCTION, continuationMessages, OverlapTrimmer } from '../../../../src/core/resilience/continuation';
import { sumUsage } from '../../../../src/core/resilience/usageSum';

/** Feeds deltas through a trimmer; returns what was released after each push, and at the end. */
function trim(shown: string, deltas: readonly string[]): { released: string[]; total: string } {
  const trimmer = new OverlapTrimmer(shown);
  const released = deltas.map((d) => trimmer.push(d));
  released.push(trimmer.end());
  return { released, total: released.join('') };
}

describe('continuation', () => {
  it('builds the request: original messages, the partial answer as the assistant turn, then the instruction', () => {
    const messages = [{ role: 'system' as const, content: 'Be brief.' }, { role: 'user' as const, content: 'Q?' }];
    assert.deepEqual(continuationMessages(messages, 'Half an'), [
      ...messages,
      { role: 'assistant', content: 'Half an' },
      { role: 'user', content: CONTINUE_INSTRUCTION },
    ]);
  });

  describe('OverlapTrimmer', () => {
    const ROWS: readonly { name: string; shown: string; deltas: readonly string[]; total: string }[] = [
      { name: 'genuine continuation passes through', shown: 'alpha beta', deltas: [' gamma', ' delta'], total: ' gamma delta' },
      { name: 'repeated last word with its space is dropped', shown: 'alpha beta', deltas: [' beta', ' gamma'], total: ' gamma' },
      { name: 'repeated last word without its space is dropped', shown: 'alpha beta', deltas: ['beta gamma'], total: ' gamma' },
      { name: 'a full restart is dropped', shown: 'alpha beta', deltas: ['alpha', ' beta', ' gamma'], total: ' gamma' },
      { name: 'overlap split over tiny deltas', shown: 'one two three', deltas: ['t', 'w', 'o', ' ', 't', 'hree', ' four'], total: ' four' },
      { name: 'a short coincidence is kept ("the" + "theory")', shown: 'I like the', deltas: ['ory of it'], total: 'ory of it' },
      { name: 'an overlap not at a word boundary is kept', shown: 'unbreakable', deltas: ['able stuff'], total: 'able stuff' },
      { name: 'the longest overlap wins', shown: 'la la la la', deltas: ['la la la la la!'], total: ' la!' },
      // Matching the middle of the shown text is not a repeat of its end: "I said hello. I said" + " hello".
      { name: 'a continuation that only matches the middle of the shown text is kept', shown: 'I said hello. I said', deltas: [' hello'], total: ' hello' },
      { name: 'prefix that stops matching is released whole', shown: 'alpha beta', deltas: ['bet', 'ween us'], total: 'between us' },
      { name: 'nothing shown: nothing to trim', shown: '', deltas: ['alpha'], total: 'alpha' },
      { name: 'multi-byte text', shown: 'Grüße aus Köln — 東京', deltas: ['Köln — 東京 🚀'], total: ' 🚀' },
    ];
    for (const row of ROWS) {
      it(row.name, () => {
        assert.equal(trim(row.shown, row.deltas).total, row.total);
      });
    }

    it('releases new text at once and holds back only while a repeat is still possible', () => {
      assert.deepEqual(trim('alpha beta', [' gamma']).released, [' gamma', '']);
      assert.deepEqual(trim('alpha beta', ['be', 'ta', ' gamma']).released, ['', '', ' gamma', '']);
      assert.deepEqual(trim('alpha beta', ['x', 'beta']).released, ['x', 'beta', '']);
    });
  });

  describe('sumUsage', () => {
    const ROWS: readonly { name: string; parts: Parameters<typeof sumUsage>[0]; expected: ReturnType<typeof sumUsage> }[] = [
      { name: 'no parts', parts: [], expected: undefined },
      { name: 'one known part', parts: [{ usage: { inputTokens: 3, outputTokens: 2 }, producedText: true }], expected: { inputTokens: 3, outputTokens: 2 } },
      {
        name: 'two known parts add up field by field',
        parts: [{ usage: { inputTokens: 3, outputTokens: 2, reasoningTokens: 1 }, producedText: true }, { usage: { inputTokens: 5, outputTokens: 1 }, producedText: true }],
        expected: { inputTokens: 8, outputTokens: 3 },
      },
      { name: 'a refused attempt (no text, no usage) adds nothing', parts: [{ producedText: false }, { usage: { inputTokens: 5 }, producedText: true }], expected: { inputTokens: 5 } },
      { name: 'a cut attempt with text but no usage makes all unknown', parts: [{ producedText: true }, { usage: { inputTokens: 5, outputTokens: 1 }, producedText: true }], expected: undefined },
      { name: 'only refused attempts: unknown, never zero', parts: [{ producedText: false }], expected: undefined },
    ];
    for (const row of ROWS) {
      it(row.name, () => {
        assert.deepEqual(sumUsage(row.parts), row.expected);
      });
    }
  });
});
