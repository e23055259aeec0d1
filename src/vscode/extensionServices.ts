import * as vscode from 'vscode';
import { createServices, type Services } from '../app/services';
import type { QuorumSettings } from '../core/config/settingsSchema';
import type { ProviderError } from '../core/errors';
import { createRoutingFeedback, type RoutingFeedback } from '../app/routingFeedback';
import { SecretRedactor } from '../core/keys/secretRedactor';
import { systemClock } from '../core/ports';
import { VSCODE_LM_PROVIDER_ID } from '../core/providers/vscodeLm/models';
import { LastEditorTracker } from './ask/editorContext';
import { commandIds } from './commands/commandIds';
import { ExactCacheAdapter } from './exactCacheAdapter';
import { HealthChecks } from './healthChecks';
import { VscodeKeyOriginConsent } from './keyOriginConsent';
import { createChannelLogger } from './logger';
import { nodeFileStore } from './nodeFileStore';
import { PreviewDocuments } from './panel/previewDocuments';
import { secretStoreFrom } from './secretStorage';
import { SettingsWatcher } from './settingsWatcher';
import { DataSentService } from './privacy/dataSentService';
import { SpendService } from './spend/spendService';
import { SpendStatusBar } from './spend/spendStatusBar';
import { createVscodeLmProvider, discoverVscodeLmModels, hostLmApi } from './vscodeLmProvider';
import { ApplyDiffs } from './editor/applyDiff';
import { CodeBlockActions } from './editor/codeBlockActions';

/**
 * The services record of one activation: the vscode-free services of src/app/services.ts plus the adapters
 * that need VS Code. Built once by `buildExtensionServices`; each feature group takes `Pick<…>` of it.
 */
export interface ExtensionServices extends Services {
  /** The "Quorum" log; every line is redacted on the way in (see `logger`). */
  readonly channel: vscode.LogOutputChannel;
  /** The validated `quorum.*` settings and their problems; `settings()` reads its current value. */
  readonly settingsWatcher: SettingsWatcher;
  /** The optional active health checks; `apply()` again after keys or settings change. */
  readonly healthChecks: HealthChecks;
  /** The spend ledger of this workspace, budgets and alerts. */
  readonly spend: SpendService;
  /** What left the machine: every request sent or blocked (Show Data Sent). */
  readonly dataSent: DataSentService;
  /** The workspace's routing feedback (Ask Again With, picks, winners, 👍/👎), beside its spend ledger. */
  readonly feedback: RoutingFeedback;
  /** The status-bar cost meter. */
  readonly meter: SpendStatusBar;
  /** The last editor the user worked in (Ask, code actions and the panel share it). */
  readonly editors: LastEditorTracker;
  /** Read-only documents that show proposed edits before they are applied. */
  readonly previews: PreviewDocuments;
  /** Apply as a diff with Accept / Discard: code actions, the panel's columns and the answers' code blocks. */
  readonly applyDiffs: ApplyDiffs;
  /** A rendered code block's Copy / Insert / Apply, for every view that renders answers. */
  readonly codeBlocks: CodeBlockActions;
  /** Lists VS Code's language models into the catalog as provider `vscodeLm` (none while it is off). */
  readonly refreshVscodeLm: () => Promise<void>;
  /** Asks before a stored key goes to a new origin (tests script its answers). */
  readonly keyOriginConsent: VscodeKeyOriginConsent;
  /** The exact response cache of this workspace (`quorum.cache.exact`) and its attached-file watcher. */
  readonly exactCache: ExactCacheAdapter;
}

/**
 * Builds the services record: the VS Code ports (secret storage, settings, the log channel) first, then the
 * vscode-free services over them, then the adapters that need both. Everything it builds that holds a
 * resource is pushed to `context.subscriptions` here, so the record's owner is the extension context.
 * `logTap` sees every log line after redaction (test hooks only).
 */
