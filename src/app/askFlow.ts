import type { ModelCatalog } from '../core/catalog/modelCatalog';
import type { CallTiming } from '../core/cost/answerRecord';
import type { LedgerFeature } from '../core/cost/ledgerRecord';
import { systemClock, type Clock } from '../core/ports';
import { FallbackError } from '../core/resilience/fallbackErrors';
import type { RunEvent, RunResult } from '../core/resilience/runEvents';
import { NoRouteError, type RouteDecision } from '../core/routing/routeDecision';
import type { RouteRequest, TaskProfile } from '../core/routing/taskProfile';
import type { ChatMessage, ModelRef } from '../core/types';
import type { AttachedContext } from '../core/ask/askContext';
import type { BudgetAdmission } from './budgetGate';
import type { PrivacySession, RequestPrivacy } from './privacy/requestPrivacy';
import type { ConfirmRoute } from './askConfirm';
import {
  applyRunEvent, completeAnswer, failAnswer, initialAnswerState, withDecision, type AnswerState,
} from '../core/ask/answerState';
import { pinnedDecision } from '../core/ask/pinnedDecision';
import type { PromptCacheHint } from '../core/conversation/conversationRef';
import { promptCacheHintFor } from '../core/conversation/promptCacheHint';
import { answerFromCache } from '../core/cache/cachedAnswer';
import type { CachedAnswer } from '../core/cache/exactResponseCache';
import type { ExactCacheStep } from './exactCache';

/** What the runner is asked to send to each model of the chain. */
export interface AskRunRequest {
  readonly messages: readonly ChatMessage[];
  readonly maxOutputTokens?: number;
  /** The provider prompt-cache hint (set from `RouteRequest.conversation`, see `promptCacheHintFor`). */
  readonly cache?: PromptCacheHint;
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

/** The budget's say over one answer (`askBudget` adapts the workspace's `BudgetGate` to it). */
export interface AskBudget {
  admit(decision: RouteDecision, request: RouteRequest): Promise<BudgetAdmission>;
  /** While streaming: a reason to stop now (`quorum.budget.stopStreamingAtCap`), else `undefined`. */
  liveCheck?(state: AnswerState, admission: BudgetAdmission): string | undefined;
}

export interface AskPipelineDeps {
  readonly engine: AskEngine;
  readonly catalog?: () => ModelCatalog;
  /** Sees every decision as soon as it is made (for "Explain Last Route"). */
  readonly onDecision?: (decision: RouteDecision, input: AskInput) => void;
  readonly budget?: AskBudget;
  /** `quorum.ask.confirmAboveUsd`: may show a routed choice before sending, to switch model or cancel. */
  readonly confirmRoute?: ConfirmRoute;
  /** Sees every answer that was sent to a model, once it ends, with its timing (the spend ledger). */
  readonly onFinished?: (state: AnswerState, timing: CallTiming, input: AskInput) => void;
  readonly clock?: Clock;
  readonly newId?: () => string;
  /** Secret screening before anything is sent, and the data-sent log of every attempt. */
  readonly privacy?: RequestPrivacy;
  /** The exact response cache (`quorum.cache.exact`): a hit answers at once and sends nothing. */
  readonly exactCache?: ExactCacheStep;
  /** Sees every answer given from the exact response cache (the spend ledger: a $0 record with what it saved). */
  readonly onCacheHit?: (state: AnswerState, hit: CachedAnswer, timing: CallTiming, input: AskInput) => void;
}

export interface AskInput {
  readonly prompt: string;
  readonly request: RouteRequest;
  readonly attached?: AttachedContext;
  /** Skip the router and ask exactly this model. */
  readonly pinned?: ModelRef;
  /**
   * Shapes what is sent for the model the router chose (a code action's sections and system role); its
   * fallbacks get the same. Without it the routed request's messages are sent as they are.
   */
  readonly shape?: (decision: RouteDecision) => AskRunRequest;
  /** The way in, for the ledger, when it differs from the routing feature (chat routes as `ask`). */
  readonly ledgerFeature?: LedgerFeature;
  /** Regenerate: skip the exact response cache (`quorum.cache.exact`) and ask the model afresh. */
  readonly fresh?: boolean;
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
      const session = deps.privacy?.begin(input.ledgerFeature ?? input.request.feature, input.request.contextFiles);
      // Screened before the classifier (which may ask a model) sees the prompt.
      const screened = session?.screen(input.request.messages) ?? { messages: input.request.messages };
      if ('blocked' in screened) return yield* failed(state, screened.blocked);
      input = { ...input, request: { ...input.request, messages: screened.messages } };
      const decided = await decide(deps, input);
      if ('error' in decided) {
        state = failAnswer(state, decided.error, decided.noRoute);
        yield state;
        return state;
      }
      const confirmed = await confirm(deps, input, decided.decision);
      if (confirmed === undefined) {
        state = completeAnswer(state, undefined, true);
        yield state;
        return state;
      }
      const decision = confirmed;
      deps.onDecision?.(decision, input);
      state = withDecision(state, decision);
      yield state;
      const shaped = input.shape?.(decision) ?? { messages: input.request.messages, maxOutputTokens: input.request.maxOutputTokens };
      // A shaped request (a code action's sections) holds text the first screening never saw.
      const screenedShape = input.shape === undefined ? { messages: shaped.messages } : (session?.screen(shaped.messages) ?? { messages: shaped.messages });
      if ('blocked' in screenedShape) return yield* failed(state, screenedShape.blocked);
      const promptCache = promptCacheHintFor(screenedShape.messages, input.request.conversation);
      const sent: AskRunRequest = { ...shaped, messages: screenedShape.messages, ...(promptCache === undefined ? {} : { cache: promptCache }) };
      const feature = input.ledgerFeature ?? input.request.feature;
      const cache = signal.aborted ? undefined : await deps.exactCache?.lookup(feature, input.request, decision, sent, input.fresh === true);
      if (cache?.hit !== undefined) return yield* fromCache(deps, input, state, cache.hit);
      const admission = signal.aborted ? { go: false } : await (deps.budget?.admit(decision, { ...input.request, ...sent }) ?? { go: true });
      if (!admission.go || signal.aborted) {
        state = signal.aborted || admission.reason === undefined ? completeAnswer(state, undefined, true) : failAnswer(state, admission.reason);
        yield state;
        return state;
      }
      const final = yield* stream(deps, input, state, sent, admission, signal, session);
      if (cache !== undefined) await deps.exactCache?.store(cache, final);
      return final;
    },
  };
}

