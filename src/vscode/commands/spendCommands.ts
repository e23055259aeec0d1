import * as vscode from 'vscode';
import type { ExtensionServices } from '../extensionServices';
import { exportUsage, resetWorkspaceSpend } from '../spend/spendCommands';
import { commandIds } from './commandIds';

/** Reset Workspace Spend and Export Usage (Show Spend opens the panel: see panelCommands). */
export function registerSpendCommands(services: Pick<ExtensionServices, 'spend' | 'logger'>): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(commandIds.resetWorkspaceSpend, () => resetWorkspaceSpend(services.spend, services.logger)),
    vscode.commands.registerCommand(commandIds.exportUsage, () => exportUsage(services.spend, services.logger)),
  ];
}
