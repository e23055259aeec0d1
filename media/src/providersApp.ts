import { parseHostMessage, type ProvidersSnapshot } from '../../src/shared/providersProtocol';
import { renderProviders } from './providersView';
import { vscodeApi } from './vscodeApi';

interface ViewState {
  readonly providers?: ProvidersSnapshot;
}

/** Mounts the Providers view: paints the last known state at once after a reload, then asks for a fresh one. */
export function mountProvidersView(root: HTMLElement): void {
  const api = vscodeApi<ViewState>();
  const post = api.postMessage.bind(api);
  renderProviders(root, api.getState()?.providers, post);

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = parseHostMessage(event.data);
    if (message === undefined) return; // not ours, or malformed: never act on it
    switch (message.type) {
      case 'providers/snapshot':
        api.setState({ providers: message.snapshot });
        renderProviders(root, message.snapshot, post);
        break;
    }
  });

  api.postMessage({ type: 'webview/ready' });
}
