import type * as vscode from 'vscode';

/** An AbortSignal that fires when the VS Code token is cancelled (e.g. the progress notification's Cancel). */
export function signalFromToken(token: vscode.CancellationToken): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  const listener = token.onCancellationRequested(() => controller.abort());
  return { signal: controller.signal, dispose: () => listener.dispose() };
}
