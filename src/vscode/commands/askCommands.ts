import * as vscode from 'vscode';
import { estimateTokens } from '../../core/routing/tokenEstimate';
import { parseAnswerSnapshot } from '../../shared/answerProtocol';
import { ANSWER_VIEW_TYPE, AnswerPanel } from '../answerPanel';
import type { AskAgainArgs, AskArgs, AskController, AskControllerDeps } from '../ask/askController';
import { pickImages } from '../ask/imageInput';
import { RouteExplainer } from '../explainRoute';
import type { ExtensionServices } from '../extensionServices';
import type { RequestParts } from '../requestParts';
import { commandIds } from './commandIds';

/** Ask Best Model's deps, from the services record and the request path. */
export function askControllerDeps(
  services: Pick<ExtensionServices, 'logger' | 'providers' | 'catalog' | 'settings' | 'editors' | 'feedback' | 'codeBlocks'>,
  request: RequestParts,
  context: vscode.ExtensionContext,
): AskControllerDeps {
  return {
    extensionUri: context.extensionUri,
    workspaceState: context.workspaceState,
    logger: services.logger,
    providers: services.providers,
    requests: request.requests,
    catalog: services.catalog,
    contextTokenBudget: () => services.settings().ask.contextTokenBudget,
    editors: services.editors,
    estimateTokens,
    feedback: services.feedback,
    codeBlocks: services.codeBlocks,
  };
}

/** The serializer VS Code calls to restore the answer view after a window reload. */
export function answerViewSerializer(ask: AskController): vscode.WebviewPanelSerializer<unknown> {
  return {
    deserializeWebviewPanel: async (panel, state) =>
      void AnswerPanel.adopt(panel, ask.panelDeps, parseAnswerSnapshot((state as { answer?: unknown } | undefined)?.answer)),
  };
}

/** Ask Best Model (and About This Image), Ask Again With, Stop Answer and Explain Last Route, and the answer view's restore. */
export function registerAskCommands(
  services: Pick<ExtensionServices, 'catalog'>, ask: AskController, serializer: vscode.WebviewPanelSerializer<unknown>,
  openConversation?: () => Promise<void>,
): vscode.Disposable[] {
  const explainer = new RouteExplainer(() => ask.lastRoute(), services.catalog);
  return [
    explainer,
    // A person (keybinding, palette, editor menu) gets the Quorum view; automation passing a prompt gets the answer back.
    vscode.commands.registerCommand(commandIds.askBestModel, (args?: AskArgs) =>
      (openConversation !== undefined && !isAutomation(args) ? openConversation() : ask.ask(args))),
    vscode.commands.registerCommand(commandIds.askAboutImage, async (uri?: vscode.Uri, selected?: readonly vscode.Uri[]) => {
      // From the explorer: the clicked image (or every selected one); from the palette: an open dialog.
      const uris = selected !== undefined && selected.length > 0 ? selected : uri !== undefined ? [uri] : await pickImages();
      if (uris.length === 0) return undefined;
      return ask.ask({ images: uris.map((u) => u.toString()), attachContext: false });
    }),
    vscode.commands.registerCommand(commandIds.askAgainWith, (args?: AskAgainArgs) => ask.askAgainWith(args)),
    vscode.commands.registerCommand(commandIds.stopAnswer, () => ask.stop()),
    vscode.commands.registerCommand(commandIds.explainLastRoute, () => explainer.explain()),
    vscode.window.registerWebviewPanelSerializer(ANSWER_VIEW_TYPE, serializer),
    { dispose: () => AnswerPanel.closeIfOpen() },
  ];
}

/** `quorum.askBestModel` called with a prompt or images (tests, other extensions), not from a menu (which passes a URI). */
function isAutomation(args: unknown): args is AskArgs {
  if (typeof args !== 'object' || args === null) return false;
  const { prompt, images } = args as { prompt?: unknown; images?: unknown };
  return typeof prompt === 'string' || Array.isArray(images);
}
