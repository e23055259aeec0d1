import type { AskBudget, AskEngine, AskPipelineDeps } from '../app/requestService';
import { answerLedgerDraft } from '../core/cost/answerRecord';
import { createAskEngine } from './ask/askEngine';
import type { ExtensionServices } from './extensionServices';
import { spendBudget } from './spend/spendBudget';

/** The request path as Ask, code actions and @quorum share it: route and run, the budget's say, the ledger. */
export interface RequestParts {
  /** The classifier, router and fallback runner behind one seam. */
  readonly engine: AskEngine;
  /** Asks before a request would cross a cap; stops a streaming answer at it. */
  readonly budget: AskBudget;
  /** Records every answer that reached a model in the spend ledger. */
  readonly onFinished: NonNullable<AskPipelineDeps['onFinished']>;
}

/**
 * Builds the request path's parts from the services record, once per activation. Ask, code actions and chat
 * take them from here, so this is the one place to re-point when they go through app/requestService.
 */
export function requestParts(
  services: Pick<ExtensionServices, 'providers' | 'catalog' | 'health' | 'runner' | 'settings' | 'discovery' | 'spend'>,
): RequestParts {
  return {
    engine: createAskEngine(services),
    budget: spendBudget(services),
    onFinished: (state, timing, input) => {
      const draft = answerLedgerDraft(state, input.request.feature, timing, (ref) => services.catalog().get(ref)?.pricing);
      if (draft !== undefined) void services.spend.record(draft);
    },
  };
}
