import * as vscode from 'vscode';
import type { ExtensionServices } from '../extensionServices';
import { exportDataSent, showDataSent } from '../privacy/dataSentCommands';
import { commandIds } from './commandIds';

/** Show Data Sent and Export Data Sent. */
export function registerPrivacyCommands(services: Pick<ExtensionServices, 'dataSent' | 'previews' | 'logger'>): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(commandIds.showDataSent, () => showDataSent(services.dataSent, services.previews)),
    vscode.commands.registerCommand(commandIds.exportDataSent, (target?: vscode.Uri) => exportDataSent(services.dataSent, services.logger, target)),
  ];
}
