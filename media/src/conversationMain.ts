import { mountConversationView } from './conversationView';

// Entry of the Quorum view's bundle (dist/webview/conversation.js).
mountConversationView(document.getElementById('app') as HTMLElement);
