import { mountAnswerView } from './answerView';
import { mountProvidersView } from './providersApp';

const root = document.getElementById('app') as HTMLElement;

// One bundle serves every Quorum webview; the host's page shell says which view this is.
switch (document.body.dataset.view) {
  case 'answer':
    mountAnswerView(root);
    break;
  default:
    mountProvidersView(root);
}
