import assert from 'node:assert/strict';
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_FEEDBACK_SIGNALS, createRoutingFeedback, type RoutingFeedback } from '../../../src/app/routingFeedback';
import { silentLogger } from '../../../src/core/ports';
import { nodeFileStore } from '../../../src/vscode/nodeFileStore';
import { useTempDir } from '../core/cost/tempDir';
import { FakeClock } from '../core/resilience/fakeClock';

describe('routingFeedback', () => {
  const tempDir = useTempDir();
  const open = async (clock = new FakeClock()): Promise<RoutingFeedback> => {
    const feedback = createRoutingFeedback({ dir: tempDir(), store: nodeFileStore, clock, logger: silentLogger });
    await feedback.ready();
    return feedback;
  };
  const raise = { task: 'codeGeneration', kind: 'askAgain', direction: 'raise' } as const;

  it('two raises of a task move its route one tier up, and survive a reload', async () => {
    const feedback = await open();
    await feedback.add(raise);
    assert.equal(feedback.offset('codeGeneration'), undefined, 'one signal is not enough');
    await feedback.add({ ...raise, kind: 'thumbs' });
    assert.equal(feedback.offset('codeGeneration')?.offset, 1);
    const reopened = await open();
    assert.equal(reopened.signals().length, 2);
    assert.equal(reopened.offset('codeGeneration')?.note, '2 of your overrides raised code generation');
    assert.equal(reopened.offset('chat'), undefined);
  });

  it('reset forgets every signal, on disk too', async () => {
    const feedback = await open();
    await feedback.add(raise);
    await feedback.add(raise);
    await feedback.reset();
    assert.equal(feedback.offset('codeGeneration'), undefined);
    assert.deepEqual((await open()).signals(), []);
    assert.deepEqual(readdirSync(tempDir()), ['feedback.jsonl'], 'no temporary file is left behind');
  });

  it('keeps at most the newest MAX_FEEDBACK_SIGNALS, in memory and on disk', async () => {
    const clock = new FakeClock();
    const feedback = await open(clock);
    for (let i = 0; i < 2 * MAX_FEEDBACK_SIGNALS + 10; i++) {
      clock.advance(1);
      await feedback.add({ task: 'chat', kind: 'thumbs', direction: i % 2 === 0 ? 'lower' : 'keep' });
    }
    assert.equal(feedback.signals().length, MAX_FEEDBACK_SIGNALS);
    const lines = readFileSync(join(tempDir(), 'feedback.jsonl'), 'utf8').split('\n').filter((l) => l !== '');
    assert.ok(lines.length < 2 * MAX_FEEDBACK_SIGNALS, `compacted (${lines.length} lines)`);
    const reopened = await open();
    assert.equal(reopened.signals().length, MAX_FEEDBACK_SIGNALS);
    assert.equal(reopened.signals().at(-1)?.ts, feedback.signals().at(-1)?.ts, 'the newest are the ones kept');
  });

  it('skips a torn or foreign line instead of failing', async () => {
    const feedback = await open();
    await feedback.add(raise);
    appendFileSync(join(tempDir(), 'feedback.jsonl'), '{"ts":1,"task":"codeGen\n{"ts":2,"task":"poetry","kind":"thumbs","direction":"raise"}\n');
    await feedback.add(raise);
    const reopened = await open();
    assert.equal(reopened.signals().length, 2);
    assert.equal(reopened.offset('codeGeneration')?.offset, 1);
  });
});
