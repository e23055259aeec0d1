import assert from 'node:assert/strict';
import type { AskEngine, AskRunRequest } from '../../../src/app/askFlow';
import type { AnswerState } from '../../../src/core/ask/answerState';
import type { RunEvent, RunResult } from '../../../src/core/resilience/runEvents';
import type { Usage } from '../../../src/core/types';
import { decision, luna, profile } from '../core/ask/askFixtures';

/**
 * An ask engine for request-path tests: always the fixture route, and it answers the `n`-th request (1-based)
 * with `reply(n)`, keeping every request it was sent.
 */
export function recordingEngine(reply: (n: number) => { readonly text: string; readonly usage: Usage }): AskEngine & { sent: AskRunRequest[] } {
  const sent: AskRunRequest[] = [];
  return {
    sent,
    classify: () => profile,
    route: () => decision,
    run: async function* (_chain, request): AsyncGenerator<RunEvent, RunResult> {
      sent.push(request);
      const { text, usage } = reply(sent.length);
      yield { type: 'text-delta', text };
      return { answeredBy: luna, attempts: [], text, usage };
    },
  };
}

/** The final state of an answer's stream. */
export async function lastState(gen: AsyncGenerator<AnswerState, AnswerState>): Promise<AnswerState> {
  let state: AnswerState | undefined;
  for await (const s of gen) state = s;
  assert.ok(state);
  return state;
}
