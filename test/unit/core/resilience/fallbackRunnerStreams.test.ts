import assert from 'node:assert/strict';
import { CONTINUE_INSTRUCTION } from '../../../../src/core/resilience/continuation';
import { FallbackStoppedError } from '../../../../src/core/resilience/fallbackErrors';
import { ASK, drain, harness, options, ref, textOf } from './runnerHarness';
import { ScriptedProvider } from './scriptedProvider';

const A = ref('openai', 'a');
const B = ref('anthropic', 'b');
const C = ref('gemini', 'c');

function providers() {
  return { openai: new ScriptedProvider('openai'), anthropic: new ScriptedProvider('anthropic'), gemini: new ScriptedProvider('gemini') };
}

/** What the user sees when a stream breaks: continuation without duplicates, and cancellation. */
describe('FallbackRunner streams', () => {
  describe('mid-stream failure: continuation', () => {
    it('keeps the shown text, emits continued-by, and asks the next model to continue', async () => {
      const p = providers();
      p.openai.script('a', { text: ['The breaker ', 'opens after '], error: { reason: 'network', providerCode: 'ECONNRESET' } });
      p.anthropic.script('b', { text: ['three failures.'], usage: { inputTokens: 30, outputTokens: 3 } });
      const h = harness(Object.values(p));
      const { events, result } = await drain(h.runner.run([A, B], ASK, options()));
      assert.equal(result?.text, 'The breaker opens after three failures.');
      assert.equal(textOf(events), result?.text);
      assert.deepEqual(events.map((e) => e.type), [
        'attempt-start', 'text-delta', 'text-delta', 'attempt-failed', 'attempt-start', 'continued-by', 'text-delta', 'finish',
      ]);
      assert.equal(p.openai.calls.length, 1, 'never a silent retry of the same model after text was shown');
      assert.deepEqual(p.anthropic.calls[0]?.request.messages, [
        ...ASK.messages,
        { role: 'assistant', content: 'The breaker opens after ' },
        { role: 'user', content: CONTINUE_INSTRUCTION },
      ]);
      assert.deepEqual(result?.attempts.map((a) => [a.outcome, a.textChars]), [['failed', 24], ['success', 15]]);
      assert.equal(result?.usage, undefined, 'the cut attempt used unknown tokens, so the total is unknown');
    });

    const DEDUP: readonly { name: string; continuation: readonly string[]; expected: string }[] = [
      { name: 'repeats the last words', continuation: ['opens after', ' three failures.'], expected: 'The breaker opens after three failures.' },
      { name: 'restarts from the beginning', continuation: ['The breaker opens ', 'after three failures.'], expected: 'The breaker opens after three failures.' },
      { name: 'repeats in one-character deltas', continuation: [...'after three.'], expected: 'The breaker opens after three.' },
      { name: 'starts with new text (released at once)', continuation: ['three', ' failures.'], expected: 'The breaker opens after three failures.' },
    ];
    for (const row of DEDUP) {
      it(`never shows duplicated text when the continuation ${row.name}`, async () => {
        const p = providers();
        p.openai.script('a', { text: ['The breaker ', 'opens after '], error: { reason: 'timeout', providerCode: 'idle-timeout' } });
        p.anthropic.script('b', { text: row.continuation });
        const h = harness(Object.values(p));
        const { events, result } = await drain(h.runner.run([A, B], ASK, options()));
        assert.equal(textOf(events), row.expected);
        assert.equal(result?.text, row.expected);
      });
    }

    it('a second hop continues from everything shown so far, naming the last writer', async () => {
      const p = providers();
      p.openai.script('a', { text: ['one '], error: { reason: 'serverError' } });
      p.anthropic.script('b', { text: ['two '], error: { reason: 'overloaded' } });
      p.gemini.script('c', { text: ['three.'] });
      const h = harness(Object.values(p));
      const { events, result } = await drain(h.runner.run([A, B, C], ASK, options()));
      assert.equal(result?.text, 'one two three.');
      assert.deepEqual(events.filter((e) => e.type === 'continued-by'), [
        { type: 'continued-by', from: A, to: B },
        { type: 'continued-by', from: B, to: C },
      ]);
      assert.equal(p.gemini.calls[0]?.request.messages[1]?.content, 'one two ');
    });

    it('a continuation attempt that fails before its first token is retried invisibly (no second continued-by)', async () => {
      const p = providers();
      p.openai.script('a', { text: ['one '], error: { reason: 'serverError' } });
      p.anthropic.script('b', { error: { reason: 'overloaded', status: 529 } }, { text: ['two.'] });
      const h = harness(Object.values(p));
      const { events, result } = await drain(h.runner.run([A, B], ASK, options()));
      assert.equal(result?.text, 'one two.');
      assert.equal(events.filter((e) => e.type === 'continued-by').length, 1);
      assert.equal(p.anthropic.calls.length, 2);
    });
  });

  describe('cancellation', () => {
    it('aborting mid-stream stops at once: the request is aborted, no other model is tried', async () => {
      const p = providers();
      p.openai.script('a', { text: ['partial '], hang: true });
      const h = harness(Object.values(p));
      const controller = new AbortController();
      const { error } = await drain(h.runner.run([A, B], ASK, options({ signal: controller.signal })), (e) => {
        if (e.type === 'text-delta') controller.abort();
      });
      assert.ok(error instanceof FallbackStoppedError);
      assert.equal(error.reason, 'aborted');
      assert.equal(error.partialText, 'partial ');
      assert.equal(p.openai.calls[0]?.options.signal.aborted, true);
      assert.equal(p.anthropic.calls.length, 0);
      assert.deepEqual(error.attempts.map((a) => a.outcome), ['aborted']);
      assert.equal(h.breakers.get(A).state, 'closed', 'a cancel is not a provider failure');
    });

    it('aborting during a backoff wait stops without another attempt', async () => {
      const p = providers();
      p.openai.script('a', { error: { reason: 'serverError', status: 500 } });
      const controller = new AbortController();
      const h = harness(Object.values(p), {
        sleep: async (_ms, signal) => {
          controller.abort();
          if (signal.aborted) throw signal.reason;
        },
      });
      const { error } = await drain(h.runner.run([A, B], ASK, options({ signal: controller.signal })));
      assert.ok(error instanceof FallbackStoppedError);
      assert.equal(error.reason, 'aborted');
      assert.equal(p.openai.calls.length + p.anthropic.calls.length, 1);
    });

    it('an already aborted signal makes no call at all', async () => {
      const p = providers();
      const h = harness(Object.values(p));
      const { error } = await drain(h.runner.run([A, B], ASK, options({ signal: AbortSignal.abort() })));
      assert.ok(error instanceof FallbackStoppedError);
      assert.equal(p.openai.calls.length, 0);
    });
  });
});
