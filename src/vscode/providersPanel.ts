import * as vscode from 'vscode';
import type { ProviderCheck } from '../core/providers/providerCheck';
import { providerRow } from '../app/views/providerRows';
import { availabilityNotes } from '../app/views/availabilityText';
import type { ModelAvailability } from '../core/resilience/availability';
import type { ProviderService } from '../core/providers/providerService';
import type { Logger } from '../core/ports';
import { parseWebviewMessage, type HostToWebview, type ProvidersSnapshot } from '../shared/providersProtocol';
import { assertNever } from '../shared/ipc';
import { renderWebviewHtml, webviewResourceRoots } from './webviewHtml';

export const PROVIDERS_VIEW_TYPE = 'quorum.providers';
const TITLE = 'Quorum: Providers';

export interface ProvidersPanelDeps {
  readonly extensionUri: vscode.Uri;
  readonly providers: ProviderService;
  readonly settingsIssues: () => readonly { setting: string; message: string }[];
  readonly logger: Logger;
  /** What of each provider cannot take calls now (shown under its status). */
  readonly availability: Pick<ModelAvailability, 'unavailable'>;
  /** Sees every snapshot sent (integration tests read what the webview was given). */
  readonly onSnapshot?: (snapshot: ProvidersSnapshot) => void;
}

/**
 * The Providers view: one row per configured provider with its key state, reachability and models.
 * Checks run when the view becomes ready, on refresh, and after keys or settings change; a newer check
 * round cancels an older one, and closing the view cancels everything in flight.
 */
export class ProvidersPanel implements vscode.Disposable {
  private static current: ProvidersPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private checks = new Map<string, ProviderCheck>();
  private round: AbortController | undefined;
  private checkedAt: number | undefined;
  private disposed = false;

  static show(deps: ProvidersPanelDeps): ProvidersPanel {
    if (ProvidersPanel.current) {
      ProvidersPanel.current.panel.reveal();
      void ProvidersPanel.current.refresh();
      return ProvidersPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(PROVIDERS_VIEW_TYPE, TITLE, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: webviewResourceRoots(deps.extensionUri),
    });
    return ProvidersPanel.adopt(panel, deps);
  }

  /** Takes over a panel VS Code restored after a reload (WebviewPanelSerializer). */
  static adopt(panel: vscode.WebviewPanel, deps: ProvidersPanelDeps): ProvidersPanel {
    ProvidersPanel.current?.dispose();
    ProvidersPanel.current = new ProvidersPanel(panel, deps);
    return ProvidersPanel.current;
  }

  /** Re-checks the open view, if any (after a key or setting change). */
  static refreshIfOpen(): void {
    void ProvidersPanel.current?.refresh();
  }

  static closeIfOpen(): void {
    ProvidersPanel.current?.dispose();
  }

  static isOpen(): boolean {
    return ProvidersPanel.current !== undefined;
  }

  private constructor(private readonly panel: vscode.WebviewPanel, private readonly deps: ProvidersPanelDeps) {
    panel.webview.options = { enableScripts: true, localResourceRoots: webviewResourceRoots(deps.extensionUri) };
    panel.webview.html = renderWebviewHtml(panel.webview, deps.extensionUri, 'providers', TITLE);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.onMessage(raw)),
      panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.visible) void this.postSnapshot();
      }),
    );
  }

  /** Checks every provider again; rows update as each answer arrives. */
  async refresh(): Promise<void> {
    this.round?.abort();
    const round = new AbortController();
    this.round = round;
    this.checks = new Map();
    await this.postSnapshot();
    const ids = this.deps.providers.descriptors().map((d) => d.id);
    await Promise.all(ids.map(async (id) => {
      const result = await this.deps.providers.check(id, round.signal);
      if (round.signal.aborted) return;
      this.checks.set(id, result);
      this.checkedAt = Date.now();
      await this.postSnapshot();
    }));
  }

  private async onMessage(raw: unknown): Promise<void> {
    const message = parseWebviewMessage(raw);
    if (message === undefined) {
      this.deps.logger.warn('Providers view sent a message that does not match the protocol; ignored.');
      return;
    }
    switch (message.type) {
      case 'webview/ready':
      case 'providers/refresh':
        return this.refresh();
      case 'providers/setKey':
        await vscode.commands.executeCommand('quorum.setApiKey', { provider: message.providerId });
        return;
      case 'providers/removeKey':
        await vscode.commands.executeCommand('quorum.removeApiKey', { provider: message.providerId });
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
      providerRow(d, await this.deps.providers.keyState(d), this.checks.get(d.id), availabilityNotes(d.id, unavailable, now))));
    return { providers: rows, settingsIssues: [...this.deps.settingsIssues()], checkedAt: this.checkedAt };
  }

  private async postSnapshot(): Promise<void> {
    const snapshot = await this.snapshot();
    if (this.disposed) return;
    this.deps.onSnapshot?.(snapshot);
    const message: HostToWebview = { type: 'providers/snapshot', snapshot };
    if (this.panel.visible) await this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (ProvidersPanel.current === this) ProvidersPanel.current = undefined;
    this.round?.abort();
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
