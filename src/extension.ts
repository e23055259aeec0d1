import * as vscode from 'vscode';
import { systemClock } from './core/ports';
import { createTestHooks, TestTaps, type QuorumTestHooks } from './testing/testHooks';
import { AskController } from './vscode/ask/askController';
import { reactToChanges } from './vscode/changeReactions';
import { answerViewSerializer, askControllerDeps, registerAskCommands } from './vscode/commands/askCommands';
import { registerBatchCommands } from './vscode/commands/batchCommands';
import { chatDeps, registerChat } from './vscode/commands/chatCommands';
import { codeActionDeps, registerCodeActionCommands } from './vscode/commands/codeActionCommands';
import { conversationView, focusConversationWithSelection, registerConversationCommands } from './vscode/commands/conversationCommands';
import { registerFeedbackCommands } from './vscode/commands/feedbackCommands';
import { registerKeyCommands } from './vscode/commands/keyCommands';
import { panelDeps, registerPanelCommands } from './vscode/commands/panelCommands';
import { evalsSession, registerEvalsCommands } from './vscode/commands/evalsCommands';
import { registerPrivacyCommands } from './vscode/commands/privacyCommands';
import { providersPanelDeps, registerProviderCommands } from './vscode/commands/providerCommands';
import { registerSpendCommands } from './vscode/commands/spendCommands';
import { startDemo } from './vscode/demoStart';
import { BatchJobsHost } from './vscode/evals/batchJobsHost';
import { evalRunDeps } from './vscode/evals/evalRunDeps';
import { buildExtensionServices } from './vscode/extensionServices';
import { requestParts } from './vscode/requestParts';

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

/**
 * Composition root: builds the services record once, each feature group's deps from it, and registers the
 * commands group by group. Every Disposable ends in context.subscriptions; no logic lives here.
 */
export function activate(context: vscode.ExtensionContext): QuorumApi {
  const started = performance.now();
  // Outside Production only: the taps record the log and what the views are sent, for the test hooks.
  const taps = context.extensionMode === vscode.ExtensionMode.Production ? undefined : new TestTaps();
  const services = buildExtensionServices(context, taps?.log);
  // The one request path; its routing decisions, whatever way in made them, feed "Explain Last Route".
  const request = requestParts(services, (decision, input) => ask.rememberRoute(decision, input.prompt));
  const ask = new AskController(askControllerDeps(services, request, context));
  const answerSerializer = answerViewSerializer(ask);
  const providersPanel = providersPanelDeps(services, context, taps?.providersSnapshot);
  const conversation = conversationView(services, request, context, taps?.conversation);
  // Eval batch jobs: resumes the persisted queue (and its polling) now, whatever opens the Evals tab later.
  const batchJobs = new BatchJobsHost(context, services, request.requests);
  const evalDeps = evalRunDeps(services, request, batchJobs);
  const evals = evalsSession(services, evalDeps, context, systemClock);
  const panel = { ...panelDeps(services, request, context, taps?.panelPost, (seed) => conversation.continueWith(seed)), evals };
  const chat = chatDeps(services, request);
  const chatDisposables = registerChat(chat);

  context.subscriptions.push(
    ...reactToChanges(services, context),
    ...registerKeyCommands(services),
    ...registerProviderCommands(services, providersPanel),
    ask,
    ...registerAskCommands(services, ask, answerSerializer, () => focusConversationWithSelection(conversation, services)),
    ...registerConversationCommands(conversation),
    ...registerPanelCommands(services, panel),
    ...registerEvalsCommands(services, evals, panel, async () => (await request.eligibility.models('compare')).map((m) => `${m.provider}/${m.id}`)),
    ...registerSpendCommands(services),
    ...registerPrivacyCommands(services),
    ...registerFeedbackCommands(services),
    ...registerCodeActionCommands(codeActionDeps(services, request, { ask, panel })),
    ...chatDisposables,
    batchJobs,
    ...registerBatchCommands(batchJobs),
  );

  const activationMs = performance.now() - started;
  services.logger.info(`Quorum activated in ${activationMs.toFixed(1)} ms.`);
  void startDemo(context, services.providers).catch((error: unknown) => services.logger.warn(`The demo did not start: ${String(error)}`));
  return {
    apiVersion: 1,
    activationMs,
    testing: taps && createTestHooks(taps, {
      services, ask, conversation, answerViewSerializer: answerSerializer, chat, chatRegistered: chatDisposables.length > 0, budgetPrompts: request.budgetPrompts,
      requests: request.requests, catalog: services.catalog, batchJobs, evalDeps,
    }),
  };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
