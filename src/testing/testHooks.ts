import type { BatchJob } from '../app/evals/batchJob';
import { runSuiteChoosingBatch, type EvalRunChoiceDeps } from '../app/evals/evalRunChoice';
import type { EvalRunOutcome } from '../app/evals/evalRunner';
import type { BatchDecision } from '../core/evals/batchPolicy';
import type { EvalSuite } from '../core/evals/suiteSchema';
import type { ModelRef } from '../core/types';
import type { BatchJobsHost } from '../vscode/evals/batchJobsHost';
import * as vscode from 'vscode';
import type { KeyOriginQuestion } from '../core/keys/keyOrigins';
import type { RouteDecision } from '../core/routing/routeDecision';
import type { AnswerSnapshot } from '../shared/answerProtocol';
import type { PanelHostMessage } from '../shared/panelProtocol';
import type { ProvidersSnapshot } from '../shared/providersProtocol';
import type { SpendSnapshot } from '../shared/spendProtocol';
import { AnswerPanel } from '../vscode/answerPanel';
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
  readonly services: Pick<ExtensionServices, 'spend' | 'meter' | 'logger' | 'keyOriginConsent'>;
  readonly ask: AskController;
  readonly answerViewSerializer: vscode.WebviewPanelSerializer<unknown>;
  readonly chat: QuorumParticipantDeps;
  readonly chatRegistered: boolean;
  readonly budgetPrompts: BudgetPromptTap;
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
  };
}
