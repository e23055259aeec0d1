import type { AnswerState } from '../core/ask/answerState';
import type { ModelCatalog } from '../core/catalog/modelCatalog';
import { answerCostUsd, answerLedgerDraft } from '../core/cost/answerRecord';
import { cacheHitLedgerDraft } from '../core/cache/cachedAnswer';
import type { LedgerDraft } from '../core/cost/ledger';
import { promptCacheOutcome } from '../core/conversation/promptCacheMiss';
import type { FanOutDeps } from '../core/ensemble/compare/fanOut';
import type { Clock } from '../core/ports';
import type { RouteDecision } from '../core/routing/routeDecision';
import { askBudget } from './askBudget';
import { createBatchRequests, type BatchRequestDeps, type BatchRequests } from './batchRequests';
import { askPipeline, type AskEngine, type AskInput } from './askFlow';
import { exactCacheStep, type ExactCachePorts } from './exactCache';
import type { BudgetGate } from './budgetGate';
import type { ConfirmRoute } from './askConfirm';
import { ensembleRequests, type EnsembleRequests } from './ensemble/ensembleRequests';
import { createRequestPrivacy, type PrivacyPorts } from './privacy/requestPrivacy';

/**
 * THE request path (ARCHITECTURE.md): every way in — Ask, Ask Again, code actions, chat, Compare, Vote and its
 * judges, the cascade — sends its requests through here, so none can skip a step:
 *   screen (secrets: redact, block or warn) → admit (budget + per-request cap; may ask the user) →
 *   decide (route, or the models the user picked) → exact cache (opt-in; a hit is a $0 record) → run (the fallback runner; each attempt goes to the
 *   data-sent log) → record (the spend ledger), with the budget watching the live cost.
 * Batch jobs (`batch`) take the same steps, admitted at batch prices and recorded when their results arrive.
 */
export interface RequestServiceDeps {
  /** Classifier, router and runner (chains with failover). */
  readonly engine: AskEngine;
  /** The runner as one-model chains, with clock and prices (Compare columns, voters, judges, cascade steps). */
  readonly fanOut: FanOutDeps;
  readonly catalog: () => ModelCatalog;
  readonly budget?: BudgetGate;
  /** The spend ledger: one record per call that reached a model. */
  readonly record: (draft: LedgerDraft) => void;
  /** `quorum.ask.confirmAboveUsd`: shows an expensive route before sending (switch model or cancel). */
  readonly confirmRoute?: ConfirmRoute;
  /** Sees every routing decision as soon as it is made ("Explain Last Route"). */
  readonly onDecision?: (decision: RouteDecision, input: AskInput) => void;
  readonly clock?: Clock;
  /** Secret screening (`quorum.privacy.secrets`) and the data-sent log, for every way in. */
  readonly privacy?: PrivacyPorts;
  /** The exact response cache (`quorum.cache.exact`, opt-in per feature); none = no cache. */
  readonly exactCache?: ExactCachePorts;
  /** Batch clients by provider (`core/providers/batchClientFactory.ts`); without them every batch is refused. */
  readonly batchClients?: BatchRequestDeps['clientFor'];
  /** Whether the models of a batch may take its requests (eligibility's `problem`). */
  readonly batchEligibility?: BatchRequestDeps['eligibility'];
}

export interface RequestService extends EnsembleRequests {
  /** Yields the answer state after every change; returns the final state. Never throws. */
  ask(input: AskInput, signal: AbortSignal): AsyncGenerator<AnswerState, AnswerState>;
  /** Batch jobs (evals at half price): screened, checked and admitted like the rest, recorded at batch prices. */
  readonly batch: BatchRequests;
}

/** The ledger draft with the prompt-cache outcome of a conversation's request (hit, or why it missed). */
function withPromptCache(draft: LedgerDraft, input: AskInput, state: AnswerState, sentAt: number): LedgerDraft {
  const outcome = promptCacheOutcome({
    conversation: input.request.conversation, messages: input.request.messages, model: { provider: draft.provider, model: draft.model },
    ...(state.usage === undefined ? {} : { usage: state.usage }), sentAt,
  });
  return outcome === undefined ? draft : { ...draft, promptCache: outcome };
}

export function createRequestService(deps: RequestServiceDeps): RequestService {
  const pricingOf = deps.fanOut.pricingOf.bind(deps.fanOut);
  const privacy = deps.privacy === undefined ? undefined : createRequestPrivacy(deps.privacy);
  const pipeline = askPipeline({
    engine: deps.engine,
    catalog: deps.catalog,
    ...(deps.budget !== undefined ? { budget: askBudget(deps.budget, deps.catalog) } : {}),
    ...(deps.onDecision !== undefined ? { onDecision: deps.onDecision } : {}),
    ...(deps.confirmRoute !== undefined ? { confirmRoute: deps.confirmRoute } : {}),
    ...(deps.clock !== undefined ? { clock: deps.clock } : {}),
    ...(privacy !== undefined ? { privacy } : {}),
    ...(deps.exactCache !== undefined ? { exactCache: exactCacheStep(deps.exactCache, (state) => answerCostUsd(state, pricingOf)) } : {}),
    onCacheHit: (state, hit, timing, input) => deps.record(cacheHitLedgerDraft(state, hit, input.ledgerFeature ?? input.request.feature, timing)),
    onFinished: (state, timing, input) => {
      const feature = input.ledgerFeature ?? input.request.feature;
      const draft = answerLedgerDraft(state, feature, timing, pricingOf);
      if (draft !== undefined) deps.record(withPromptCache(draft, input, state, timing.startedAt));
    },
  });
  const ensembles = ensembleRequests({
    fanOut: deps.fanOut, record: deps.record, ...(deps.budget !== undefined ? { budget: deps.budget } : {}), ...(privacy !== undefined ? { privacy } : {}),
  });
  const batch = createBatchRequests({
    clientFor: deps.batchClients ?? (() => Promise.resolve(undefined)), pricingOf, record: deps.record,
    ...(deps.budget !== undefined ? { budget: deps.budget } : {}), ...(privacy !== undefined ? { privacy } : {}),
    ...(deps.batchEligibility !== undefined ? { eligibility: deps.batchEligibility } : {}),
  });
  return {
    batch,
    ask: (input, signal) => pipeline.start(input, signal),
    compare: (request) => ensembles.compare(request),
    vote: (request) => ensembles.vote(request),
    cascade: (request) => ensembles.cascade(request),
  };
}