/** The answer from the exact response cache: complete at once, recorded as a $0 call with what it saved. */
async function* fromCache(deps: AskPipelineDeps, input: AskInput, routed: AnswerState, hit: CachedAnswer): AsyncGenerator<AnswerState, AnswerState> {
  const clock = deps.clock ?? systemClock;
  const startedAt = clock.now();
  const state = answerFromCache(routed, hit);
  deps.onCacheHit?.(state, hit, { startedAt, endedAt: clock.now() }, input);
  yield state;
  return state;
}

/** Ends the answer with `reason` before anything was sent. */
async function* failed(state: AnswerState, reason: string): AsyncGenerator<AnswerState, AnswerState> {
  const final = failAnswer(state, reason);
  yield final;
  return final;
}

/** The routing decision (the router's, or the pinned model's), or why there is none. */
async function decide(deps: AskPipelineDeps, input: AskInput): Promise<{ decision: RouteDecision } | { error: string; noRoute: boolean }> {
  try {
    const profile = await deps.engine.classify(input.request);
    const decision = input.pinned !== undefined
      ? pinnedDecision(input.pinned, profile, deps.catalog?.())
      : await deps.engine.route(input.request, profile);
    return { decision };
  } catch (error) {
    const noRoute = error instanceof NoRouteError;
    const detail = noRoute && error.reasons.length > 0 ? ` ${error.reasons.join(' ')}` : '';
    return { error: `${messageOf(error)}${detail}`, noRoute };
  }
}

/**
 * The decision after the user's say (`confirmRoute`, routed answers only): the same one, the model they switched
 * to (alone, as "Ask Again With" sends it), or `undefined` when they cancelled.
 */
async function confirm(deps: AskPipelineDeps, input: AskInput, decision: RouteDecision): Promise<RouteDecision | undefined> {
  if (deps.confirmRoute === undefined || input.pinned !== undefined) return decision;
  const choice = await deps.confirmRoute(decision);
  if (!choice.send) return undefined;
  if (choice.model === undefined || (choice.model.provider === decision.chosen.provider && choice.model.model === decision.chosen.model)) return decision;
  const switched = pinnedDecision(choice.model, decision.profile, deps.catalog?.());
  return { ...switched, reasons: [`You switched from ${decision.chosen.provider}/${decision.chosen.model} to ${choice.model.provider}/${choice.model.model} before sending.`, ...decision.reasons] };
}

/** Runs the admitted request down the chain, yielding every change; the budget may stop it as Stop would. */
async function* stream(
  deps: AskPipelineDeps, input: AskInput, routed: AnswerState, sent: AskRunRequest, admission: BudgetAdmission, signal: AbortSignal,
  session: PrivacySession | undefined,
): AsyncGenerator<AnswerState, AnswerState> {
  let state = routed;
  const chain = state.decision?.chain ?? [];
  const clock = deps.clock ?? systemClock;
  const startedAt = clock.now();
  let firstTokenAt: number | undefined;
  // Our own controller, so the budget can stop the answer as the user's Stop would.
  const controller = new AbortController();
  const forward = (): void => controller.abort(signal.reason);
  signal.addEventListener('abort', forward, { once: true });
  const run = deps.engine.run(chain, sent, { signal: controller.signal });
  try {
    for (;;) {
      const step = await run.next();
      if (step.done === true) {
        state = completeAnswer(state, step.value, controller.signal.aborted);
        break;
      }
      if (step.value.type === 'attempt-start') session?.sent(step.value.ref, sent.messages, step.value.retry);
      if (step.value.type === 'text-delta' && firstTokenAt === undefined) firstTokenAt = clock.now();
      state = applyRunEvent(state, step.value);
      yield state;
      if (deps.budget?.liveCheck?.(state, admission) !== undefined) controller.abort();
    }
  } catch (error) {
    if (error instanceof FallbackError) state = { ...state, attempts: error.attempts };
    state = controller.signal.aborted ? completeAnswer(state, undefined, true) : failAnswer(state, messageOf(error));
  } finally {
    signal.removeEventListener('abort', forward);
  }
  deps.onFinished?.(state, { startedAt, endedAt: clock.now(), ...(firstTokenAt !== undefined ? { firstTokenAt } : {}) }, input);
  yield state;
  return state;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
