import type { BatchJob } from '../app/evals/batchJob';
import { runSuiteChoosingBatch, type EvalRunChoiceDeps } from '../app/evals/evalRunChoice';
import type { EvalRunOutcome } from '../app/evals/evalRunner';
import type { BatchDecision } from '../core/evals/batchPolicy';
import type { EvalSuite } from '../core/evals/suiteSchema';
import type { BatchJobsHost } from '../vscode/evals/batchJobsHost';
import * as vscode from 'vscode';
import type { AskInput } from '../app/askFlow';
import type { RequestService } from '../app/requestService';
import type { ModelCatalog } from '../core/catalog/modelCatalog';
import type { ConversationRef } from '../core/conversation/conversationRef';
import { answerCostUsd } from '../core/cost/answerRecord';
import type { KeyOriginQuestion } from '../core/keys/keyOrigins';
import type { ChatMessage, ModelRef, Usage } from '../core/types';
import type { RouteDecision } from '../core/routing/routeDecision';
import type { AnswerSnapshot } from '../shared/answerProtocol';
import type { ConversationHostMessage, ConversationSnapshot } from '../shared/conversationProtocol';
import type { ConversationViewProvider } from '../vscode/conversation/conversationViewProvider';
import type { PanelHostMessage } from '../shared/panelProtocol';
import type { ProvidersSnapshot } from '../shared/providersProtocol';
import type { SpendSnapshot } from '../shared/spendProtocol';
import { AnswerPanel } from '../vscode/answerPanel';
import type { LedgerRecord } from '../core/cost/ledgerRecord';
import type { AnswerSummary, AskController } from '../vscode/ask/askController';
import { registerQuorumParticipant, type QuorumParticipantDeps } from '../vscode/chat/quorumParticipant';
import type { ExtensionServices } from '../vscode/extensionServices';
import { QuorumPanel } from '../vscode/panel/quorumPanel';
import type { BudgetPromptTap } from '../vscode/requestParts';
import { exportUsage } from '../vscode/spend/spendCommands';

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
  /** What the Quorum view shows (or will show once visible): the open conversation, chips, list, picker. */
  conversationView(): ConversationSnapshot;
  /** Handles `message` as if the Quorum view's webview sent it; resolves when it is done (a send: when the answer settled). */
  conversationMessage(message: unknown): Promise<void>;
  /** Every message given to the Quorum view, oldest first (cleared by `clearConversationMessages`). */
  conversationMessages(): readonly ConversationHostMessage[];
  clearConversationMessages(): void;
  /** The ConversationRef of every question the Quorum view asked, oldest first. */
  conversationRefs(): readonly (ConversationRef | undefined)[];
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
  /** Registers @quorum, wired as in the extension, with a stand-in chat API (for hosts without chat). */
  registerChatParticipant(chatApi: Pick<typeof vscode.chat, 'createChatParticipant'>): vscode.Disposable | undefined;
  /**
   * Answers the budget's "Send anyway?" question with `answer` instead of the modal dialog (`undefined`: the
   * modal again), so tests can accept or decline a request that would cross a cap.
   */
  answerBudgetPrompts(answer: ((reason: string) => boolean) | undefined): void;
  /** Every "Send anyway?" question answered through `answerBudgetPrompts`, oldest first. */
  budgetPrompts(): readonly string[];
  /** Answers "Send your key to <origin>?" with `answer` instead of the modal (`undefined`: the modal again). */
  answerKeyOriginPrompts(answer: ((question: KeyOriginQuestion) => boolean) | undefined): void;
  /** Every key-origin question answered through `answerKeyOriginPrompts`, oldest first. */
  keyOriginPrompts(): readonly KeyOriginQuestion[];
  /** Runs a suite as the Evals tab will: in batch when `quorum.evals.batch` and the batch policy say so, else live. */
  runEvalSuite(suite: EvalSuite, models: readonly ModelRef[]): Promise<EvalRunOutcome & { readonly decision: BatchDecision }>;
  /** Reads every unfinished batch job's status now ("Check Now"), then returns the queue's jobs. */
  checkBatchJobs(): Promise<readonly BatchJob[]>;
  /** The batch status bar item's text and tooltip; `undefined` while it is hidden. */
  batchStatus(): { readonly text: string; readonly tooltip: string } | undefined;
  /** The workspace's spend records, oldest first (after the ledger is ready). */
  spendRecords(): Promise<readonly LedgerRecord[]>;
  /** Answers in the exact response cache now. */
  exactCacheSize(): Promise<number>;
  /**
   * Sends `messages` through the one request path as an Ask (routed, or `pinned`), with `conversation` set as a
   * conversation view would set it; resolves with the finished answer, priced as its ledger record is.
   */
  askThroughPath(input: PathAskInput): Promise<PathAnswer>;
}

