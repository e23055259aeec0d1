import * as vscode from 'vscode';
import type { AskController } from '../ask/askController';
import { runCodeAction, type CodeActionRunnerDeps } from '../editor/codeActionRunner';
import { QuorumCodeActions, type CodeActionArgs } from '../editor/quorumCodeActions';
import type { ExtensionServices } from '../extensionServices';
import { QuorumPanel, type QuorumPanelDeps } from '../panel/quorumPanel';
import type { RequestParts } from '../requestParts';
import { commandIds } from './commandIds';

/** Where a code action's answer can go besides an edit: the answer view (Explain) and the panel (Compare fixes). */
export interface CodeActionTargets {
  readonly ask: AskController;
  readonly panel: QuorumPanelDeps;
}

/** The code-action runner's deps, from the services record and the request path. */
export function codeActionDeps(
  services: Pick<ExtensionServices, 'applyDiffs' | 'settings' | 'logger'>, request: RequestParts, targets: CodeActionTargets,
): CodeActionRunnerDeps {
  return {
    requests: request.requests,
    explain: (prompt, routeRequest) => targets.ask.askPrepared(prompt, routeRequest),
    compare: (prompt) => void QuorumPanel.show(targets.panel, 'compare', prompt),
    applyDiffs: services.applyDiffs,
    tierFor: (action) => (action === 'compareFixes' ? undefined : services.settings().codeActionTiers[action]),
    logger: services.logger,
  };
}

/** The lightbulb's Quorum actions and the command they run. */
export function registerCodeActionCommands(deps: CodeActionRunnerDeps): vscode.Disposable[] {
  return [
    vscode.languages.registerCodeActionsProvider([{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }], new QuorumCodeActions(), {
      providedCodeActionKinds: QuorumCodeActions.providedCodeActionKinds,
    }),
    vscode.commands.registerCommand(commandIds.runCodeAction, (args: CodeActionArgs & { confirm?: 'apply' | 'reject' }) => runCodeAction(args, deps)),
    // From the diff's title bar VS Code passes the diff's resource; from a key or the palette, nothing (the active diff).
    vscode.commands.registerCommand(commandIds.acceptProposal, (uri?: unknown) => deps.applyDiffs.accept(uri instanceof vscode.Uri ? uri : undefined)),
    vscode.commands.registerCommand(commandIds.discardProposal, (uri?: unknown) => deps.applyDiffs.discard(uri instanceof vscode.Uri ? uri : undefined)),
  ];
}
