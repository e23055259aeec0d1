import type * as vscode from 'vscode';

/**
 * What the webview host needs of the thing showing a webview: an editor panel (`WebviewPanel`) or a view in the
 * sidebar (`WebviewView`, the Quorum view). Their lifecycles differ only in names — and in who may close
 * them: the extension disposes a panel, while a sidebar view belongs to VS Code and is only hidden or shown.
 */
export interface WebviewSurface {
  readonly webview: vscode.Webview;
  readonly visible: boolean;
  onDidDispose(listener: () => void): vscode.Disposable;
  onDidChangeVisibility(listener: () => void): vscode.Disposable;
  reveal(preserveFocus: boolean): void;
  dispose(): void;
}

export function webviewSurface(host: vscode.WebviewPanel | vscode.WebviewView): WebviewSurface {
  if (isPanel(host)) {
    return {
      webview: host.webview,
      get visible() { return host.visible; },
      onDidDispose: (listener) => host.onDidDispose(listener),
      onDidChangeVisibility: (listener) => host.onDidChangeViewState(listener),
      reveal: (preserveFocus) => host.reveal(undefined, preserveFocus),
      dispose: () => host.dispose(),
    };
  }
  return {
    webview: host.webview,
    get visible() { return host.visible; },
    onDidDispose: (listener) => host.onDidDispose(listener),
    onDidChangeVisibility: (listener) => host.onDidChangeVisibility(listener),
    reveal: (preserveFocus) => host.show(preserveFocus),
    // VS Code owns a sidebar view; the host stops serving it, and the view itself stays where the user put it.
    dispose: () => undefined,
  };
}

function isPanel(host: vscode.WebviewPanel | vscode.WebviewView): host is vscode.WebviewPanel {
  return 'onDidChangeViewState' in host;
}
