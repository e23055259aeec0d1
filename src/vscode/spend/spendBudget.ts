import * as vscode from 'vscode';
import type { BudgetPorts } from '../../app/budgetGate';
import type { QuorumSettings } from '../../core/config/settingsSchema';
import type { SpendService } from './spendService';

export interface SpendBudgetDeps {
  readonly spend: SpendService;
  readonly settings: () => QuorumSettings;
  /** Answers the "Send anyway?" question instead of a modal dialog (integration tests only). */
  readonly confirmOverride?: () => ((reason: string) => boolean) | undefined;
}

/**
 * The budget's ports in VS Code (the rules live in src/app/budgetGate.ts and src/core/cost/budget.ts): the
 * spend from the ledger, `quorum.budget.*`, a modal before a request that would cross a cap, and notifications
 * with a way to the Spend view when a request is refused or stopped.
 */
export function spendBudgetPorts(deps: SpendBudgetDeps): BudgetPorts {
  return {
    ready: async () => void (await deps.spend.ready()),
    status: () => deps.spend.report().budget,
    settings: () => deps.settings().budget,
    async confirm(reason) {
      const scripted = deps.confirmOverride?.();
      if (scripted !== undefined) return scripted(reason);
      return (await vscode.window.showWarningMessage(reason, { modal: true }, 'Send Anyway')) === 'Send Anyway';
    },
    blocked(reason) {
      void vscode.window.showErrorMessage(reason, 'Show Spend', 'Open Settings').then((choice) => {
        if (choice === 'Show Spend') void vscode.commands.executeCommand('quorum.showSpend');
        if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'quorum.budget');
      });
    },
    stopped(reason) {
      void vscode.window.showWarningMessage(reason, 'Show Spend').then((choice) => {
        if (choice === 'Show Spend') void vscode.commands.executeCommand('quorum.showSpend');
      });
    },
  };
}
