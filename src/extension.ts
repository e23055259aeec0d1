import * as vscode from 'vscode';
import { CatalogService } from './core/catalog/catalogService';
import { CompatDiscovery } from './core/catalog/compatDiscovery';
import { SecretRedactor } from './core/keys/secretRedactor';
import { providerIdOfSecret } from './core/keys/secretNames';
import { describeProviders } from './core/providers/providerDescriptor';
import { ProviderService } from './core/providers/providerService';
import { systemClock } from './core/ports';
import { abortableSleep } from './core/resilience/backoff';
import { BreakerRegistry } from './core/resilience/breaker';
import { FallbackRunner } from './core/resilience/fallbackRunner';
import type { ProviderError } from './core/errors';
import { HealthMonitor } from './core/resilience/health';
import { HealthChecks } from './vscode/healthChecks';
import type { RouteDecision } from './core/routing/routeDecision';
import { estimateTokens } from './core/routing/tokenEstimate';
import { parseAnswerSnapshot, type AnswerSnapshot } from './shared/answerProtocol';
import type { ProvidersSnapshot } from './shared/providersProtocol';
import { ANSWER_VIEW_TYPE, AnswerPanel } from './vscode/answerPanel';
import { AskController, type AnswerSummary, type AskAgainArgs, type AskArgs } from './vscode/ask/askController';
import { createAskEngine } from './app/askEngine';
import { createBudgetGate } from './app/budgetGate';
import { createEligibility } from './app/eligibility';
import { columnEngine } from './app/ensemble/columnEngine';
import { createRequestService } from './app/requestService';
import { RouteExplainer } from './vscode/explainRoute';
import { removeApiKey, setApiKey, type RemoveApiKeyArgs, type SetApiKeyArgs } from './vscode/apiKeyCommands';
import { createChannelLogger } from './vscode/logger';
import { PROVIDERS_VIEW_TYPE, ProvidersPanel, type ProvidersPanelDeps } from './vscode/providersPanel';
import { secretStoreFrom } from './vscode/secretStorage';
import { SettingsWatcher } from './vscode/settingsWatcher';
import type { PanelHostMessage } from './shared/panelProtocol';
import type { SpendSnapshot } from './shared/spendProtocol';
import { LastEditorTracker } from './vscode/ask/editorContext';
import { quorumPanelDeps } from './vscode/panel/panelDeps';
import { registerQuorumParticipant, type QuorumParticipantDeps } from './vscode/chat/quorumParticipant';
import { createVscodeLmProvider, discoverVscodeLmModels, hostLmApi } from './vscode/vscodeLmProvider';
import { VSCODE_LM_PROVIDER_ID } from './core/providers/vscodeLm/models';
import { PreviewDocuments } from './vscode/panel/previewDocuments';
import { PANEL_VIEW_TYPE, QuorumPanel } from './vscode/panel/quorumPanel';
import { spendBudgetPorts } from './vscode/spend/spendBudget';
import { exportUsage, resetWorkspaceSpend } from './vscode/spend/spendCommands';
import { SpendService } from './vscode/spend/spendService';
import { SpendStatusBar } from './vscode/spend/spendStatusBar';
import { runCodeAction } from './vscode/editor/codeActionRunner';
import { QuorumCodeActions, type CodeActionArgs } from './vscode/editor/quorumCodeActions';

/** What the extension exports. */
export interface QuorumApi {
  readonly apiVersion: 1;
  /** Time spent inside activate(), in ms. */
  readonly activationMs: number;
  /**
   * Hooks for the integration tests. Present only when the extension runs in development or test mode:
   * an installed Quorum never lets other extensions read its answers and log or press its buttons.
   */
  readonly testing?: QuorumTestHooks;
}

