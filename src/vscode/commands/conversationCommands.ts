import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { AskInput } from '../../app/askFlow';
import { systemClock } from '../../core/ports';
import { estimateTokens } from '../../core/routing/tokenEstimate';
import type { ConversationHostMessage } from '../../shared/conversationProtocol';
import { selectionChip } from '../conversation/conversationContext';
import { CONVERSATION_VIEW_ID, ConversationViewProvider } from '../conversation/conversationViewProvider';
import type { ExtensionServices } from '../extensionServices';
import type { RequestParts } from '../requestParts';
import { commandIds } from './commandIds';

/** The Quorum view, built once per activation over the request path and the workspace's storage. */
export function conversationView(
  services: Pick<ExtensionServices, 'logger' | 'catalog' | 'providers' | 'editors' | 'settings' | 'codeBlocks'>,
  request: RequestParts,
  context: vscode.ExtensionContext,
  taps?: { readonly post: (message: ConversationHostMessage) => void; readonly asked: (input: AskInput) => void },
): ConversationViewProvider {
  const asked = taps?.asked;
  return new ConversationViewProvider({
    extensionUri: context.extensionUri,
    logger: services.logger,
    workspaceState: context.workspaceState,
    // Outside Production the test hooks see what each turn asked (its ConversationRef); an installed Quorum does not.
    requests: asked === undefined ? request.requests : { ask: (input, signal) => (asked(input), request.requests.ask(input, signal)) },
    eligibility: request.eligibility,
    catalog: services.catalog,
    providers: services.providers,
    editors: services.editors,
    codeBlocks: services.codeBlocks,
    chipRules: () => ({ estimate: estimateTokens, localOnlyGlobs: services.settings().privacy.localOnlyGlobs, newId: randomUUID }),
    clock: systemClock,
    newId: randomUUID,
    ...(taps !== undefined ? { tap: taps.post } : {}),
  });
}

/** Ask Best Model without arguments (the keybinding, the palette, the editor menu): the view, with the selection attached. */
export async function focusConversationWithSelection(view: ConversationViewProvider, services: Pick<ExtensionServices, 'editors' | 'settings'>): Promise<void> {
  const chip = selectionChip(services.editors, { estimate: estimateTokens, localOnlyGlobs: services.settings().privacy.localOnlyGlobs, newId: randomUUID });
  await view.focus(chip === undefined ? [] : [chip]);
}

/** The Quorum view's provider and New Conversation. */
export function registerConversationCommands(view: ConversationViewProvider): vscode.Disposable[] {
  return [
    view,
    // Not retained when hidden: the view rebuilds from the host's snapshot, which holds the whole conversation.
    vscode.window.registerWebviewViewProvider(CONVERSATION_VIEW_ID, view),
    vscode.commands.registerCommand(commandIds.newConversation, async () => {
      await view.session.startNew();
      await view.focus();
    }),
  ];
}
