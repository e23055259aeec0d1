import * as vscode from 'vscode';
import { buildAskRequest, roughTokens, type TokenEstimator } from '../../core/ask/askContext';
import type { AskInput } from '../../app/askFlow';
import type { RequestService } from '../../app/requestService';
import type { RouteRequest } from '../../core/routing/taskProfile';
import { answerText, type AnswerState } from '../../core/ask/answerState';
import { toAnswerSnapshot } from '../../app/views/answerSnapshot';
import { insertableText } from '../../core/ask/insertableText';
import { parseModelRefText, sameModelRef } from '../../core/ask/modelRefText';
import type { LastRoute } from '../../app/views/routeExplanation';
import type { ModelCatalog } from '../../core/catalog/modelCatalog';
import type { Logger } from '../../core/ports';
import type { ProviderService } from '../../core/providers/providerService';
import type { RouteDecision } from '../../core/routing/routeDecision';
import type { AnswerSnapshot } from '../../shared/answerProtocol';
import { AnswerPanel, type AnswerPanelDeps } from '../answerPanel';
import { signalFromToken } from '../cancellation';
import { offerToSaveRule, type SaveRuleChoice } from './saveRule';
import { editorSnapshot, type LastEditorTracker } from './editorContext';
import { pickModel } from './modelPicker';
import { answerLogLine, answerSummary, progressText } from './answerSummary';
import { imageUri, readImages } from './imageInput';
import { withImages } from '../../core/ask/imageAttachments';
import { PromptHistory, promptInput } from './promptInput';
import { addLocalEndpoint, anyProviderUsable, setApiKeyFromAsk, showNoProviderMessage } from './providerSetup';
import { commandIds } from '../commands/commandIds';
import { askAgainSignal, ratingSignal } from '../../app/feedbackSignals';
import type { RoutingFeedback } from '../../app/routingFeedback';
import type { CodeBlockActions } from '../editor/codeBlockActions';

/** `quorum.askBestModel` arguments, for automation and tests; every field is optional. */
export interface AskArgs {
  readonly prompt?: string;
  /** `provider/model`: skip the router and ask this model. */
  readonly model?: string;
  /** false: attach no selection or file. */
  readonly attachContext?: boolean;
  /** Image files (paths or URIs) to attach; the prompt input starts with them when there is no `prompt`. */
  readonly images?: readonly string[];
}

export interface AskAgainArgs {
  readonly model?: string;
  /** true: save the rule without asking; false: do not offer; undefined: offer. */
  readonly saveRule?: SaveRuleChoice;
}

/** What the command returns and `QuorumApi.lastAnswer()` reports. */
export interface AnswerSummary {
  readonly id: string;
  readonly phase: AnswerState['phase'];
  readonly text: string;
  readonly answeredBy?: string;
  readonly hops: readonly { readonly model: string; readonly reason: string; readonly status?: number; readonly next: string }[];
  readonly snapshot: AnswerSnapshot;
  readonly chain: readonly string[];
  readonly attempts: number;
  readonly error?: string;
}

export interface AskControllerDeps {
  readonly extensionUri: vscode.Uri;
  readonly workspaceState: vscode.Memento;
  readonly logger: Logger;
  readonly providers: ProviderService;
  /** The one request path (route → admit → run → record). */
  readonly requests: Pick<RequestService, 'ask'>;
  readonly catalog: () => ModelCatalog | undefined;
  readonly contextTokenBudget: () => number;
  /** The last editor the user worked in (shared with code actions and the panel; owned by the caller). */
  readonly editors: LastEditorTracker;
  readonly estimateTokens?: TokenEstimator;
  /** The workspace's routing feedback: Ask Again With another tier, and 👍/👎, are recorded there. */
  readonly feedback?: Pick<RoutingFeedback, 'add'>;
  /** A code block's Copy / Insert / Apply (shared with every view that renders answers). */
  readonly codeBlocks?: Pick<CodeBlockActions, 'run'>;
}

const LAST_ROUTE_KEY = 'quorum.ask.lastRoute';

/** Ask Best Model end to end: input, context, routing, the streamed answer, and the view's actions. */
export class AskController implements vscode.Disposable {
  private readonly history: PromptHistory;
  private readonly editors: LastEditorTracker;
  private running: AbortController | undefined;
  private lastInput: AskInput | undefined;
  private state: AnswerState | undefined;
  private route: LastRoute | undefined;
  readonly panelDeps: AnswerPanelDeps;

