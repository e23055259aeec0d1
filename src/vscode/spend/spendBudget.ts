import * as vscode from 'vscode';
import { answerText, type AnswerState } from '../../core/ask/answerState';
import type { AskBudget, BudgetAdmission } from '../../app/requestService';
import type { ModelCatalog } from '../../core/catalog/modelCatalog';
import type { QuorumSettings } from '../../core/config/settingsSchema';
import { admitRequest, estimateRequestUsd, stopStreamingCheck, type BudgetStatus } from '../../core/cost/budget';
import { priceCall } from '../../core/cost/pricing';
import { DEFAULT_OUTPUT_BUDGET_TOKENS } from '../../core/routing/classify';
import type { RouteDecision } from '../../core/routing/routeDecision';
import type { RouteRequest } from '../../core/routing/taskProfile';
import { countMessageTokens, estimateTokens } from '../../core/routing/tokenEstimate';
import type { SpendService } from './spendService';

export interface SpendBudgetDeps {
  readonly spend: SpendService;
  readonly settings: () => QuorumSettings;
  readonly catalog: () => ModelCatalog;
}

/** What an admitted answer is checked against while it streams. */
interface Admitted {
  readonly status: BudgetStatus;
  readonly promptTokens: number;
  stopped?: string;
}

/**
 * The workspace budget's say over each request (rules in src/core/cost/budget.ts): asks before a request
 * that would cross a cap, blocks or asks at the cap (`quorum.budget.onExceed`), and stops a streaming
 * answer at the cap when `quorum.budget.stopStreamingAtCap` is on. The estimate counts the prompt with
 * the finer token estimator (routing uses a coarse one) and the request's whole output allowance.
 */
export function spendBudget(deps: SpendBudgetDeps): AskBudget {
  const admitted = new WeakMap<BudgetAdmission, Admitted>();

  return {
    async admit(decision: RouteDecision, request: RouteRequest): Promise<BudgetAdmission> {
      await deps.spend.ready();
      const { budget: status } = deps.spend.report();
      const settings = deps.settings();
      const promptTokens = countMessageTokens(request.messages).tokens;
      const pricing = deps.catalog().get(decision.chosen)?.pricing;
      const estimate = estimateRequestUsd(promptTokens, request.maxOutputTokens ?? DEFAULT_OUTPUT_BUDGET_TOKENS, pricing);
      const verdict = admitRequest(estimate, status, settings.budget.onExceed);
      let admission: BudgetAdmission;
      switch (verdict.decision) {
        case 'allow':
          admission = { go: true };
          break;
        case 'confirm': {
          const choice = await vscode.window.showWarningMessage(verdict.reason, { modal: true }, 'Send Anyway');
          admission = choice === 'Send Anyway' ? { go: true, confirmedOverCap: true } : { go: false };
          break;
        }
        case 'block':
          void vscode.window.showErrorMessage(verdict.reason, 'Show Spend', 'Open Settings').then((choice) => {
            if (choice === 'Show Spend') void vscode.commands.executeCommand('quorum.showSpend');
            if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'quorum.budget');
          });
          admission = { go: false, reason: `Not sent: ${verdict.reason}` };
          break;
      }
      admitted.set(admission, { status, promptTokens });
      return admission;
    },

    liveCheck(state: AnswerState, admission: BudgetAdmission): string | undefined {
      const entry = admitted.get(admission);
      if (entry === undefined || !deps.settings().budget.stopStreamingAtCap) return undefined;
      if (entry.stopped !== undefined) return entry.stopped;
      const ref = state.current ?? state.decision?.chosen;
      const pricing = ref === undefined ? undefined : deps.catalog().get(ref)?.pricing;
      // Live counts: the provider's usage once reported, else the prompt and the text streamed so far.
      const usage = state.usage ?? { inputTokens: entry.promptTokens, outputTokens: estimateTokens(answerText(state)) };
      const check = stopStreamingCheck(priceCall(usage, pricing), entry.status, admission);
      if (!check.stop || check.reason === undefined) return undefined;
      entry.stopped = check.reason;
      void vscode.window.showWarningMessage(check.reason, 'Show Spend').then((choice) => {
        if (choice === 'Show Spend') void vscode.commands.executeCommand('quorum.showSpend');
      });
      return check.reason;
    },
  };
}
