import * as vscode from 'vscode';
import type { Logger } from '../../core/ports';
import type { WebviewReady } from '../../shared/ipc';
import { ViewDelivery, type Delivery } from './viewDelivery';
import { createNonce, renderWebviewPage, WEBVIEW_ASSET_DIR, webviewAssets, type WebviewKind } from './webviewPage';
import { webviewSurface, type WebviewSurface } from './webviewSurface';

/** What identifies a view: its panel type (for the serializer), its bundle, its title and its protocol. */
export interface WebviewSpec<ViewMsg> {
  readonly viewType: string;
  readonly kind: WebviewKind;
  readonly title: string;
  /** The view protocol's validator: anything it rejects is logged and never dispatched. */
  readonly parse: (raw: unknown) => ViewMsg | undefined;
}

/** A view's own part: its state and what its messages do. The host does the rest. */
export interface WebviewProvider<HostMsg, ViewMsg> {
  /** The whole state (`undefined`: nothing to show yet): sent on ready, on becoming visible and on `sendSnapshot`. */
  snapshot(): HostMsg | undefined | Promise<HostMsg | undefined>;
  /** One validated message from the view; the handshake never reaches it. */
  onMessage(message: Exclude<ViewMsg, WebviewReady>): void | Promise<void>;
  /** After the ready snapshot: work the view's arrival starts (the Providers view checks every provider). */
  onReady?(): void | Promise<void>;
  /** The panel closed (by the user or by `dispose`): release what the view holds. Called once. */
  onDispose?(): void;
}

export interface WebviewHostDeps<HostMsg> {
  readonly extensionUri: vscode.Uri;
  readonly logger: Logger;
  /** Sees every message the view is given, or would be given if it were visible (integration tests read it). */
  readonly tap?: (message: HostMsg) => void;
}

/**
 * One webview panel's lifecycle, the same for every Quorum view (DESIGN.md §4): the page (CSP with a fresh
 * nonce, built assets only), the handshake (`webview/ready` → a full snapshot), visibility (a snapshot on
 * becoming visible, deltas only while visible), validation of every incoming message before dispatch, and
 * disposal. It owns the panel and every subscription on it; the provider owns the view's state.
 */
export class WebviewHost<HostMsg, ViewMsg extends { readonly type: string }> implements vscode.Disposable {
  private readonly delivery: ViewDelivery;
  private readonly panel: WebviewSurface;
  private readonly subscriptions: vscode.Disposable[] = [];
  private disposed = false;

  /** A new panel for `spec`, ready for a host; `show` places it. */
  static createPanel<ViewMsg>(spec: WebviewSpec<ViewMsg>, extensionUri: vscode.Uri, show: vscode.ViewColumn | { readonly viewColumn: vscode.ViewColumn; readonly preserveFocus?: boolean }): vscode.WebviewPanel {
    // retainContextWhenHidden stays off: a hidden view is torn down, and its saved state and the snapshot on return rebuild it.
    return vscode.window.createWebviewPanel(spec.viewType, spec.title, show, webviewOptions(extensionUri));
  }

  /**
   * Hosts a new panel, one VS Code restored after a reload (its serializer passes it here), or a sidebar view
   * VS Code resolved (`WebviewViewProvider`): the same page, handshake, validation and delivery for each.
   */
  constructor(
    shown: vscode.WebviewPanel | vscode.WebviewView,
    private readonly spec: WebviewSpec<ViewMsg>,
    private readonly deps: WebviewHostDeps<HostMsg>,
    private readonly provider: WebviewProvider<HostMsg, ViewMsg>,
  ) {
    const panel = webviewSurface(shown);
    this.panel = panel;
    this.delivery = new ViewDelivery(panel.visible);
    panel.webview.options = webviewOptions(deps.extensionUri);
    panel.webview.html = pageFor(panel.webview, deps.extensionUri, spec);
    this.subscriptions.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      panel.onDidChangeVisibility(() => {
        if (this.delivery.setVisible(panel.visible)) void this.sendSnapshot();
      }),
    );
  }

  /** The view is on screen, so messages posted now reach it. */
  get visible(): boolean {
    return this.delivery.visible;
  }

  reveal(preserveFocus = false): void {
    this.panel.reveal(preserveFocus);
  }

  /** A delta: delivered while the view is visible; otherwise the snapshot it gets on becoming visible carries it. */
  post(message: HostMsg): void {
    this.deliver(message, this.delivery.delta());
  }

  /** Builds the provider's snapshot and sends it, unless a newer one was asked for meanwhile. */
  async sendSnapshot(): Promise<void> {
    const ticket = this.delivery.beginSnapshot();
    try {
      const message = await this.provider.snapshot();
      if (message !== undefined) this.deliver(message, this.delivery.snapshot(ticket));
    } catch (error) {
      this.logError(error);
    }
  }

  /** Validates a message from the view and dispatches it; public so tests can press the view's buttons. */
  async receive(raw: unknown): Promise<void> {
    const message = this.spec.parse(raw);
    if (message === undefined) {
      this.deps.logger.warn(`The view "${this.spec.title}" sent a message that does not match its protocol; ignored.`);
      return;
    }
    try {
      if (isReady(message)) {
        await this.sendSnapshot();
        await this.provider.onReady?.();
        return;
      }
      // Not the handshake, so one of the provider's messages: TypeScript does not narrow a generic union.
      await this.provider.onMessage(message as Exclude<ViewMsg, WebviewReady>);
    } catch (error) {
      this.logError(error);
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.delivery.close();
    this.provider.onDispose?.();
    this.panel.dispose();
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
  }

  private deliver(message: HostMsg, delivery: Delivery): void {
    if (delivery === 'drop') return;
    this.deps.tap?.(message);
    if (delivery === 'post') void this.panel.webview.postMessage(message);
  }

  private logError(error: unknown): void {
    this.deps.logger.error(error instanceof Error ? error : String(error));
  }
}

function isReady(message: { readonly type: string }): message is WebviewReady {
  return message.type === 'webview/ready';
}

/** Scripts on; resources from the built webview assets only. */
function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, ...WEBVIEW_ASSET_DIR)] };
}

function pageFor(webview: vscode.Webview, extensionUri: vscode.Uri, spec: WebviewSpec<unknown>): string {
  const assets = webviewAssets(spec.kind);
  const uri = (segments: readonly string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...segments)).toString();
  return renderWebviewPage({
    view: spec.kind, title: spec.title, cspSource: webview.cspSource, nonce: createNonce(), scriptUri: uri(assets.script), styleUri: uri(assets.style),
  });
}
