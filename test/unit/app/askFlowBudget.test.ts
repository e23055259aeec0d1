import assert from 'node:assert/strict';
import { askPipeline, type AskBudget, type AskEngine } from '../../../src/app/askFlow';
import { answerText, type AnswerState } from '../../../src/core/ask/answerState';
import type { CallTiming } from '../../../src/core/cost/answerRecord';
import { FallbackExhaustedError } from '../../../src/core/resilience/fallbackErrors';
import type { AttemptRecord, RunEvent, RunResult } from '../../../src/core/resilience/runEvents';
import { decision, luna, profile } from '../core/ask/askFixtures';

const input = { prompt: 'hi', request: { messages: [{ role: 'user' as const, content: 'hi' }], feature: 'ask' as const } };

/** A clock that advances 10 ms per reading. */
function steppingClock(): { now(): number } {
  let t = 1_000;
  return { now: () => (t += 10) };
}

function engineOf(run: AskEngine['run']): AskEngine & { runs: number } {
  const e = { runs: 0, classify: () => profile, route: () => decision, run: (...args: Parameters<AskEngine['run']>) => { e.runs++; return run(...args); } };
  return e;
}

async function* words(_chain: unknown, _req: unknown, options: { readonly signal: AbortSignal }): AsyncGenerator<RunEvent, RunResult> {
  yield { type: 'attempt-start', ref: luna, retry: 0 };
  for (const word of ['one ', 'two ', 'three ', 'four ']) {
    if (options.signal.aborted) throw new Error('aborted');
    yield { type: 'text-delta', text: word };
  }
  return { answeredBy: luna, attempts: [], text: 'one two three four ', usage: { inputTokens: 3, outputTokens: 4 } };
}

async function last(gen: AsyncGenerator<AnswerState, AnswerState>): Promise<AnswerState> {
  let state: AnswerState | undefined;
  for await (const s of gen) state = s;
  assert.ok(state);
  return state;
}

describe('askPipeline — budget and recording hooks', () => {
  it('does not send a request the budget refuses, says why, and records nothing', async () => {
    const e = engineOf(words);
    const finished: AnswerState[] = [];
    const budget: AskBudget = { admit: async () => ({ go: false, reason: 'Not sent: today\'s $1.00 budget is used up.' }) };
    const state = await last(askPipeline({ engine: e, budget, onFinished: (s) => finished.push(s) }).start(input, new AbortController().signal));
    assert.equal(e.runs, 0);
    assert.equal(state.phase, 'failed');
    assert.equal(state.error, 'Not sent: today\'s $1.00 budget is used up.');
    assert.deepEqual(finished, []);
  });

  it('a declined confirmation stops quietly', async () => {
    const e = engineOf(words);
    const state = await last(askPipeline({ engine: e, budget: { admit: async () => ({ go: false }) } }).start(input, new AbortController().signal));
    assert.equal(e.runs, 0);
    assert.equal(state.phase, 'stopped');
  });

  it('stops the stream when the live check says so, and reports the call as cancelled', async () => {
    const e = engineOf(words);
    let checks = 0;
    const budget: AskBudget = {
      admit: async () => ({ go: true }),
      liveCheck: (s) => (++checks, answerText(s).includes('two') ? 'Stopped at today\'s cap.' : undefined),
    };
    const timings: CallTiming[] = [];
    const state = await last(askPipeline({ engine: e, budget, clock: steppingClock(), onFinished: (_s, t) => timings.push(t) }).start(input, new AbortController().signal));
    assert.equal(state.phase, 'stopped');
    assert.equal(answerText(state), 'one two ');
    assert.equal(timings.length, 1);
    assert.ok(checks >= 2);
  });

  it('reports timing with the first token, and the attempts of an exhausted chain', async () => {
    const attempts: AttemptRecord[] = [{ ref: luna, retry: 0, startedAt: 1, endedAt: 5, outcome: 'failed', reason: 'serverError', status: 503, textChars: 0 }];
    // eslint-disable-next-line require-yield -- fails before any event, as an exhausted chain does
    const failing = async function* (): AsyncGenerator<RunEvent, RunResult> {
      throw new FallbackExhaustedError({ attempts, partialText: '' });
    };
    const seen: { state: AnswerState; timing: CallTiming }[] = [];
    const failed = await last(askPipeline({ engine: engineOf(failing), clock: steppingClock(), onFinished: (state, timing) => seen.push({ state, timing }) }).start(input, new AbortController().signal));
    assert.equal(failed.phase, 'failed');
    assert.deepEqual(seen[0]?.state.attempts, attempts);
    assert.equal(seen[0]?.timing.firstTokenAt, undefined);

    const ok: { timing: CallTiming }[] = [];
    await last(askPipeline({ engine: engineOf(words), clock: steppingClock(), onFinished: (_s, timing) => ok.push({ timing }) }).start(input, new AbortController().signal));
    const timing = ok[0]?.timing;
    assert.ok(timing?.firstTokenAt !== undefined && timing.firstTokenAt > timing.startedAt && timing.endedAt > timing.firstTokenAt, JSON.stringify(timing));
  });
});
