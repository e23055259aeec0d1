import assert from 'node:assert/strict';
import type { AnswerSnapshot } from '../../../../src/shared/answerProtocol';
import { answerMirror } from '../../../../src/vscode/webview/answerMirror';

function answer(id: string, phase: AnswerSnapshot['phase'], text: string): AnswerSnapshot {
  return {
    id, prompt: 'Why?', phase, segments: [{ text }],
    header: { status: phase, model: 'openai/gpt-6-luna', why: 'cheapest capable', tokens: '—', cost: 'unknown' },
  };
}

describe('answerMirror', () => {
  const cases: readonly {
    readonly name: string;
    readonly shown?: AnswerSnapshot;
    readonly next: AnswerSnapshot;
    readonly flush: 'now' | 'later';
    readonly sends: 'answer/snapshot' | 'answer/append';
  }[] = [
    { name: 'the first answer goes out whole, at once', next: answer('a', 'streaming', 'Hi'), flush: 'now', sends: 'answer/snapshot' },
    { name: 'streaming text waits for the flush and goes out as an append', shown: answer('a', 'streaming', 'Hi'), next: answer('a', 'streaming', 'Hi there'), flush: 'later', sends: 'answer/append' },
    { name: 'a finished answer goes out at once', shown: answer('a', 'streaming', 'Hi'), next: answer('a', 'done', 'Hi there'), flush: 'now', sends: 'answer/snapshot' },
    { name: 'a stopped answer goes out at once', shown: answer('a', 'streaming', 'Hi'), next: answer('a', 'stopped', 'Hi'), flush: 'now', sends: 'answer/snapshot' },
    { name: 'a failed answer goes out at once', shown: answer('a', 'streaming', 'Hi'), next: answer('a', 'failed', 'Hi'), flush: 'now', sends: 'answer/snapshot' },
    { name: 'a new answer replaces the old one at once', shown: answer('a', 'done', 'Hi'), next: answer('b', 'routing', ''), flush: 'now', sends: 'answer/snapshot' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const mirror = answerMirror();
      if (c.shown !== undefined) {
        mirror.set(c.shown);
        mirror.take();
      }
      assert.equal(mirror.set(c.next), c.flush);
      assert.equal(mirror.take()?.type, c.sends);
    });
  }

  it('coalesces a burst of streamed text into one append of all of it', () => {
    const mirror = answerMirror();
    mirror.set(answer('a', 'streaming', ''));
    mirror.take();
    for (const text of ['O', 'On', 'Once', 'Once upon']) assert.equal(mirror.set(answer('a', 'streaming', text)), 'later');
    assert.deepEqual(mirror.take(), { type: 'answer/append', id: 'a', segment: 0, text: 'Once upon' });
  });

  it('sends a restored answer whole when the view asks', () => {
    const saved = answer('r', 'done', 'From before the reload.');
    const mirror = answerMirror(saved);
    assert.deepEqual(mirror.take(), { type: 'answer/snapshot', snapshot: saved });
  });
});