  constructor(private readonly deps: AskControllerDeps) {
    this.history = new PromptHistory(deps.workspaceState);
    this.editors = deps.editors;
    this.route = deps.workspaceState.get<LastRoute>(LAST_ROUTE_KEY);
    this.panelDeps = {
      extensionUri: deps.extensionUri,
      logger: deps.logger,
      actions: {
        stop: () => this.stop(),
        copy: () => this.copy(),
        insert: () => this.insert(),
        askAgain: async () => void await this.askAgainWith(),
        explain: async () => void await vscode.commands.executeCommand(commandIds.explainLastRoute),
        setKey: async () => void await setApiKeyFromAsk(),
        addEndpoint: async () => void await addLocalEndpoint(),
        rate: async (id, rating) => this.rate(id, rating),
        codeBlock: async (message) => void await deps.codeBlocks?.run(message, answeredByOf(this.state) ?? message.source),
      },
    };
  }

  /** `quorum.askBestModel`. Resolves when the answer is complete, stopped or failed. */
  async ask(args: AskArgs = {}): Promise<AnswerSummary | undefined> {
    if (!(await anyProviderUsable(this.deps.providers))) {
      // Logged as well as shown: the notification is gone once dismissed, the log says why nothing happened.
      this.deps.logger.info('Ask: no model provider is configured (no API key, no local endpoint).');
      showNoProviderMessage();
      return undefined;
    }
    const editor = args.attachContext === false ? undefined : this.editors.editor();
    const given = (args.images ?? []).map(imageUri);
    const choice = args.prompt !== undefined ? { prompt: args.prompt, images: given }
      : await promptInput(this.history.list(), editor && vscode.workspace.asRelativePath(editor.document.uri, false), given);
    const prompt = choice?.prompt;
    if (choice === undefined || prompt === undefined || prompt.trim() === '') return undefined;
    await this.history.remember(prompt);
    const images = await readImages(choice.images);
    if (images === undefined) return undefined;
    const built = withImages(buildAskRequest(prompt, editor && editorSnapshot(editor), this.deps.contextTokenBudget(), this.deps.estimateTokens ?? roughTokens), images);
    const pinned = args.model === undefined ? undefined : this.parseModel(args.model);
    if (args.model !== undefined && pinned === undefined) return undefined;
    return this.run({ prompt, request: built.request, attached: built.attached, pinned });
  }

  /**
   * Runs a request someone else built (a code action's Explain) through the same pipeline and answer view:
   * route header, streaming, cost, Stop. `prompt` is what the view shows as the question.
   */
  async askPrepared(prompt: string, request: RouteRequest): Promise<AnswerSummary | undefined> {
    if (!(await anyProviderUsable(this.deps.providers))) {
      showNoProviderMessage();
      return undefined;
    }
    return this.run({ prompt, request });
  }

  /** "Ask Again With…": the last prompt and context, pinned to a model the user picks. */
  async askAgainWith(args: AskAgainArgs = {}): Promise<AnswerSummary | undefined> {
    const input = this.lastInput;
    if (input === undefined) {
      const prompt = AnswerPanel.open?.snapshot()?.prompt;
      return prompt === undefined ? this.ask() : this.askAgainWithPrompt(prompt, args);
    }
    const catalog = this.deps.catalog();
    const ref = args.model !== undefined ? this.parseModel(args.model)
      : catalog && await pickModel(catalog, this.deps.providers, this.state?.answeredBy);
    if (ref === undefined) return undefined;
    const signal = askAgainSignal(this.state, ref, catalog);
    if (signal !== undefined) await this.deps.feedback?.add(signal);
    // Asking the model that just answered again means "another answer": it bypasses the exact response cache.
    const summary = await this.run({ ...input, pinned: ref, fresh: sameModelRef(ref, this.state?.answeredBy) });
    const task = this.state?.decision?.task.type;
    if (summary?.phase === 'done' && task !== undefined) await offerToSaveRule(task, ref, args.saveRule, this.deps.logger);
    return summary;
  }

