import type { ModelCatalog } from '../catalog/modelCatalog';
import type { RunEvent, RunResult } from '../resilience/runEvents';
import { NoRouteError, type RouteDecision } from '../routing/routeDecision';
import type { RouteRequest, TaskProfile } from '../routing/taskProfile';
import type { ChatMessage, ModelRef } from '../types';
import type { AttachedContext } from './askContext';
import {
  applyRunEvent, completeAnswer, failAnswer, initialAnswerState, withDecision, type AnswerState,
} from './answerState';
import { pinnedDecision } from './pinnedDecision';

/** What the runner is asked to send to each model of the chain. */
export interface AskRunRequest {
  readonly messages: readonly ChatMessage[];
  readonly maxOutputTokens?: number;
}

/**
 * The seam to the router and the fallback runner: the composition root adapts `classify`, `route` and
 * `FallbackRunner.run` to this, so Ask Best Model depends on nothing else of theirs.
 */
export interface AskEngine {
  classify(request: RouteRequest): TaskProfile | Promise<TaskProfile>;
  /** Throws NoRouteError when no model can take the request. */
  route(request: RouteRequest, profile: TaskProfile): RouteDecision | Promise<RouteDecision>;
  run(chain: readonly ModelRef[], request: AskRunRequest, options: { readonly signal: AbortSignal }): AsyncGenerator<RunEvent, RunResult | undefined>;
}

export interface AskPipelineDeps {
  readonly engine: AskEngine;
  readonly catalog?: () => ModelCatalog;
  /** Sees every decision as soon as it is made (for "Explain Last Route"). */
  readonly onDecision?: (decision: RouteDecision, input: AskInput) => void;
  readonly newId?: () => string;
}

export interface AskInput {
  readonly prompt: string;
  readonly request: RouteRequest;
  readonly attached?: AttachedContext;
  /** Skip the router and ask exactly this model. */
  readonly pinned?: ModelRef;
}

export interface AskPipeline {
  /** Yields the answer state after every change; returns the final state. Never throws. */
  start(input: AskInput, signal: AbortSignal): AsyncGenerator<AnswerState, AnswerState>;
}

let counter = 0;

export function askPipeline(deps: AskPipelineDeps): AskPipeline {
  const newId = deps.newId ?? (() => `answer-${Date.now().toString(36)}-${(++counter).toString(36)}`);
  return {
    async *start(input, signal) {
      let state = initialAnswerState(newId(), input.prompt, input.attached, input.pinned);
      yield state;
      let decision: RouteDecision;
      try {
        const profile = await deps.engine.classify(input.request);
        decision = input.pinned !== undefined
          ? pinnedDecision(input.pinned, profile, deps.catalog?.())
          : await deps.engine.route(input.request, profile);
      } catch (error) {
        const noRoute = error instanceof NoRouteError;
        const detail = noRoute && error.reasons.length > 0 ? ` ${error.reasons.join(' ')}` : '';
        state = failAnswer(state, `${messageOf(error)}${detail}`, noRoute);
        yield state;
        return state;
      }
      deps.onDecision?.(decision, input);
      state = withDecision(state, decision);
      yield state;
      if (signal.aborted) {
        state = completeAnswer(state, undefined, true);
        yield state;
        return state;
      }

      const run = deps.engine.run(decision.chain, { messages: input.request.messages, maxOutputTokens: input.request.maxOutputTokens }, { signal });
      try {
        for (;;) {
          const step = await run.next();
          if (step.done === true) {
            state = completeAnswer(state, step.value, signal.aborted);
            break;
          }
          state = applyRunEvent(state, step.value);
          yield state;
        }
      } catch (error) {
        state = signal.aborted ? completeAnswer(state, undefined, true) : failAnswer(state, messageOf(error));
      }
      yield state;
      return state;
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
