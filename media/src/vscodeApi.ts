import type { WebviewToHost } from '../../src/shared/providersProtocol';

/** The handle VS Code injects into webviews; typed to one view's protocol. */
export interface VsCodeApi<State, Out = WebviewToHost> {
  postMessage(message: Out): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare function acquireVsCodeApi<State, Out>(): VsCodeApi<State, Out>;

/** May be called once per page: `main.ts` mounts exactly one view, which acquires it. */
export function vscodeApi<State, Out = WebviewToHost>(): VsCodeApi<State, Out> {
  return acquireVsCodeApi<State, Out>();
}
