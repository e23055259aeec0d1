import assert from 'node:assert/strict';
import { confirmAboveThreshold, type RouteChoice, type RouteConfirmPort } from '../../../src/app/askConfirm';
import { askPipeline, type AskEngine } from '../../../src/app/askFlow';
import type { AnswerState } from '../../../src/core/ask/answerState';
import type { RunEvent, RunResult } from '../../../src/core/resilience/runEvents';
import type { RouteDecision } from '../../../src/core/routing/routeDecision';
import type { ModelRef } from '../../../src/core/types';
import { decision, haiku, luna, profile } from '../core/ask/askFixtures';

const input = { prompt: 'write a sort', request: { messages: [{ role: 'user' as const, content: 'write a sort' }], feature: 'ask' as const } };
const priced: RouteDecision = {
  ...decision,
  chain: [luna, haiku],
  estimates: [{ ref: luna, inputTokens: 100, outputTokens: 100, costUsd: 0.5 }, { ref: haiku, inputTokens: 100, outputTokens: 100, costUsd: 0.01 }],
};

function port(choice: RouteChoice): RouteConfirmPort & { asked: number } {
  const p = { asked: 0, choose: async () => { p.asked++; return choice; } };
  return p;
}

async function run(confirm: RouteConfirmPort, threshold: number, pinned?: ModelRef): Promise<{ chains: ModelRef[][]; last: AnswerState | undefined }> {
  const chains: ModelRef[][] = [];
  const engine: AskEngine = {
    classify: () => profile,
    route: () => priced,
    run: async function* (chain): AsyncGenerator<RunEvent, RunResult> {
      chains.push([...chain]);
      yield { type: 'attempt-start', ref: chain[0] ?? luna, retry: 0 };
      return { answeredBy: chain[0], attempts: [], text: '' };
    },
  };
  let last: AnswerState | undefined;
  const pipeline = askPipeline({ engine, confirmRoute: confirmAboveThreshold(() => threshold, confirm) });
  for await (const state of pipeline.start({ ...input, ...(pinned ? { pinned } : {}) }, new AbortController().signal)) last = state;
  return { chains, last };
}

describe('confirmAboveThreshold (quorum.ask.confirmAboveUsd)', () => {
  const rows: readonly { name: string; threshold: number; choice: RouteChoice; asked: number; chain: ModelRef[] | undefined }[] = [
    { name: 'off (0) never asks', threshold: 0, choice: { send: false }, asked: 0, chain: [luna, haiku] },
    { name: 'an estimate under the threshold is sent without asking', threshold: 1, choice: { send: false }, asked: 0, chain: [luna, haiku] },
    { name: 'above it, "send" sends the route as it was', threshold: 0.1, choice: { send: true }, asked: 1, chain: [luna, haiku] },
    { name: 'above it, a switch sends only the chosen model', threshold: 0.1, choice: { send: true, model: haiku }, asked: 1, chain: [haiku] },
    { name: 'above it, cancel sends nothing', threshold: 0.1, choice: { send: false }, asked: 1, chain: undefined },
  ];
  for (const row of rows) {
    it(row.name, async () => {
      const confirm = port(row.choice);
      const { chains, last } = await run(confirm, row.threshold);
      assert.equal(confirm.asked, row.asked);
      assert.deepEqual(chains[0], row.chain);
      assert.equal(last?.phase, row.chain === undefined ? 'stopped' : 'done');
    });
  }

  it('a switch says so in the decision, and is never asked for a pinned model', async () => {
    const { last } = await run(port({ send: true, model: haiku }), 0.1);
    assert.match(last?.decision?.reasons[0] ?? '', /You switched from .*gpt-6-luna to .*haiku/);
    const pinned = port({ send: false });
    await run(pinned, 0.1, haiku);
    assert.equal(pinned.asked, 0);
  });

  it('an unknown estimate is not "above" the threshold', async () => {
    const confirm = port({ send: false });
    const hook = confirmAboveThreshold(() => 0.1, confirm);
    assert.deepEqual(await hook({ ...priced, estimates: [{ ref: luna, inputTokens: 1, outputTokens: 1 }] }), { send: true });
    assert.equal(confirm.asked, 0);
  });
});