/** What `askThroughPath` sends. */
export interface PathAskInput {
  readonly messages: readonly ChatMessage[];
  readonly conversation?: ConversationRef;
  readonly pinned?: ModelRef;
}

/** What `askThroughPath` resolves with. */
export interface PathAnswer {
  readonly phase: string;
  readonly model?: ModelRef;
  readonly usage?: Usage;
  readonly costUsd?: number;
  readonly reasons: readonly string[];
  readonly error?: string;
}

/** Most log lines and panel messages kept: enough for any one test, bounded for a long session. */
const MAX_TAPPED = 2000;

/**
 * What the hooks record as it happens: the log, and what the Providers view and the Quorum panel were sent.
 * The composition root builds taps only outside Production, so an installed Quorum records none of it.
 */
export class TestTaps {
  readonly logLines: string[] = [];
  readonly panelMessages: PanelHostMessage[] = [];
  readonly conversationMessages: ConversationHostMessage[] = [];
  lastProvidersSnapshot: ProvidersSnapshot | undefined;
  lastSpendSnapshot: SpendSnapshot | undefined;

  /** For the channel logger: sees every line after redaction. */
  readonly log = (level: string, line: string): void => {
    this.logLines.push(`[${level}] ${line}`);
    if (this.logLines.length > MAX_TAPPED) this.logLines.shift();
  };

  /** For the Providers view: sees every snapshot it sends. */
  readonly providersSnapshot = (snapshot: ProvidersSnapshot): void => {
    this.lastProvidersSnapshot = snapshot;
  };

  readonly conversationRefs: (ConversationRef | undefined)[] = [];

  /** For the Quorum view: every message it is given, and the conversation each of its turns continued. */
  readonly conversation = {
    post: (message: ConversationHostMessage): void => {
      this.conversationMessages.push(message);
      if (this.conversationMessages.length > MAX_TAPPED) this.conversationMessages.shift();
    },
    asked: (input: AskInput): void => {
      this.conversationRefs.push(input.request.conversation);
      if (this.conversationRefs.length > MAX_TAPPED) this.conversationRefs.shift();
    },
  };

  /** For the Quorum panel: sees every message it sends. */
  readonly panelPost = (message: PanelHostMessage): void => {
    if (message.type === 'spend/snapshot') this.lastSpendSnapshot = message.snapshot;
    if (message.type === 'panel/snapshot' && message.snapshot.spend !== undefined) this.lastSpendSnapshot = message.snapshot.spend;
    this.panelMessages.push(message);
    if (this.panelMessages.length > MAX_TAPPED) this.panelMessages.shift();
  };
}

/** The features the hooks drive, as the composition root built them. */
export interface TestHookParts {
  readonly services: Pick<ExtensionServices, 'spend' | 'meter' | 'logger' | 'keyOriginConsent' | 'exactCache'>;
  readonly ask: AskController;
  readonly conversation: ConversationViewProvider;
  readonly answerViewSerializer: vscode.WebviewPanelSerializer<unknown>;
  readonly chat: QuorumParticipantDeps;
  readonly chatRegistered: boolean;
  readonly budgetPrompts: BudgetPromptTap;
  readonly requests: RequestService;
  readonly catalog: () => ModelCatalog;
  readonly batchJobs: BatchJobsHost;
  readonly evalDeps: EvalRunChoiceDeps;
}

