import { mountPanel } from './panelApp';

// Entry of the Quorum panel's bundle (dist/webview/panel.js): Compare, Vote and Spend in one webview.
mountPanel(document.getElementById('app') as HTMLElement);
