import * as vscode from 'vscode';
import type { RouteChoice, RouteConfirmPort } from '../../app/askConfirm';
import { modelRefText } from '../../core/ask/modelRefText';
import { formatUsd } from '../../shared/format';
import type { RouteEstimate } from '../../core/routing/routeDecision';

interface ChoiceItem extends vscode.QuickPickItem {
  readonly choice: RouteChoice;
}

/** `quorum.ask.confirmAboveUsd` in VS Code: a quick pick with the routed model first; Escape cancels. */
export const quickPickRouteConfirm: RouteConfirmPort = {
  async choose(chosen, alternatives, thresholdUsd) {
    const item = (estimate: RouteEstimate, label: string): ChoiceItem => ({
      label,
      description: `${formatUsd(estimate.costUsd, { estimate: true })} · ~${estimate.inputTokens.toLocaleString('en-US')} tokens in`,
      choice: { send: true, model: estimate.ref },
    });
    const items: ChoiceItem[] = [
      item(chosen, `$(send) Send to ${modelRefText(chosen.ref)}`),
      ...alternatives.map((estimate) => item(estimate, `$(arrow-swap) Switch to ${modelRefText(estimate.ref)}`)),
      { label: '$(close) Cancel', choice: { send: false } },
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: `Quorum: this answer is estimated above ${formatUsd(thresholdUsd)} (quorum.ask.confirmAboveUsd)`,
      placeHolder: `${modelRefText(chosen.ref)} was chosen, ${formatUsd(chosen.costUsd, { estimate: true })}: send, switch model, or cancel`,
      ignoreFocusOut: true,
    });
    return picked?.choice ?? { send: false };
  },
};