/** What integration tests observe and drive inside the real extension host. */
export interface QuorumTestHooks {
  /** Every line written to the "Quorum" log (already redacted), for leak tests. */
  readonly logLines: readonly string[];
  /** The last snapshot sent to the Providers view. */
  lastProvidersSnapshot(): ProvidersSnapshot | undefined;
  /** The answer Ask Best Model shows (or showed last): text, model, hops and the view's header. */
  lastAnswer(): AnswerSummary | undefined;
  /** The last routing decision ("Explain Last Route" shows it). */
  lastRoute(): RouteDecision | undefined;
  /** What the open answer view shows (undefined when it is closed or empty). */
  answerView(): AnswerSnapshot | undefined;
  /** Handles `message` as if the answer view's webview sent it (its buttons), for tests. */
  answerViewMessage(message: unknown): Promise<void>;
  /** The serializer VS Code calls to restore the answer view after a reload, for tests to call directly. */
  readonly answerViewSerializer: vscode.WebviewPanelSerializer<unknown>;
  /** The status-bar cost meter's text and tooltip (markdown). */
  spendMeter(): { readonly text: string; readonly tooltip: string };
  /** Resolves once the spend ledger has loaded; then its record count. */
  spendReady(): Promise<number>;
  /** The last spend snapshot sent to the Quorum panel (its Spend tab). */
  lastSpendSnapshot(): SpendSnapshot | undefined;
  /** Every message sent to the Quorum panel, oldest first (cleared by `clearPanelMessages`). */
  panelMessages(): readonly PanelHostMessage[];
  clearPanelMessages(): void;
  /** Handles `message` as if the Quorum panel's webview sent it. */
  panelMessage(message: unknown): Promise<void>;
  /** Exports usage to `path` without the save dialog. */
  exportUsageTo(path: string): Promise<void>;
  /** Whether @quorum was registered (false where the editor has no chat API, e.g. code-server). */
  chatRegistered(): boolean;
  /**
   * Answers the budget's "Send anyway?" question with `answer` instead of the modal dialog (`undefined`: the
   * modal again), so tests can accept or decline a request that would cross a cap.
   */
  answerBudgetPrompts(answer: ((reason: string) => boolean) | undefined): void;
  /** Every "Send anyway?" question answered through `answerBudgetPrompts`, oldest first. */
  budgetPrompts(): readonly string[];
  /** Registers @quorum, wired as in the extension, with a stand-in chat API (for hosts without chat). */
  registerChatParticipant(chatApi: Pick<typeof vscode.chat, 'createChatParticipant'>): vscode.Disposable | undefined;
}

const MAX_TAPPED_LINES = 2000;