/** The hooks the extension exports outside Production, over `taps` and the built features. */
export function createTestHooks(taps: TestTaps, parts: TestHookParts): QuorumTestHooks {
  const { spend, meter, logger } = parts.services;
  return {
    logLines: taps.logLines,
    lastProvidersSnapshot: () => taps.lastProvidersSnapshot,
    lastAnswer: () => parts.ask.lastAnswer(),
    lastRoute: () => parts.ask.lastRoute()?.decision,
    answerView: () => AnswerPanel.open?.snapshot(),
    answerViewMessage: async (message) => AnswerPanel.open?.onMessage(message),
    answerViewSerializer: parts.answerViewSerializer,
    conversationView: () => parts.conversation.snapshot(),
    conversationMessage: async (message) => parts.conversation.receive(message),
    conversationMessages: () => taps.conversationMessages,
    clearConversationMessages: () => void taps.conversationMessages.splice(0),
    conversationRefs: () => taps.conversationRefs,
    spendMeter: () => ({ text: meter.text, tooltip: meter.tooltip }),
    spendReady: async () => {
      await spend.ready();
      return spend.records().length;
    },
    lastSpendSnapshot: () => taps.lastSpendSnapshot,
    panelMessages: () => taps.panelMessages,
    clearPanelMessages: () => void taps.panelMessages.splice(0),
    panelMessage: async (message) => QuorumPanel.open?.onMessage(message),
    exportUsageTo: async (path) => void await exportUsage(spend, logger, vscode.Uri.file(path)),
    chatRegistered: () => parts.chatRegistered,
    registerChatParticipant: (chatApi) => registerQuorumParticipant({ ...parts.chat, chatApi }),
    answerBudgetPrompts: (answer) => parts.budgetPrompts.answerWith(answer),
    budgetPrompts: () => parts.budgetPrompts.asked,
    answerKeyOriginPrompts: (answer) => parts.services.keyOriginConsent.answerWith(answer),
    keyOriginPrompts: () => parts.services.keyOriginConsent.asked,
    runEvalSuite: (suite, models) => runSuiteChoosingBatch(suite, models, parts.evalDeps),
    checkBatchJobs: async () => {
      const queue = await parts.batchJobs.queue;
      await queue.tick(true);
      return queue.jobs();
    },
    batchStatus: () => parts.batchJobs.status(),
    spendRecords: async () => {
      await spend.ready();
      return spend.records();
    },
    exactCacheSize: () => parts.services.exactCache.cache.size(),
    askThroughPath: (input) => askThroughPath(parts, input),
  };
}

async function askThroughPath(parts: Pick<TestHookParts, 'requests' | 'catalog'>, input: PathAskInput): Promise<PathAnswer> {
  const prompt = input.messages.at(-1)?.content;
  const run = parts.requests.ask({
    prompt: typeof prompt === 'string' ? prompt : '',
    request: { messages: input.messages, feature: 'ask', ...(input.conversation === undefined ? {} : { conversation: input.conversation }) },
    ...(input.pinned === undefined ? {} : { pinned: input.pinned }),
  }, new AbortController().signal);
  let step = await run.next();
  while (step.done !== true) step = await run.next();
  const state = step.value;
  const model = state.answeredBy ?? state.decision?.chosen;
  const costUsd = answerCostUsd(state, (ref) => parts.catalog().get(ref)?.pricing);
  return {
    phase: state.phase,
    ...(model === undefined ? {} : { model }),
    ...(state.usage === undefined ? {} : { usage: state.usage }),
    ...(costUsd === undefined ? {} : { costUsd }),
    reasons: state.decision?.reasons ?? [],
    ...(state.error === undefined ? {} : { error: state.error }),
  };
}
