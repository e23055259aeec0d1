import * as vscode from 'vscode';
import type { CodeBlockAction } from '../../shared/codeBlockProtocol';
import type { CodeBlockActions } from '../editor/codeBlockActions';
import type { ChipRules } from '../../app/conversation/contextChips';
import type { ConversationSession } from '../../app/conversation/conversationSession';
import type { Eligibility } from '../../app/eligibility';
import type { RequestService } from '../../app/requestService';
import { parseModelRefText } from '../../core/ask/modelRefText';
import type { ModelCatalog } from '../../core/catalog/modelCatalog';
import type { Clock, Logger } from '../../core/ports';
import type { ProviderService } from '../../core/providers/providerService';
import type { ModelRef } from '../../core/types';
import type { ConversationHostMessage, ConversationViewMessage } from '../../shared/conversationProtocol';
import { assertNever, type WebviewReady } from '../../shared/ipc';
import type { LastEditorTracker } from '../ask/editorContext';
import { pickModel } from '../ask/modelPicker';
import { activeFileChip, pickFileChip, pickImageChips, selectionChip } from './conversationContext';

export interface ConversationViewDeps {
  readonly extensionUri: vscode.Uri;
  readonly logger: Logger;
  readonly workspaceState: vscode.Memento;
  /** The one request path: every turn goes through `ask`. */
  readonly requests: Pick<RequestService, 'ask'>;
  readonly eligibility: Pick<Eligibility, 'models'>;
  readonly catalog: () => ModelCatalog | undefined;
  readonly providers: ProviderService;
  readonly editors: LastEditorTracker;
  /** Token sizes, localOnlyGlobs and chip ids, read when a chip is made. */
  readonly chipRules: () => ChipRules;
  readonly clock: Clock;
  readonly newId: () => string;
  /** A code block's Copy / Insert / Apply (shared with the Answer view and the Quorum panel). */
  readonly codeBlocks: Pick<CodeBlockActions, 'run'>;
  /** Sees every message the view is given (integration tests). */
  readonly tap?: (message: ConversationHostMessage) => void;
}

interface ViewPorts {
  readonly post: (message: ConversationHostMessage) => void;
  readonly setNotice: (notice: string | undefined) => void;
}

type ViewAction = Exclude<ConversationViewMessage, WebviewReady | CodeBlockAction>;

/** What each of the view's messages does: the session for the conversation, VS Code for pickers and dialogs. */
export function conversationActions(deps: ConversationViewDeps, session: ConversationSession, ports: ViewPorts): { dispatch(message: ViewAction): Promise<void> } {
  /** A problem goes to the view's notice line; a question not sent goes back into the input, so nothing typed is lost. */
  const report = (problem: string | undefined, draft?: string): void => {
    ports.setNotice(problem);
    if (problem !== undefined && draft !== undefined) ports.post({ type: 'conversation/draft', text: draft });
  };
  const choose = (model: string): ModelRef | undefined | 'invalid' => (model === 'auto' ? undefined : parseModelRefText(model) ?? 'invalid');
  const lastModel = (): ModelRef | undefined => session.conversation?.turns.at(-1)?.answer?.model;

  return {
    async dispatch(message) {
      switch (message.type) {
        case 'conversation/send': {
          const model = choose(message.model);
          if (model === 'invalid') return report(`"${message.model}" is not a model: pick one in the model list.`, message.prompt);
          session.model = model;
          ports.setNotice(undefined);
          const result = await session.send(message.prompt);
          if (result.problem !== undefined) return report(result.problem, message.prompt);
          if (result.failed !== undefined) report('The answer failed (see its card). Your question is back in the input: fix what the card says, then send it again or press Retry.', message.prompt);
          return;
        }
        case 'conversation/stop':
          return session.stop();
        case 'conversation/retry':
          return report(await session.retry());
        case 'conversation/regenerate': {
          const picked = message.model !== undefined ? choose(message.model) : await pickAnother(deps, lastModel());
          if (picked === 'invalid') return report(`"${message.model ?? ''}" is not a model: pick one in the model list.`);
          if (picked === undefined) return;
          return report(await session.regenerate(picked));
        }
        case 'conversation/new':
          return session.startNew();
        case 'conversation/open':
          return report(session.openConversation(message.id));
        case 'conversation/rename': {
          const title = message.title ?? await vscode.window.showInputBox({ title: 'Rename conversation', value: session.conversation?.title ?? '', prompt: 'A name to find it by in the list' });
          if (title !== undefined) await session.rename(message.id, title);
          return;
        }
        case 'conversation/delete':
          return deleteConversation(session, message.id);
        case 'conversation/search':
          return session.search(message.query);
        case 'conversation/model': {
          const model = choose(message.model);
          if (model !== 'invalid') session.model = model;
          return;
        }
        case 'chip/remove':
          return session.removeChip(message.id);
        case 'chip/add':
          return addChips(deps, session, message.kind, report);
        default:
          assertNever(message);
      }
    },
  };
}

async function pickAnother(deps: ConversationViewDeps, answeredBy: ModelRef | undefined): Promise<ModelRef | undefined> {
  const catalog = deps.catalog();
  return catalog === undefined ? undefined : pickModel(catalog, deps.providers, answeredBy);
}

async function deleteConversation(session: ConversationSession, id: string): Promise<void> {
  const title = session.searchResults().find((s) => s.id === id)?.title ?? 'this conversation';
  const choice = await vscode.window.showWarningMessage(`Delete "${title}"? Its questions and answers cannot be restored.`, { modal: true }, 'Delete');
  if (choice === 'Delete') await session.remove(id);
}

async function addChips(
  deps: ConversationViewDeps, session: ConversationSession, kind: 'selection' | 'file' | 'reference' | 'image', report: (problem: string | undefined) => void,
): Promise<void> {
  const rules = deps.chipRules();
  switch (kind) {
    case 'selection': {
      const chip = selectionChip(deps.editors, rules);
      return chip === undefined ? report('Select some code in an editor first, then attach the selection.') : session.addChips([chip]);
    }
    case 'file': {
      const chip = activeFileChip(deps.editors, rules);
      return chip === undefined ? report('Open a file in an editor first, then attach it.') : session.addChips([chip]);
    }
    case 'reference': {
      const chip = await pickFileChip(rules);
      return chip === undefined ? undefined : session.addChips([chip]);
    }
    case 'image':
      return session.addChips(await pickImageChips(rules));
  }
}
