import assert from 'node:assert/strict';
import { askPipeline, type AskEngine } from '../../../src/app/askFlow';
import { answerText, type AnswerState } from '../../../src/core/ask/answerState';
import type { RunEvent, RunResult } from '../../../src/core/resilience/runEvents';
import { NoRouteError } from '../../../src/core/routing/routeDecision';
import type { ModelRef } from '../../../src/core/types';
import { decision, haiku, luna, profile, providerError } from '../core/ask/askFixtures';

const input = { prompt: 'write a sort', request: { messages: [{ role: 'user' as const, content: 'write a sort' }], feature: 'ask' as const } };

function engine(run: AskEngine['run'], route: AskEngine['route'] = () => decision): AskEngine & { chains: ModelRef[][] } {
  const chains: ModelRef[][] = [];
  return {
    chains,
    classify: () => profile,
    route,
    run: (chain, request, options) => {
      chains.push([...chain]);
      return run(chain, request, options);
    },
  };
}

async function drain(gen: AsyncGenerator<AnswerState, AnswerState>): Promise<AnswerState[]> {
  const states: AnswerState[] = [];
  for await (const s of gen) states.push(s);
  return states;
}

describe('askPipeline', () => {
  it('routes, streams and finishes with the runner result', async () => {
    const e = engine(async function* (): AsyncGenerator<RunEvent, RunResult> {
      yield { type: 'attempt-start', ref: luna, retry: 0 };
      yield { type: 'attempt-failed', ref: luna, error: providerError(luna, 'serverError', 503), next: 'failover' };
      yield { type: 'attempt-start', ref: haiku, retry: 0 };
      yield { type: 'text-delta', text: 'sorted' };
      return { answeredBy: haiku, attempts: [], text: 'sorted' };
    });
    const seen: string[] = [];
    const states = await drain(askPipeline({ engine: e, onDecision: (d) => seen.push(d.chosen.model), newId: () => 'x' }).start(input, new AbortController().signal));
    const last = states.at(-1);
    assert.equal(states[0]?.phase, 'routing');
    assert.equal(last?.phase, 'done');
    assert.equal(answerText(last as AnswerState), 'sorted');
    assert.deepEqual(last?.answeredBy, haiku);
    assert.deepEqual(e.chains, [decision.chain]);
    assert.deepEqual(seen, ['gpt-6-luna']);
  });

  it('asks only the pinned model, without the router', async () => {
    let routed = false;
    const e = engine(async function* (chain): AsyncGenerator<RunEvent, RunResult> {
      yield { type: 'attempt-start', ref: chain[0] ?? haiku, retry: 0 };
      return { answeredBy: chain[0], attempts: [], text: '' };
    }, () => { routed = true; return decision; });
    const states = await drain(askPipeline({ engine: e }).start({ ...input, pinned: haiku }, new AbortController().signal));
    assert.equal(routed, false);
    assert.deepEqual(e.chains, [[haiku]]);
    assert.equal(states.at(-1)?.decision?.task.type, 'codeGeneration');
    assert.deepEqual(states.at(-1)?.pinned, haiku);
  });

  it('fails with the reasons when no model can take the request, flagged for setup', async () => {
    const e = engine(async function* (): AsyncGenerator<RunEvent, RunResult> {
      yield { type: 'finish', reason: 'stop' };
      throw new Error('the runner must not be called without a route');
    }, () => { throw new NoRouteError('No model can take this request.', ['No provider has a key.']); });
    const last = (await drain(askPipeline({ engine: e }).start(input, new AbortController().signal))).at(-1);
    assert.equal(last?.phase, 'failed');
    assert.equal(last?.noRoute, true);
    assert.match(last?.error ?? '', /No provider has a key/);
    assert.equal(e.chains.length, 0);
  });

  it('reports a runner failure as failed with its message', async () => {
    const e = engine(async function* (): AsyncGenerator<RunEvent, RunResult> {
      yield { type: 'attempt-start', ref: luna, retry: 0 };
      throw new Error('All 3 models failed.');
    });
    const last = (await drain(askPipeline({ engine: e }).start(input, new AbortController().signal))).at(-1);
    assert.equal(last?.phase, 'failed');
    assert.equal(last?.error, 'All 3 models failed.');
  });

  it('is stopped, not failed, when the signal aborts the run', async () => {
    const controller = new AbortController();
    const e = engine(async function* (_chain, _request, options): AsyncGenerator<RunEvent, RunResult> {
      yield { type: 'text-delta', text: 'partial' };
      controller.abort();
      if (options.signal.aborted) throw new Error('aborted');
      return { attempts: [], text: '' };
    });
    const last = (await drain(askPipeline({ engine: e }).start(input, controller.signal))).at(-1);
    assert.equal(last?.phase, 'stopped');
    assert.equal(answerText(last as AnswerState), 'partial');
  });
});
