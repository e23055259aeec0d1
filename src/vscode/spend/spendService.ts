import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ModelCatalog } from '../../core/catalog/modelCatalog';
import { alertsToSend } from '../../core/cost/budgetAlerts';
import { Ledger, workspaceLedgerKey, type LedgerDraft } from '../../core/cost/ledger';
import { localTimeFrom } from '../../core/cost/ledgerQueries';
import type { LedgerRecord } from '../../core/cost/ledgerRecord';
import { localUtcOffsetMin, periodKeys } from '../../core/cost/period';
import { defaultBaselineModel } from '../../core/cost/savings';
import { spendReport, type SpendReport } from '../../app/views/spendReport';
import { parseModelRefText } from '../../core/ask/modelRefText';
import type { QuorumSettings } from '../../core/config/settingsSchema';
import { systemClock, type Clock, type Logger } from '../../core/ports';
import { nodeFileStore } from '../nodeFileStore';
import { commandIds } from '../commands/commandIds';

export interface SpendServiceDeps {
  /** The extension's global storage folder (`context.globalStorageUri.fsPath`). */
  readonly storageDir: string;
  /** The workspace file or first folder URI; `undefined` in an empty window. */
  readonly workspaceUri?: string;
  readonly workspaceName: string;
  readonly settings: () => QuorumSettings;
  readonly catalog: () => ModelCatalog;
  /** Provider ids that have a key (or need none): the baseline is the most capable of their models. */
  readonly configuredProviders: () => Promise<Iterable<string>>;
  /** Workspace memento: which budget alerts were already shown this period. */
  readonly memento: vscode.Memento;
  readonly logger: Logger;
  readonly clock?: Clock;
}

const SENT_ALERTS_KEY = 'quorum.budget.sentAlerts';
/** Other windows' appends are picked up on focus and at this interval, in ms. */
const REFRESH_INTERVAL_MS = 30_000;

/**
 * The workspace's spend: owns its ledger, records every call, computes the report every spend surface
 * shows, and raises budget alerts once per period. The ledger opens in the background at activation;
 * until it has loaded, the report is empty and records wait for it.
 */
export class SpendService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after a record, a refresh that found other windows' records, an archive, or a setting change. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private readonly opening: Promise<Ledger | undefined>;
  private ledger: Ledger | undefined;
  private baselineProviders: ReadonlySet<string> = new Set();
  private readonly clock: Clock;
  /** This workspace's folder under global storage (the ledger's month files, and its routing feedback). */
  readonly dir: string;

  constructor(private readonly deps: SpendServiceDeps) {
    this.clock = deps.clock ?? systemClock;
    const key = workspaceLedgerKey(deps.workspaceUri ?? 'quorum:no-workspace');
    this.dir = path.join(deps.storageDir, 'ledger', key);
    this.opening = Ledger.open({
      dir: this.dir, workspace: key, store: nodeFileStore, clock: this.clock, logger: deps.logger,
    }).then((ledger) => {
      this.ledger = ledger;
      this.disposables.push(ledger.onDidChange(() => this.changed.fire()));
      this.changed.fire();
      return ledger;
    }, (error: unknown) => {
      deps.logger.error(`Spend ledger could not be opened; spend will not be recorded: ${String(error)}`);
      return undefined;
    });
    const timer = setInterval(() => void this.refresh(), REFRESH_INTERVAL_MS);
    this.disposables.push(
      { dispose: () => clearInterval(timer) },
      vscode.window.onDidChangeWindowState((state) => { if (state.focused) void this.refresh(); }),
    );
    void this.updateBaselineProviders();
  }

  /** Resolves once the ledger has loaded (or failed to). */
  async ready(): Promise<Ledger | undefined> {
    return this.opening;
  }

  records(): readonly LedgerRecord[] {
    return this.ledger?.records() ?? [];
  }

  /** Totals, budget, savings and per-model figures, from what is in memory now. */
  report(): SpendReport {
    const settings = this.deps.settings();
    return spendReport({
      records: this.records(),
      at: localTimeFrom(this.clock),
      workspace: this.deps.workspaceName,
      caps: settings.budget,
      baseline: this.baseline(settings),
      invalidLines: this.ledger?.stats().invalidLines ?? 0,
    });
  }

  /** Appends one call; then shows any budget alert it set off. Never throws: spend must not break asking. */
  async record(draft: LedgerDraft): Promise<void> {
    const ledger = await this.opening;
    if (ledger === undefined) return;
    try {
      await ledger.append(draft);
    } catch (error) {
      this.deps.logger.error(`Spend: could not record a ${draft.feature} call on ${draft.provider}/${draft.model}: ${String(error)}`);
      return;
    }
    await this.alert();
  }

  /** Picks up what other windows appended (and archives they made). */
  async refresh(): Promise<void> {
    await (await this.opening)?.refresh().catch((error: unknown) => this.deps.logger.warn(`Spend: refresh failed: ${String(error)}`));
  }

  /** Moves this workspace's records into an archive folder; returns it, or `undefined` when there was nothing. */
  async archive(): Promise<string | undefined> {
    const ledger = await this.opening;
    return ledger?.archive();
  }

  /** Settings or keys changed: budgets, scope and baseline may differ. */
  settingsChanged(): void {
    void this.updateBaselineProviders();
    this.changed.fire();
  }

  private async updateBaselineProviders(): Promise<void> {
    try {
      this.baselineProviders = new Set(await this.deps.configuredProviders());
      this.changed.fire();
    } catch (error) {
      this.deps.logger.warn(`Spend: could not list configured providers: ${String(error)}`);
    }
  }

  private baseline(settings: QuorumSettings): ReturnType<ModelCatalog['get']> {
    const catalog = this.deps.catalog();
    const chosen = settings.savingsBaselineModel === undefined ? undefined : parseModelRefText(settings.savingsBaselineModel);
    if (chosen !== undefined) return catalog.get(chosen);
    return defaultBaselineModel(catalog.enabled(), this.baselineProviders);
  }

  private async alert(): Promise<void> {
    const { budget } = this.report();
    if (budget.caps.length === 0) return;
    const now = this.clock.now();
    const plan = alertsToSend(budget, periodKeys(now, localUtcOffsetMin(now)), this.deps.memento.get<string[]>(SENT_ALERTS_KEY, []));
    await this.deps.memento.update(SENT_ALERTS_KEY, plan.sent);
    for (const alert of plan.alerts) {
      const show = alert.severity === 'error' ? vscode.window.showErrorMessage : alert.severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
      void show(alert.message, 'Show Spend').then((choice) => {
        if (choice === 'Show Spend') void vscode.commands.executeCommand(commandIds.showSpend);
      });
    }
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
