import { mountAnswerView } from './answerView';

// Entry of the answer view's bundle (dist/webview/answer.js): the only one carrying markdown-it and DOMPurify.
mountAnswerView(document.getElementById('app') as HTMLElement);
