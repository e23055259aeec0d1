import * as vscode from 'vscode';
import { SecretRedactor } from './core/keys/secretRedactor';
import { providerIdOfSecret } from './core/keys/secretNames';
import { describeProviders } from './core/providers/providerDescriptor';
import { ProviderService } from './core/providers/providerService';
import type { ProvidersSnapshot } from './shared/protocol';
import { removeApiKey, setApiKey, type RemoveApiKeyArgs, type SetApiKeyArgs } from './vscode/apiKeyCommands';
import { createChannelLogger } from './vscode/logger';
import { PROVIDERS_VIEW_TYPE, ProvidersPanel, type ProvidersPanelDeps } from './vscode/providersPanel';
import { secretStoreFrom } from './vscode/secretStorage';
import { SettingsWatcher } from './vscode/settingsWatcher';

/** What the extension exports: a small, stable surface for tests and other extensions. */
export interface QuorumApi {
  readonly apiVersion: 1;
  /** Time spent inside activate(), in ms. */
  readonly activationMs: number;
  /** Every line written to the "Quorum" log (already redacted), for leak tests. */
  readonly logLines: readonly string[];
  /** The last snapshot sent to the Providers view. */
  lastProvidersSnapshot(): ProvidersSnapshot | undefined;
}

const MAX_TAPPED_LINES = 2000;

/** Composition root: builds the adapters and wires them to commands; no logic lives here. */
export function activate(context: vscode.ExtensionContext): QuorumApi {
  const started = performance.now();
  const channel = vscode.window.createOutputChannel('Quorum', { log: true });
  const redactor = new SecretRedactor();
  const logLines: string[] = [];
  const logger = createChannelLogger(channel, redactor, (level, line) => {
    logLines.push(`[${level}] ${line}`);
    if (logLines.length > MAX_TAPPED_LINES) logLines.shift();
  });
  const settings = new SettingsWatcher(logger);
  const providers = new ProviderService(secretStoreFrom(context.secrets), redactor, () => ({
    descriptors: describeProviders(settings.current.value.providers),
    timeouts: settings.current.value.timeouts,
    checkTimeoutMs: settings.current.value.providerCheckTimeoutMs,
  }), logger);

  let lastSnapshot: ProvidersSnapshot | undefined;
  const panelDeps: ProvidersPanelDeps = {
    extensionUri: context.extensionUri,
    providers,
    settingsIssues: () => settings.current.issues,
    logger,
    onSnapshot: (snapshot) => (lastSnapshot = snapshot),
  };

  context.subscriptions.push(
    channel,
    settings,
    settings.onDidChange(() => {
      providers.invalidate();
      ProvidersPanel.refreshIfOpen();
    }),
    context.secrets.onDidChange((e) => {
      const id = providerIdOfSecret(e.key);
      if (id === undefined) return;
      providers.invalidate(id);
      ProvidersPanel.refreshIfOpen();
    }),
    vscode.commands.registerCommand('quorum.setApiKey', (args?: SetApiKeyArgs) => setApiKey(providers, args)),
    vscode.commands.registerCommand('quorum.removeApiKey', (args?: RemoveApiKeyArgs) => removeApiKey(providers, args)),
    vscode.commands.registerCommand('quorum.showProviders', () => void ProvidersPanel.show(panelDeps)),
    vscode.commands.registerCommand('quorum.refreshProviders', () =>
      ProvidersPanel.isOpen() ? ProvidersPanel.refreshIfOpen() : void ProvidersPanel.show(panelDeps)),
    vscode.commands.registerCommand('quorum.showLog', () => channel.show()),
    vscode.window.registerWebviewPanelSerializer(PROVIDERS_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel) => void ProvidersPanel.adopt(panel, panelDeps),
    }),
    { dispose: () => ProvidersPanel.closeIfOpen() },
  );

  const activationMs = performance.now() - started;
  logger.info(`Quorum activated in ${activationMs.toFixed(1)} ms.`);
  return {
    apiVersion: 1,
    activationMs,
    logLines,
    lastProvidersSnapshot: () => lastSnapshot,
  };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