export function buildExtensionServices(context: vscode.ExtensionContext, logTap?: (level: string, line: string) => void): ExtensionServices {
  const channel = vscode.window.createOutputChannel('Quorum', { log: true });
  const redactor = new SecretRedactor();
  const logger = createChannelLogger(channel, redactor, logTap);
  const settingsWatcher = new SettingsWatcher(logger);
  const settings = (): QuorumSettings => settingsWatcher.current.value;
  const vscodeLm = createVscodeLmProvider();
  const keyOriginConsent = new VscodeKeyOriginConsent();
  const vscodeLmOn = (): boolean => settings().providers.vscodeLm && hostLmApi() !== undefined;
  const services = createServices({
    secrets: secretStoreFrom(context.secrets),
    redactor,
    logger,
    settings,
    hostedProviders: () => (vscodeLmOn() ? [vscodeLm] : []),
    onMisconfigured: (error) => void notifyMisconfigured(error),
    clock: systemClock,
    keyOriginConsent,
  });
  // VS Code's own language models (Copilot's…) as provider `vscodeLm`, behind quorum.providers.vscodeLm. Listing
  // them sends no request, so it needs no consent; requests go out only from commands and @quorum.
  const refreshVscodeLm = async (): Promise<void> => {
    services.catalogService.setHostedModels(VSCODE_LM_PROVIDER_ID, vscodeLmOn() ? await discoverVscodeLmModels() : []);
  };
  const healthChecks = new HealthChecks(services);
  const spend = new SpendService({
    storageDir: context.globalStorageUri.fsPath,
    workspaceUri: spendWorkspaceUri(),
    workspaceName: vscode.workspace.name ?? 'No folder open',
    settings,
    catalog: services.catalog,
    configuredProviders: () => services.providers.availableIds(),
    memento: context.workspaceState,
    logger,
  });
  const dataSent = new DataSentService({ storageDir: context.globalStorageUri.fsPath, workspaceUri: spendWorkspaceUri(), logger });
  const feedback = createRoutingFeedback({ dir: spend.dir, store: nodeFileStore, clock: systemClock, logger });
  const meter = new SpendStatusBar({
    spend,
    scope: () => settings().spendStatusBarScope,
    availability: services.runner.availability,
  });
  const editors = new LastEditorTracker();
  const previews = new PreviewDocuments();
  const applyDiffs = new ApplyDiffs();
  const codeBlocks = new CodeBlockActions({ editors, applyDiffs });
  const exactCache = new ExactCacheAdapter(context.workspaceState, settings, logger);
  context.subscriptions.push(channel, settingsWatcher, healthChecks, services.health, spend, meter, editors, previews, applyDiffs, exactCache);
  void refreshVscodeLm();
  void healthChecks.apply();
  return { ...services, channel, settingsWatcher, healthChecks, spend, dataSent, feedback, meter, editors, previews, applyDiffs, codeBlocks, refreshVscodeLm, keyOriginConsent, exactCache };
}

/** The workspace file or first folder: the key of the workspace's ledger and data-sent log. */
function spendWorkspaceUri(): string | undefined {
  return (vscode.workspace.workspaceFile ?? vscode.workspace.workspaceFolders?.[0]?.uri)?.toString();
}

/** A key was rejected mid-request: the runner already failed over; tell the user how to fix it. */
async function notifyMisconfigured(error: ProviderError): Promise<void> {
  // VS Code's models have no key: a refused permission is the user's consent choice, managed by VS Code.
  if (error.provider === VSCODE_LM_PROVIDER_ID) {
    void vscode.window.showWarningMessage(error.message);
    return;
  }
  const choice = await vscode.window.showWarningMessage(error.message, 'Set API Key', 'Show Providers');
  if (choice === 'Set API Key') await vscode.commands.executeCommand(commandIds.setApiKey, { provider: error.provider });
  if (choice === 'Show Providers') await vscode.commands.executeCommand(commandIds.showProviders);
}
