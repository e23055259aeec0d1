import { mountProvidersView } from './providersApp';

// Entry of the Providers view's bundle (dist/webview/providers.js).
mountProvidersView(document.getElementById('app') as HTMLElement);
