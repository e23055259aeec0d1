import type { ProviderErrorReason } from '../errors';
import type { AttemptRecord, RunEvent, RunResult } from '../resilience/runEvents';
import type { RouteDecision } from '../routing/routeDecision';
import type { ModelRef, Usage } from '../types';
import type { AttachedContext } from './askContext';

export type AnswerPhase = 'routing' | 'streaming' | 'done' | 'stopped' | 'failed';

/** One failed attempt, as the header's hop list shows it. */
export interface AnswerHop {
  readonly ref: ModelRef;
  readonly reason: ProviderErrorReason;
  readonly status?: number;
  readonly next: 'retry' | 'failover' | 'stop';
}

/** A run of answer text by one model; a segment after the first is a continuation by another model. */
export interface AnswerSegment {
  readonly by?: ModelRef;
  readonly continuedFrom?: ModelRef;
  readonly text: string;
}

/** Everything the answer view and the tests know about one answer; immutable, replaced on each event. */
export interface AnswerState {
  readonly id: string;
  readonly prompt: string;
  readonly phase: AnswerPhase;
  readonly attached?: AttachedContext;
  /** Set when the user chose the model ("Ask Again With…"). */
  readonly pinned?: ModelRef;
  readonly decision?: RouteDecision;
  /** The model of the attempt in progress. */
  readonly current?: ModelRef;
  readonly hops: readonly AnswerHop[];
  readonly segments: readonly AnswerSegment[];
  readonly usage?: Usage;
  readonly answeredBy?: ModelRef;
  readonly attempts?: readonly AttemptRecord[];
  /** What went wrong and what to do next, when the phase is `failed`. */
  readonly error?: string;
  /** The user's 👍/👎 on a finished routed answer (routing feedback). */
  readonly rating?: 'up' | 'down';
  /** Set when no model could take the request (no key, nothing capable): the UI offers setup. */
  readonly noRoute?: boolean;
  /** Answered from the exact response cache (`quorum.cache.exact`): no request was sent. */
  readonly cached?: CacheHit;
}

/** What a cache hit tells the header and the ledger. */
export interface CacheHit {
  /** What the original call cost in USD, i.e. what this answer saved; `undefined` when unknown. */
  readonly savedUsd?: number;
  /** When the answer was first given, ms since the epoch. */
  readonly storedAt: number;
}

export function initialAnswerState(id: string, prompt: string, attached?: AttachedContext, pinned?: ModelRef): AnswerState {
  return { id, prompt, phase: 'routing', attached, pinned, hops: [], segments: [] };
}

/** The whole answer text as the user sees it, continuations included. */
export function answerText(state: AnswerState): string {
  return state.segments.map((s) => s.text).join('');
}

/** Folds one runner event into the state. */
export function applyRunEvent(state: AnswerState, event: RunEvent): AnswerState {
  switch (event.type) {
    case 'attempt-start':
      return { ...state, phase: 'streaming', current: event.ref };
    case 'attempt-failed': {
      const hop: AnswerHop = { ref: event.ref, reason: event.error.reason, status: event.error.status, next: event.next };
      return { ...state, hops: [...state.hops, hop] };
    }
    case 'continued-by':
      // Text already shown stays; what follows is the new model's, marked inline.
      return { ...state, current: event.to, segments: [...state.segments, { by: event.to, continuedFrom: event.from, text: '' }] };
    case 'text-delta': {
      if (event.text === '') return state;
      const last = state.segments.at(-1);
      const segments = last === undefined
        ? [{ by: state.current, text: event.text }]
        : [...state.segments.slice(0, -1), { ...last, by: last.by ?? state.current, text: last.text + event.text }];
      return { ...state, phase: 'streaming', segments };
    }
    case 'usage':
      return { ...state, usage: event.usage };
    case 'finish':
      return state;
  }
}

export function withDecision(state: AnswerState, decision: RouteDecision): AnswerState {
  return { ...state, decision, current: decision.chosen };
}

/** The run returned: the answer is complete (or every model failed, which the runner reports by throwing). */
export function completeAnswer(state: AnswerState, result: RunResult | undefined, aborted: boolean): AnswerState {
  const next: AnswerState = {
    ...state,
    answeredBy: result?.answeredBy ?? state.answeredBy,
    attempts: result?.attempts ?? state.attempts,
    usage: result?.usage ?? state.usage,
  };
  if (aborted) return { ...next, phase: 'stopped' };
  if (result !== undefined && result.answeredBy === undefined) {
    return { ...next, phase: 'failed', error: next.error ?? 'No model finished the answer.' };
  }
  return { ...next, phase: 'done' };
}

export function failAnswer(state: AnswerState, error: string, noRoute = false): AnswerState {
  return { ...state, phase: 'failed', error, ...(noRoute ? { noRoute } : {}) };
}

export function stopAnswer(state: AnswerState): AnswerState {
  return { ...state, phase: 'stopped' };
}