  /** 👍/👎 on the answer on screen: recorded as routing feedback, shown as pressed. */
  async rate(id: string, rating: 'up' | 'down'): Promise<void> {
    const state = this.state;
    const signal = state?.id === id && state.rating !== rating ? ratingSignal(state, rating) : undefined;
    if (state === undefined || signal === undefined) return;
    this.show({ ...state, rating });
    await this.deps.feedback?.add(signal);
  }

  stop(): void {
    this.running?.abort();
  }

  lastAnswer(): AnswerSummary | undefined {
    return this.state && answerSummary(this.state, this.deps.catalog());
  }

  lastRoute(): LastRoute | undefined {
    return this.route;
  }

  private async askAgainWithPrompt(prompt: string, args: AskAgainArgs): Promise<AnswerSummary | undefined> {
    // After a reload only the prompt survives (in the view's state); the context is taken afresh.
    const editor = this.editors.editor();
    const built = buildAskRequest(prompt, editor && editorSnapshot(editor), this.deps.contextTokenBudget(), this.deps.estimateTokens ?? roughTokens);
    this.lastInput = { prompt, request: built.request, attached: built.attached };
    return this.askAgainWith(args);
  }

  private async run(input: AskInput): Promise<AnswerSummary | undefined> {
    this.running?.abort();
    const controller = new AbortController();
    this.running = controller;
    this.lastInput = input;
    await vscode.commands.executeCommand('setContext', 'quorum.answering', true);
    AnswerPanel.show(this.panelDeps);
    try {
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Quorum', cancellable: true },
        async (progress, token) => {
          const bridge = signalFromToken(token);
          const onCancel = () => controller.abort();
          bridge.signal.addEventListener('abort', onCancel);
          let final: AnswerState | undefined;
          try {
            let said = '';
            for await (const state of this.deps.requests.ask(input, controller.signal)) {
              final = state;
              // A newer ask replaced this one: its stopped states must not overwrite the new answer.
              if (this.running === controller) this.show(state);
              const message = progressText(state);
              if (message !== said) progress.report({ message: (said = message) });
            }
          } finally {
            bridge.signal.removeEventListener('abort', onCancel);
            bridge.dispose();
          }
          if (final !== undefined) this.deps.logger.info(answerLogLine(final));
          if (final?.noRoute === true) showNoProviderMessage(final.error);
          return final && answerSummary(final, this.deps.catalog());
        },
      );
    } finally {
      if (this.running === controller) {
        this.running = undefined;
        await vscode.commands.executeCommand('setContext', 'quorum.answering', false);
      }
    }
  }

  private show(state: AnswerState): void {
    this.state = state;
    AnswerPanel.open?.update(toAnswerSnapshot(state, this.deps.catalog()));
  }

  /** Every routing decision of the request path, whatever way it came in, for "Explain Last Route". */
  rememberRoute(decision: RouteDecision, prompt: string): void {
    this.route = { decision, prompt, at: Date.now() };
    void this.deps.workspaceState.update(LAST_ROUTE_KEY, this.route);
  }

  private async copy(): Promise<void> {
    const text = this.currentText();
    if (text === '') return;
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage('Quorum: answer copied.', 3000);
  }

  private async insert(): Promise<void> {
    const text = insertableText(this.currentText());
    const target = this.editors.editor();
    if (text === '') return;
    if (target === undefined) {
      void vscode.window.showInformationMessage('Open a file and place the cursor where the answer should go, then choose Insert at Cursor again.');
      return;
    }
    const editor = await vscode.window.showTextDocument(target.document, { viewColumn: target.viewColumn, selection: target.selection });
    await editor.edit((edit) => edit.replace(editor.selection, text));
  }

  /** The text of the answer on screen (after a reload, the restored view's). */
  private currentText(): string {
    if (this.state !== undefined) return answerText(this.state);
    return AnswerPanel.open?.snapshot()?.segments.map((s) => s.text).join('') ?? '';
  }

  private parseModel(text: string): ReturnType<typeof parseModelRefText> {
    const ref = parseModelRefText(text);
    if (ref === undefined) void vscode.window.showErrorMessage(`'${text}' is not a model: use provider/model, e.g. openai/gpt-6-luna.`);
    return ref;
  }

  dispose(): void {
    this.running?.abort();
  }
}

function answeredByOf(state: AnswerState | undefined): string | undefined {
  return state?.answeredBy === undefined ? undefined : `${state.answeredBy.provider}/${state.answeredBy.model}`;
}
