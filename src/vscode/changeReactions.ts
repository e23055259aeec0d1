import type * as vscode from 'vscode';
import { providerIdOfSecret } from '../core/keys/secretNames';
import type { ExtensionServices } from './extensionServices';
import { QuorumPanel } from './panel/quorumPanel';
import { ProvidersPanel } from './providersPanel';
import { hostLmApi } from './vscodeLmProvider';

/**
 * What follows a change of settings, of a stored key, or of VS Code's language models: the services drop what
 * they cached, and the Providers view, the Quorum panel's model lists and the health checks look again.
 */
export function reactToChanges(
  services: Pick<ExtensionServices, 'settingsWatcher' | 'spend' | 'providers' | 'health' | 'healthChecks' | 'refreshVscodeLm'>,
  context: vscode.ExtensionContext,
): vscode.Disposable[] {
  const lmApi = hostLmApi();
  return [
    services.settingsWatcher.onDidChange(() => {
      void services.refreshVscodeLm();
      services.spend.settingsChanged();
      services.providers.invalidate();
      ProvidersPanel.refreshIfOpen();
      QuorumPanel.refreshIfOpen();
      void services.healthChecks.apply();
    }),
    context.secrets.onDidChange((e) => {
      const id = providerIdOfSecret(e.key);
      if (id === undefined) return;
      services.providers.invalidate(id);
      // A new key lifts the suspension a rejected one caused (resume also closes its breakers).
      services.health.resume(id);
      services.spend.settingsChanged();
      ProvidersPanel.refreshIfOpen();
      QuorumPanel.refreshIfOpen();
      void services.healthChecks.apply();
    }),
    ...(lmApi?.onDidChangeChatModels !== undefined ? [lmApi.onDidChangeChatModels(() => void services.refreshVscodeLm())] : []),
  ];
}
