import * as vscode from 'vscode';
import type { ServedModels } from '../core/catalog/servedModels';
import type { ProviderCheck } from '../core/providers/providerCheck';
import { providerRow } from '../app/views/providerRows';
import { availabilityNotes } from '../app/views/availabilityText';
import type { ModelAvailability } from '../core/resilience/availability';
import type { ProviderService } from '../core/providers/providerService';
import type { Logger } from '../core/ports';
import { parseWebviewMessage, type HostToWebview, type ProvidersSnapshot, type WebviewToHost } from '../shared/providersProtocol';
import { assertNever, type WebviewReady } from '../shared/ipc';
import { ViewSlot } from './webview/viewSlot';
import { WebviewHost, type WebviewSpec } from './webview/webviewHost';
import { commandIds } from './commands/commandIds';

export const PROVIDERS_VIEW_TYPE = 'quorum.providers';
const PROVIDERS_VIEW: WebviewSpec<WebviewToHost> = { viewType: PROVIDERS_VIEW_TYPE, kind: 'providers', title: 'Quorum: Providers', parse: parseWebviewMessage };

export interface ProvidersPanelDeps {
  readonly extensionUri: vscode.Uri;
  readonly providers: ProviderService;
  readonly settingsIssues: () => readonly { setting: string; message: string }[];
  readonly logger: Logger;
  /** What of each provider cannot take calls now (shown under its status). */
  readonly availability: Pick<ModelAvailability, 'unavailable'>;
  /** What the catalog offers of a built-in vendor beside its listing (`CatalogService.served`). */
  readonly served?: (providerId: string) => ServedModels | undefined;
  /** Sees every snapshot sent (integration tests read what the webview was given). */
  readonly onSnapshot?: (snapshot: ProvidersSnapshot) => void;
}

/**
 * The Providers view: one row per configured provider with its key state, reachability and models.
 * Checks run when the view becomes ready, on refresh, and after keys or settings change; a newer check
 * round cancels an older one, and closing the view cancels everything in flight.
 */
export class ProvidersPanel implements vscode.Disposable {
  private static readonly slot = new ViewSlot<ProvidersPanel>();
  private readonly host: WebviewHost<HostToWebview, WebviewToHost>;
  private checks = new Map<string, ProviderCheck>();
  private round: AbortController | undefined;
  private checkedAt: number | undefined;

  static show(deps: ProvidersPanelDeps): ProvidersPanel {
    const open = ProvidersPanel.slot.open;
    if (open !== undefined) {
      open.host.reveal();
      void open.refresh();
      return open;
    }
    return ProvidersPanel.adopt(WebviewHost.createPanel(PROVIDERS_VIEW, deps.extensionUri, vscode.ViewColumn.Active), deps);
  }

  /** Takes over a panel VS Code restored after a reload (WebviewPanelSerializer). */
  static adopt(panel: vscode.WebviewPanel, deps: ProvidersPanelDeps): ProvidersPanel {
    return ProvidersPanel.slot.fill(new ProvidersPanel(panel, deps));
  }

  /** Re-checks the open view, if any (after a key or setting change). */
  static refreshIfOpen(): void {
    void ProvidersPanel.slot.open?.refresh();
  }

  static closeIfOpen(): void {
    ProvidersPanel.slot.close();
  }

  static isOpen(): boolean {
    return ProvidersPanel.slot.open !== undefined;
  }

  private constructor(panel: vscode.WebviewPanel, private readonly deps: ProvidersPanelDeps) {
    const tap = deps.onSnapshot;
    this.host = new WebviewHost(panel, PROVIDERS_VIEW, {
      extensionUri: deps.extensionUri,
      logger: deps.logger,
      ...(tap !== undefined ? { tap: (message: HostToWebview) => tap(message.snapshot) } : {}),
    }, {
      snapshot: async () => ({ type: 'providers/snapshot', snapshot: await this.snapshot() }),
      onMessage: (message) => this.dispatch(message),
      onReady: () => this.refresh(),
      onDispose: () => {
        this.round?.abort();
        ProvidersPanel.slot.release(this);
      },
    });
  }

  /** Checks every provider again; rows update as each answer arrives. */
  async refresh(): Promise<void> {
    this.round?.abort();
    const round = new AbortController();
    this.round = round;
    this.checks = new Map();
    await this.host.sendSnapshot();
    const ids = this.deps.providers.descriptors().map((d) => d.id);
    await Promise.all(ids.map(async (id) => {
      const result = await this.deps.providers.check(id, round.signal);
      if (round.signal.aborted) return;
      this.checks.set(id, result);
      this.checkedAt = Date.now();
      await this.host.sendSnapshot();
    }));
  }

  dispose(): void {
    this.host.dispose();
  }

  private async dispatch(message: Exclude<WebviewToHost, WebviewReady>): Promise<void> {
    switch (message.type) {
      case 'providers/refresh':
        return this.refresh();
      case 'providers/setKey':
        await vscode.commands.executeCommand(commandIds.setApiKey, { provider: message.providerId });
        return;
      case 'providers/removeKey':
        await vscode.commands.executeCommand(commandIds.removeApiKey, { provider: message.providerId });
        return;
      case 'settings/open':
        await vscode.commands.executeCommand('workbench.action.openSettings', message.setting.replace(/\[\d+\].*$/, ''));
        return;
      default:
        assertNever(message);
    }
  }

  private async snapshot(): Promise<ProvidersSnapshot> {
    const unavailable = this.deps.availability.unavailable();
    const now = Date.now();
    const rows = await Promise.all(this.deps.providers.descriptors().map(async (d) =>
      providerRow(d, await this.deps.providers.keyState(d), this.checks.get(d.id), availabilityNotes(d.id, unavailable, now), this.deps.served?.(d.id))));
    return { providers: rows, settingsIssues: [...this.deps.settingsIssues()], checkedAt: this.checkedAt };
  }
}
