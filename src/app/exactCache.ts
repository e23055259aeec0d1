import type { AnswerState } from '../core/ask/answerState';
import { answerText } from '../core/ask/answerState';
import { exactCacheKey, type AttachmentHash } from '../core/cache/exactCacheKey';
import type { CachedAnswer, ExactResponseCache } from '../core/cache/exactResponseCache';
import type { LedgerFeature } from '../core/cost/ledgerRecord';
import type { RouteDecision } from '../core/routing/routeDecision';
import type { RouteRequest } from '../core/routing/taskProfile';
import type { ModelRef } from '../core/types';
import type { AskRunRequest } from './askFlow';

/**
 * The exact response cache's step on the request path (after screening, routing and shaping; before the budget
 * and the run). Only `quorum.cache.exact` features use it. No semantic cache on purpose: in an editor the
 * attached code changes all the time, and an answer to a *similar* question about other code is a wrong answer.
 */
export interface ExactCachePorts {
  readonly cache: ExactResponseCache;
  /** `quorum.cache.exact` for the feature (the ledger feature: `ask`, `codeAction`, `chat`…), read now. */
  readonly enabled: (feature: LedgerFeature) => boolean;
  /** SHA-256 of each attached file's current content (open editor text first, else the file on disk). */
  readonly attachmentHashes: (paths: readonly string[]) => Promise<readonly AttachmentHash[]>;
  /** Whether the model may take this request under the current settings (eligibility: keys, providers, privacy). */
  readonly mayAnswer: (ref: ModelRef, request: RouteRequest) => Promise<boolean>;
  /** Told when the cache itself failed (read or write); the request goes on as if there were no cache. */
  readonly onError?: (message: string) => void;
}

/** A request the cache looked at: its key and attachments (to store the answer under), and the hit if any. */
export interface ExactCacheLookup {
  readonly key: string;
  readonly attachments: readonly AttachmentHash[];
  readonly hit?: CachedAnswer;
}

export interface ExactCacheStep {
  /**
   * `undefined` when the feature does not use the cache. A stored answer is a hit only when its model may still
   * answer this request (a model the settings now forbid is not served from the cache either). `fresh` (Regenerate)
   * looks nothing up, so the new answer overwrites the entry.
   */
  lookup(feature: LedgerFeature, request: RouteRequest, decision: RouteDecision, sent: AskRunRequest, fresh: boolean): Promise<ExactCacheLookup | undefined>;
  /** Stores a complete answer (`done`, with a model that answered) with what it cost; anything else is not stored. */
  store(lookup: ExactCacheLookup, state: AnswerState): Promise<void>;
}

/** `costOf`: the answer's USD as the ledger records it (`answerCostUsd`), `undefined` when unknown. */
export function exactCacheStep(ports: ExactCachePorts, costOf: (state: AnswerState) => number | undefined): ExactCacheStep {
  const failed = (what: string, error: unknown): undefined => {
    ports.onError?.(`Exact response cache: ${what} failed (${error instanceof Error ? error.message : String(error)}).`);
    return undefined;
  };
  return {
    async lookup(feature, request, decision, sent, fresh) {
      if (!ports.enabled(feature)) return undefined;
      try {
        const attachments = await ports.attachmentHashes(request.contextFiles ?? []);
        const key = exactCacheKey({
          model: decision.chosen,
          messages: sent.messages,
          ...(sent.maxOutputTokens === undefined ? {} : { maxOutputTokens: sent.maxOutputTokens }),
          // The ask path sends no temperature or response format yet (AskRunRequest); the key takes them when it does.
          attachments,
        });
        const hit = fresh ? undefined : await ports.cache.get(key);
        if (hit === undefined || !(await ports.mayAnswer(hit.answeredBy, request))) return { key, attachments };
        return { key, attachments, hit };
      } catch (error) {
        return failed('the lookup', error);
      }
    },
    async store(lookup, state) {
      if (state.phase !== 'done' || state.answeredBy === undefined || state.cached !== undefined) return;
      const text = answerText(state);
      if (text === '') return;
      const costUsd = costOf(state);
      try {
        await ports.cache.put({
          key: lookup.key,
          text,
          answeredBy: state.answeredBy,
          usage: state.usage ?? {},
          ...(costUsd === undefined ? {} : { costUsd }),
          attachments: lookup.attachments,
          createdAt: Date.now(),
        });
      } catch (error) {
        failed('storing the answer', error);
      }
    },
  };
}
