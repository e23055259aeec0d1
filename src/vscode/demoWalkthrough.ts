import * as vscode from 'vscode';

/** The walkthrough package.json contributes (`contributes.walkthroughs`). */
export const WALKTHROUGH_ID = 'quorum.gettingStarted';

const SHOWN_KEY = 'quorum.demo.walkthroughShown';

/**
 * `npm start` (test/harness/start.mjs) sets QUORUM_DEMO=1 for the extension host: the first activation in
 * the demo workspace then opens the walkthrough beside the sample files, as an install from the
 * Marketplace would. Never in Production mode: an installed Quorum does not read the variable.
 */
export async function openDemoWalkthrough(context: vscode.ExtensionContext): Promise<void> {
  if (context.extensionMode === vscode.ExtensionMode.Production || process.env.QUORUM_DEMO !== '1') return;
  if (context.workspaceState.get<boolean>(SHOWN_KEY) === true) return;
  await context.workspaceState.update(SHOWN_KEY, true);
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#${WALKTHROUGH_ID}`, false);
}
