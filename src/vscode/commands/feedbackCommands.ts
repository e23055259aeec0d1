import * as vscode from 'vscode';
import type { ExtensionServices } from '../extensionServices';
import { commandIds } from './commandIds';

/** `quorum.resetRoutingFeedback` arguments, for automation and tests. */
export interface ResetFeedbackArgs {
  /** false: reset without asking. */
  readonly confirm?: boolean;
}

/** Quorum: Reset Routing Feedback. */
export function registerFeedbackCommands(services: Pick<ExtensionServices, 'feedback' | 'logger'>): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(commandIds.resetRoutingFeedback, (args?: ResetFeedbackArgs) => resetRoutingFeedback(services, args)),
  ];
}

/** Asks first (unless `confirm: false`), then forgets this workspace's signals; true when it reset. */
async function resetRoutingFeedback(services: Pick<ExtensionServices, 'feedback' | 'logger'>, args: ResetFeedbackArgs = {}): Promise<boolean> {
  await services.feedback.ready();
  const count = services.feedback.signals().length;
  if (count === 0) {
    void vscode.window.showInformationMessage('Quorum: this workspace has no routing feedback to reset.');
    return false;
  }
  if (args.confirm !== false) {
    const choice = await vscode.window.showWarningMessage(
      `Forget this workspace's ${count} routing feedback signal${count === 1 ? '' : 's'} (Ask Again With, Compare picks, Vote winners, 👍/👎)? Routes go back to the defaults and your rules.`,
      { modal: true },
      'Reset',
    );
    if (choice !== 'Reset') return false;
  }
  await services.feedback.reset();
  services.logger.info(`Routing feedback reset: ${count} signals forgotten.`);
  return true;
}