/** Composition root: builds the adapters and wires them to commands; no logic lives here. */
export function activate(context: vscode.ExtensionContext): QuorumApi {
  const started = performance.now();
  const channel = vscode.window.createOutputChannel('Quorum', { log: true });
  const redactor = new SecretRedactor();
  const logLines: string[] = [];
  const logger = createChannelLogger(channel, redactor, (level, line) => {
    logLines.push(`[${level}] ${line}`);
    if (logLines.length > MAX_TAPPED_LINES) logLines.shift();
  });
  const settings = new SettingsWatcher(logger);
  const vscodeLm = createVscodeLmProvider();
  const vscodeLmOn = (): boolean => settings.current.value.providers.vscodeLm && hostLmApi() !== undefined;
  const catalog = new CatalogService(() => ({
    userEntries: settings.current.value.models,
    endpoints: settings.current.value.providers.openaiCompatible,
  }));
  const providers = new ProviderService(secretStoreFrom(context.secrets), redactor, () => ({
    descriptors: describeProviders(settings.current.value.providers),
    timeouts: settings.current.value.timeouts,
    checkTimeoutMs: settings.current.value.providerCheckTimeoutMs,
  }), logger, (id, models) => catalog.recordListing(id, models), () => (vscodeLmOn() ? [vscodeLm] : []));
  // VS Code's own language models (Copilot's…) as provider `vscodeLm`, behind quorum.providers.vscodeLm. Listing
  // them sends no request, so it needs no consent; requests go out only from commands and @quorum.
  const refreshVscodeLm = async (): Promise<void> => {
    catalog.setHostedModels(VSCODE_LM_PROVIDER_ID, vscodeLmOn() ? await discoverVscodeLmModels() : []);
  };
  void refreshVscodeLm();
  const breakers = new BreakerRegistry(systemClock);
  const health = new HealthMonitor({ clock: systemClock, breakers, logger });
  const runner = new FallbackRunner({
    getProvider: (id) => providers.provider(id),
    breakers,
    health,
    clock: systemClock,
    sleep: abortableSleep,
    random: Math.random,
    logger,
    contextWindowOf: (ref) => catalog.catalog().get(ref)?.contextWindow,
    onMisconfigured: (_ref, error) => void notifyMisconfigured(error),
  });
  const healthChecks = new HealthChecks({ health, providers, catalog: () => catalog.catalog(), settings: () => settings.current.value });
  void healthChecks.apply();
  const discovery = new CompatDiscovery(() => catalog.catalog(), (id) => providers.check(id));
  const eligibility = createEligibility({
    catalog: () => catalog.catalog(),
    settings: () => settings.current.value,
    availableProviders: () => providers.availableIds(),
    localProviders: () => new Set(providers.descriptors().filter((d) => d.local).map((d) => d.id)),
    isDemoted: (ref) => health.isDemoted(ref),
    discover: (available) => discovery.discover(available),
  });
  const spend = new SpendService({
    storageDir: context.globalStorageUri.fsPath,
    workspaceUri: (vscode.workspace.workspaceFile ?? vscode.workspace.workspaceFolders?.[0]?.uri)?.toString(),
    workspaceName: vscode.workspace.name ?? 'No folder open',
    settings: () => settings.current.value,
    catalog: () => catalog.catalog(),
    configuredProviders: () => providers.availableIds(),
    memento: context.workspaceState,
    logger,
  });
  let confirmBudget: ((reason: string) => boolean) | undefined;
  const budgetPrompts: string[] = [];
  const budget = createBudgetGate(spendBudgetPorts({
    spend,
    settings: () => settings.current.value,
    confirmOverride: () => (confirmBudget === undefined ? undefined : (reason) => (budgetPrompts.push(reason), confirmBudget?.(reason) === true)),
  }));
  // The one request path every way in goes through (ARCHITECTURE.md).
  const requests = createRequestService({
    engine: createAskEngine({ providers, catalog: () => catalog.catalog(), eligibility, runner, settings: () => settings.current.value }),
    fanOut: { engine: columnEngine(runner, () => settings.current.value), clock: systemClock, pricingOf: (ref) => catalog.catalog().get(ref)?.pricing, logger },
    catalog: () => catalog.catalog(),
    budget,
    record: (draft) => void spend.record(draft),
    onDecision: (decision, input) => ask.rememberRoute(decision, input.prompt),
  });
  const meter = new SpendStatusBar({
    spend,
    scope: () => settings.current.value.spendStatusBarScope,
    breakers: () => breakers.snapshot(),
    onBreakerChange: (listener) => breakers.onStateChange(listener),
  });
  let lastSpendSnapshot: SpendSnapshot | undefined;
  const panelMessages: PanelHostMessage[] = [];
  const editors = new LastEditorTracker();
  const previews = new PreviewDocuments();
  const quorumPanel = quorumPanelDeps({
    extensionUri: context.extensionUri,
    logger,
    workspaceState: context.workspaceState,
    settings: () => settings.current.value,
    catalog: () => catalog.catalog(),
    requests,
    eligibility,
    clock: systemClock,
    spend,
    editors,
    previews,
    estimateTokens,
    onPost: (message) => {
      if (message.type === 'spend/snapshot') lastSpendSnapshot = message.snapshot;
      if (message.type === 'panel/snapshot' && message.snapshot.spend !== undefined) lastSpendSnapshot = message.snapshot.spend;
      panelMessages.push(message);
      if (panelMessages.length > MAX_TAPPED_LINES) panelMessages.shift();
    },
  });
  const chatDeps: QuorumParticipantDeps = {
    requests,
    catalog: () => catalog.catalog(),
    availableProviders: () => providers.availableIds(),
    candidates: () => eligibility.models('compare'),
    logger,
  };
  const chatParticipant = registerQuorumParticipant(chatDeps);
  const lmApi = hostLmApi();
  const selectionText = (): string | undefined => {
    const editor = editors.editor();
    const text = editor?.document.getText(editor.selection);
    return text === undefined || text === '' ? undefined : text;
  };
  const ask = new AskController({
    extensionUri: context.extensionUri,
    workspaceState: context.workspaceState,
    logger,
    providers,
    requests,
    catalog: () => catalog.catalog(),
    contextTokenBudget: () => settings.current.value.ask.contextTokenBudget,
    editors,
    estimateTokens,
  });
  const answerViewSerializer: vscode.WebviewPanelSerializer<unknown> = {
    deserializeWebviewPanel: async (panel, state) =>
      void AnswerPanel.adopt(panel, ask.panelDeps, parseAnswerSnapshot((state as { answer?: unknown } | undefined)?.answer)),
  };
  const explainer = new RouteExplainer(() => ask.lastRoute(), () => catalog.catalog());

  let lastSnapshot: ProvidersSnapshot | undefined;
  const panelDeps: ProvidersPanelDeps = {
    extensionUri: context.extensionUri,
    providers,
    settingsIssues: () => settings.current.issues,
    logger,
    onSnapshot: (snapshot) => (lastSnapshot = snapshot),
  };

  context.subscriptions.push(
    channel,
    settings,
    settings.onDidChange(() => {
      void refreshVscodeLm();
      spend.settingsChanged();
      providers.invalidate();
      ProvidersPanel.refreshIfOpen();
      void healthChecks.apply();
    }),
    context.secrets.onDidChange((e) => {
      const id = providerIdOfSecret(e.key);
      if (id === undefined) return;
      providers.invalidate(id);
      // A new key lifts the suspension a rejected one caused (resume also closes its breakers).
      health.resume(id);
      spend.settingsChanged();
      ProvidersPanel.refreshIfOpen();
      void healthChecks.apply();
    }),
    healthChecks,
    vscode.commands.registerCommand('quorum.setApiKey', (args?: SetApiKeyArgs) => setApiKey(providers, args)),
    vscode.commands.registerCommand('quorum.removeApiKey', (args?: RemoveApiKeyArgs) => removeApiKey(providers, args)),
    vscode.commands.registerCommand('quorum.showProviders', () => void ProvidersPanel.show(panelDeps)),
    vscode.commands.registerCommand('quorum.refreshProviders', () =>
      ProvidersPanel.isOpen() ? ProvidersPanel.refreshIfOpen() : void ProvidersPanel.show(panelDeps)),
    vscode.commands.registerCommand('quorum.showLog', () => channel.show()),
    vscode.window.registerWebviewPanelSerializer(PROVIDERS_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel) => void ProvidersPanel.adopt(panel, panelDeps),
    }),
    { dispose: () => ProvidersPanel.closeIfOpen() },
    health,
    ask,
    explainer,
    vscode.commands.registerCommand('quorum.askBestModel', (args?: AskArgs) => ask.ask(args)),
    vscode.commands.registerCommand('quorum.askAgainWith', (args?: AskAgainArgs) => ask.askAgainWith(args)),
    vscode.commands.registerCommand('quorum.stopAnswer', () => ask.stop()),
    vscode.commands.registerCommand('quorum.explainLastRoute', () => explainer.explain()),
    vscode.window.registerWebviewPanelSerializer(ANSWER_VIEW_TYPE, answerViewSerializer),
    { dispose: () => AnswerPanel.closeIfOpen() },
    spend,
    meter,
    editors,
    previews,
    spend.onDidChange(() => QuorumPanel.refreshSpendIfOpen()),
    vscode.commands.registerCommand('quorum.openPanel', () => void QuorumPanel.show(quorumPanel, 'compare')),
    vscode.commands.registerCommand('quorum.compareModels', () => void QuorumPanel.show(quorumPanel, 'compare', selectionText())),
    vscode.commands.registerCommand('quorum.ensembleVote', () => void QuorumPanel.show(quorumPanel, 'vote', selectionText())),
    vscode.commands.registerCommand('quorum.showSpend', () => void QuorumPanel.show(quorumPanel, 'spend')),
    vscode.commands.registerCommand('quorum.resetWorkspaceSpend', () => resetWorkspaceSpend(spend, logger)),
    vscode.commands.registerCommand('quorum.exportUsage', () => exportUsage(spend, logger)),
    vscode.languages.registerCodeActionsProvider([{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }], new QuorumCodeActions(), {
      providedCodeActionKinds: QuorumCodeActions.providedCodeActionKinds,
    }),
    vscode.commands.registerCommand('quorum.runCodeAction', (args: CodeActionArgs & { confirm?: 'apply' | 'reject' }) => runCodeAction(args, {
      requests,
      explain: (prompt, request) => ask.askPrepared(prompt, request),
      compare: (prompt) => void QuorumPanel.show(quorumPanel, 'compare', prompt),
      previews,
      tierFor: (action) => (action === 'compareFixes' ? undefined : settings.current.value.codeActionTiers[action]),
      logger,
    })),
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel) => void QuorumPanel.adopt(panel, quorumPanel),
    }),
    { dispose: () => QuorumPanel.closeIfOpen() },
    ...(chatParticipant !== undefined ? [chatParticipant] : []),
    ...(lmApi?.onDidChangeChatModels !== undefined ? [lmApi.onDidChangeChatModels(() => void refreshVscodeLm())] : []),
  );

  const activationMs = performance.now() - started;
  logger.info(`Quorum activated in ${activationMs.toFixed(1)} ms.`);
  const testing: QuorumTestHooks = {
    logLines,
    lastProvidersSnapshot: () => lastSnapshot,
    lastAnswer: () => ask.lastAnswer(),
    lastRoute: () => ask.lastRoute()?.decision,
    answerView: () => AnswerPanel.open?.snapshot(),
    answerViewMessage: async (message) => AnswerPanel.open?.onMessage(message),
    answerViewSerializer,
    spendMeter: () => ({ text: meter.text, tooltip: meter.tooltip }),
    spendReady: async () => {
      await spend.ready();
      return spend.records().length;
    },
    lastSpendSnapshot: () => lastSpendSnapshot,
    panelMessages: () => panelMessages,
    clearPanelMessages: () => void panelMessages.splice(0),
    panelMessage: async (message) => QuorumPanel.open?.onMessage(message),
    exportUsageTo: async (path) => void await exportUsage(spend, logger, vscode.Uri.file(path)),
    chatRegistered: () => chatParticipant !== undefined,
    answerBudgetPrompts: (answer) => void (confirmBudget = answer),
    budgetPrompts: () => budgetPrompts,
    registerChatParticipant: (chatApi) => registerQuorumParticipant({ ...chatDeps, chatApi }),
  };
  return {
    apiVersion: 1,
    activationMs,
    testing: context.extensionMode === vscode.ExtensionMode.Production ? undefined : testing,
  };
}

/** A key was rejected mid-request: the runner already failed over; tell the user how to fix it. */
async function notifyMisconfigured(error: ProviderError): Promise<void> {
  // VS Code's models have no key: a refused permission is the user's consent choice, managed by VS Code.
  if (error.provider === VSCODE_LM_PROVIDER_ID) {
    void vscode.window.showWarningMessage(error.message);
    return;
  }
  const choice = await vscode.window.showWarningMessage(error.message, 'Set API Key', 'Show Providers');
  if (choice === 'Set API Key') await vscode.commands.executeCommand('quorum.setApiKey', { provider: error.provider });
  if (choice === 'Show Providers') await vscode.commands.executeCommand('quorum.showProviders');
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
