import * as vscode from 'vscode';
import { removeApiKey, setApiKey, type RemoveApiKeyArgs, type SetApiKeyArgs } from '../apiKeyCommands';
import type { ExtensionServices } from '../extensionServices';
import { commandIds } from './commandIds';

/** Set API Key and Remove API Key. */
export function registerKeyCommands(services: Pick<ExtensionServices, 'providers'>): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(commandIds.setApiKey, (args?: SetApiKeyArgs) => setApiKey(services.providers, args)),
    vscode.commands.registerCommand(commandIds.removeApiKey, (args?: RemoveApiKeyArgs) => removeApiKey(services.providers, args)),
  ];
}
