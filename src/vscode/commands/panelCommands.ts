import * as vscode from 'vscode';
import { systemClock } from '../../core/ports';
import { estimateTokens } from '../../core/routing/tokenEstimate';
import type { PanelHostMessage } from '../../shared/panelProtocol';
import type { ExtensionServices } from '../extensionServices';
import type { RequestParts } from '../requestParts';
import { quorumPanelDeps } from '../panel/panelDeps';
import { PANEL_VIEW_TYPE, QuorumPanel, type QuorumPanelDeps } from '../panel/quorumPanel';
import { commandIds } from './commandIds';

/**
 * The Quorum panel's deps (Compare, Vote and Spend), from the services record. `onPost` sees every message the
 * panel sends (test hooks only).
 */
export function panelDeps(
  services: Pick<ExtensionServices, 'logger' | 'settings' | 'catalog' | 'spend' | 'feedback' | 'editors' | 'previews' | 'codeBlocks'>,
  request: RequestParts,
  context: vscode.ExtensionContext,
  onPost?: (message: PanelHostMessage) => void,
  continueInConversation?: QuorumPanelDeps['continueInConversation'],
): QuorumPanelDeps {
  return quorumPanelDeps({
    extensionUri: context.extensionUri,
    workspaceState: context.workspaceState,
    logger: services.logger,
    settings: services.settings,
    catalog: services.catalog,
    requests: request.requests,
    eligibility: request.eligibility,
    clock: systemClock,
    spend: services.spend,
    feedback: services.feedback,
    editors: services.editors,
    previews: services.previews,
    codeBlocks: services.codeBlocks,
    estimateTokens,
    ...(onPost !== undefined ? { onPost } : {}),
    ...(continueInConversation !== undefined ? { continueInConversation } : {}),
  });
}

/** Open Panel, Compare Models, Ensemble Vote and Show Spend, the panel's restore, and its live Spend tab. */
export function registerPanelCommands(services: Pick<ExtensionServices, 'spend' | 'editors'>, panel: QuorumPanelDeps): vscode.Disposable[] {
  const selectionText = (): string | undefined => {
    const editor = services.editors.editor();
    const text = editor?.document.getText(editor.selection);
    return text === undefined || text === '' ? undefined : text;
  };
  return [
    services.spend.onDidChange(() => QuorumPanel.refreshSpendIfOpen()),
    vscode.commands.registerCommand(commandIds.openPanel, () => void QuorumPanel.show(panel, 'compare')),
    vscode.commands.registerCommand(commandIds.compareModels, () => void QuorumPanel.show(panel, 'compare', selectionText())),
    vscode.commands.registerCommand(commandIds.ensembleVote, () => void QuorumPanel.show(panel, 'vote', selectionText())),
    vscode.commands.registerCommand(commandIds.showSpend, () => void QuorumPanel.show(panel, 'spend')),
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      deserializeWebviewPanel: async (webviewPanel) => void QuorumPanel.adopt(webviewPanel, panel),
    }),
    { dispose: () => QuorumPanel.closeIfOpen() },
  ];
}
