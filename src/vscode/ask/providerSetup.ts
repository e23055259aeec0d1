import * as vscode from 'vscode';
import type { ProviderService } from '../../core/providers/providerService';
import { commandIds } from '../commands/commandIds';

/** True when at least one provider can be asked: it has a key, or needs none (local endpoints). */
export async function anyProviderUsable(providers: ProviderService): Promise<boolean> {
  for (const descriptor of providers.descriptors()) {
    if (await providers.keyState(descriptor) !== 'missing') return true;
  }
  return false;
}

export function setApiKeyFromAsk(): Thenable<unknown> {
  return vscode.commands.executeCommand(commandIds.setApiKey);
}

export function addLocalEndpoint(): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openSettings', 'quorum.providers.openaiCompatible');
}

/** Tells the user there is nobody to ask and offers both ways out; does not wait for the answer. */
export function showNoProviderMessage(detail?: string): void {
  const message = detail ?? 'Quorum has no model provider to ask yet. Set an API key, or add a local OpenAI-compatible endpoint such as Ollama.';
  void vscode.window.showWarningMessage(message, 'Set API Key', 'Add Local Endpoint').then((choice) => {
    if (choice === 'Set API Key') return setApiKeyFromAsk();
    if (choice === 'Add Local Endpoint') return addLocalEndpoint();
    return undefined;
  });
}
