import { parseSpendHostMessage, parseSpendSnapshot, type SpendSnapshot, type SpendWebviewToHost } from '../../src/shared/spendProtocol';
import { renderSpend } from './spendView';
import { vscodeApi } from './vscodeApi';

// Entry of the spend view's bundle (dist/webview-spend.js).

interface ViewState {
  readonly spend?: SpendSnapshot;
}

/** Mounts the spend view: paints the last snapshot at once after a reload, then asks the host for a fresh one. */
function mountSpendView(root: HTMLElement): void {
  const api = vscodeApi<ViewState, SpendWebviewToHost>();
  const post = api.postMessage.bind(api);
  // The view re-renders whole after every call while open; a live region would read the page out each time.
  root.removeAttribute('aria-live');
  // Saved state is data from an earlier page: validated like any message before it is rendered.
  paint(root, parseSpendSnapshot(api.getState()?.spend), post);

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = parseSpendHostMessage(event.data);
    if (message === undefined) return; // not ours, or malformed: never act on it
    switch (message.type) {
      case 'spend/snapshot':
        api.setState({ spend: message.snapshot });
        paint(root, message.snapshot, post);
        break;
    }
  });

  post({ type: 'webview/ready' });
}

/** Re-renders, keeping keyboard focus on the same control (a Refresh pressed from the keyboard stays focused). */
function paint(root: HTMLElement, snapshot: SpendSnapshot | undefined, post: (message: SpendWebviewToHost) => void): void {
  const focused = document.activeElement instanceof HTMLElement && root.contains(document.activeElement) ? document.activeElement.id : '';
  renderSpend(root, snapshot, post);
  if (focused !== '') document.getElementById(focused)?.focus();
}

mountSpendView(document.getElementById('app') as HTMLElement);
