import { answerText } from '../core/ask/answerState';
import type { ModelCatalog } from '../core/catalog/modelCatalog';
import { estimateRequestUsd } from '../core/cost/budget';
import { DEFAULT_OUTPUT_BUDGET_TOKENS } from '../core/routing/classify';
import { countMessageTokens } from '../core/routing/tokenEstimate';
import type { AskBudget } from './askFlow';
import type { BudgetAdmission, BudgetGate } from './budgetGate';
import { liveCallCostUsd } from './liveCost';

/**
 * The workspace budget over one routed answer (Ask, code actions, chat /ask): the estimate is the prompt,
 * counted with the finer token estimator (routing uses a coarse one), at the chosen model's input rate plus the
 * request's whole output allowance at its output rate; the live cost is the answering model's.
 */
export function askBudget(gate: BudgetGate, catalog: () => ModelCatalog): AskBudget {
  const promptTokens = new WeakMap<BudgetAdmission, number>();
  return {
    async admit(decision, request) {
      const tokens = countMessageTokens(request.messages).tokens;
      const pricing = catalog().get(decision.chosen)?.pricing;
      const admission = await gate.admit(estimateRequestUsd(tokens, request.maxOutputTokens ?? DEFAULT_OUTPUT_BUDGET_TOKENS, pricing));
      promptTokens.set(admission, tokens);
      return admission;
    },
    liveCheck(state, admission) {
      return gate.liveCheck(() => {
        const ref = state.current ?? state.decision?.chosen;
        const pricing = ref === undefined ? undefined : catalog().get(ref)?.pricing;
        return liveCallCostUsd(state.usage, promptTokens.get(admission) ?? 0, answerText(state), pricing);
      }, admission);
    },
  };
}
