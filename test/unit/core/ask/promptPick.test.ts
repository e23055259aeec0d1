import assert from 'node:assert/strict';
import { MAX_PROMPT_CHARS } from '../../../../src/core/ask/promptLimits';
import { PromptPick, type PromptRow } from '../../../../src/core/ask/promptPick';
import { MAX_ANSWER_TEXT } from '../../../../src/shared/answerProtocol';

const HISTORY = ['Explain what a circuit breaker does', 'Write a debounce helper'];

/** Rows for `value`, with the workbench's automatic activation of the first one already reported. */
function shown(pick: PromptPick, value: string): readonly PromptRow[] {
  const rows = pick.rowsFor(value);
  pick.activeChanged(rows[0]);
  return rows;
}

describe('PromptPick (what Enter sends in Ask)', () => {
  it('never sends anything on an empty input, though a past prompt is listed', () => {
    const pick = new PromptPick(HISTORY);
    const rows = shown(pick, '');
    assert.equal(rows[0]?.role, 'hint');
    assert.deepEqual(pick.accept('', rows[0]), { kind: 'nothing' });
    assert.deepEqual(pick.accept('   ', rows[0]), { kind: 'nothing' });
  });

  it('sends a past prompt on an empty input only after the user moved to it', () => {
    const pick = new PromptPick(HISTORY);
    const rows = shown(pick, '');
    pick.activeChanged(rows[1]);
    assert.deepEqual(pick.accept('', rows[1]), { kind: 'send', prompt: HISTORY[0], from: 'history' });
  });

  it('sends exactly the pasted text (50 KB, untrimmed) even when a stale past row is active', () => {
    const pasted = `  ${'const x = 1;\n'.repeat(4_000)}  `;
    assert.ok(pasted.length >= 50_000);
    const pick = new PromptPick(HISTORY);
    const rows = pick.rowsFor(pasted);
    // The workbench has not shown our rows yet: it activates a row of its old list, mapped onto ours.
    pick.activeChanged(rows[1]);
    assert.deepEqual(pick.accept(pasted, rows[1]), { kind: 'send', prompt: pasted, from: 'typed' });
    // After it has caught up, an automatic activation of the typed row is still not a choice of a past one.
    pick.activeChanged(rows[0]);
    assert.deepEqual(pick.accept(pasted, rows[0]), { kind: 'send', prompt: pasted, from: 'typed' });
  });

  it('sends a past prompt the user moved to after typing, and the typed text when they moved back', () => {
    const pick = new PromptPick(HISTORY);
    const rows = shown(pick, 'debounce');
    assert.equal(rows[0]?.role, 'typed');
    pick.activeChanged(rows[2]);
    assert.deepEqual(pick.accept('debounce', rows[2]), { kind: 'send', prompt: HISTORY[1], from: 'history' });
    pick.activeChanged(rows[0]);
    assert.deepEqual(pick.accept('debounce', rows[0]), { kind: 'send', prompt: 'debounce', from: 'typed' });
  });

  it('forgets a navigation when the text changes', () => {
    const pick = new PromptPick(HISTORY);
    let rows = shown(pick, 'a');
    pick.activeChanged(rows[1]);
    rows = pick.rowsFor('ab');
    assert.deepEqual(pick.accept('ab', rows[1]), { kind: 'send', prompt: 'ab', from: 'typed' });
  });

  it('refuses a row from an earlier list', () => {
    const pick = new PromptPick(HISTORY);
    const old = shown(pick, 'x');
    pick.activeChanged(old[1]);
    shown(pick, 'xy');
    assert.deepEqual(pick.accept('xy', old[1]), { kind: 'send', prompt: 'xy', from: 'typed' });
  });

  it('says a prompt is too long instead of cutting it or sending something else', () => {
    const pick = new PromptPick(HISTORY);
    const huge = 'x'.repeat(MAX_PROMPT_CHARS + 1);
    const rows = shown(pick, huge);
    assert.deepEqual(pick.accept(huge, rows[0]), { kind: 'tooLong', length: MAX_PROMPT_CHARS + 1, max: MAX_PROMPT_CHARS });
  });

  it('takes as long a prompt as the answer view can show', () => {
    assert.equal(MAX_PROMPT_CHARS, MAX_ANSWER_TEXT);
  });
});
