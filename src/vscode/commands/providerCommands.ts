import * as vscode from 'vscode';
import type { ProvidersSnapshot } from '../../shared/providersProtocol';
import type { ExtensionServices } from '../extensionServices';
import { PROVIDERS_VIEW_TYPE, ProvidersPanel, type ProvidersPanelDeps } from '../providersPanel';
import { commandIds } from './commandIds';

type ProviderServices = Pick<ExtensionServices, 'providers' | 'settingsWatcher' | 'logger' | 'channel' | 'runner' | 'catalogService'>;

/** The Providers view's deps, from the services record. `onSnapshot` sees what the view is sent (test hooks only). */
export function providersPanelDeps(
  services: ProviderServices, context: vscode.ExtensionContext, onSnapshot?: (snapshot: ProvidersSnapshot) => void,
): ProvidersPanelDeps {
  return {
    extensionUri: context.extensionUri,
    providers: services.providers,
    availability: services.runner.availability,
    settingsIssues: () => services.settingsWatcher.current.issues,
    logger: services.logger,
    served: (id) => services.catalogService.served(id),
    ...(onSnapshot !== undefined ? { onSnapshot } : {}),
  };
}

/** Show Providers, Refresh Providers and Show Log (where provider failures are explained), and the view's restore. */
export function registerProviderCommands(services: ProviderServices, panel: ProvidersPanelDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(commandIds.showProviders, () => void ProvidersPanel.show(panel)),
    vscode.commands.registerCommand(commandIds.refreshProviders, () =>
      ProvidersPanel.isOpen() ? ProvidersPanel.refreshIfOpen() : void ProvidersPanel.show(panel)),
    vscode.commands.registerCommand(commandIds.showLog, () => services.channel.show()),
    vscode.window.registerWebviewPanelSerializer(PROVIDERS_VIEW_TYPE, {
      deserializeWebviewPanel: async (webviewPanel) => void ProvidersPanel.adopt(webviewPanel, panel),
    }),
    { dispose: () => ProvidersPanel.closeIfOpen() },
  ];
}
