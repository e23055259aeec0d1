import * as vscode from 'vscode';
import type { BatchJob } from '../../app/evals/batchJob';
import { startBatchPolling } from '../../app/evals/batchPoller';
import { BatchQueue, type BatchQueueStore } from '../../app/evals/batchQueue';
import type { RequestService } from '../../app/requestService';
import { batchJobRows, batchStatusView } from '../../app/views/batchQueueView';
import { systemClock } from '../../core/ports';
import { commandIds } from '../commands/commandIds';
import type { ExtensionServices } from '../extensionServices';

/** Where the queue lives: this workspace's state, so a reload (or a restart) resumes its jobs. */
const STORE_KEY = 'quorum.batchJobs';

/**
 * The batch queue in the window: loaded from workspace state on activation (unfinished jobs resume polling at once),
 * polled on a timer, shown in a status bar item (hidden while there are no jobs) that opens "Show Batch Jobs".
 */
export class BatchJobsHost implements vscode.Disposable {
  /** The queue, once loaded; the eval runner adds its jobs here (`runCasesInBatch`). */
  readonly queue: Promise<BatchQueue>;
  private readonly item = vscode.window.createStatusBarItem('quorum.batchJobs', vscode.StatusBarAlignment.Right, 99);
  private stop: (() => void) | undefined;
  private disposed = false;
  private shown = false;

  constructor(context: Pick<vscode.ExtensionContext, 'workspaceState'>, services: Pick<ExtensionServices, 'providers' | 'logger'>, requests: Pick<RequestService, 'batch'>) {
    const memento = context.workspaceState;
    const store: BatchQueueStore = {
      load: () => Promise.resolve(memento.get<unknown>(STORE_KEY, [])),
      save: async (jobs) => memento.update(STORE_KEY, jobs),
    };
    this.item.name = 'Quorum Batch Jobs';
    this.item.command = commandIds.showBatchJobs;
    this.queue = BatchQueue.open({ store, clock: systemClock, clientFor: (id) => services.providers.batchClient(id), record: (input) => requests.batch.record(input) });
    void this.queue.then((queue) => {
      if (this.disposed) return;
      const show = () => this.render(queue.jobs());
      queue.onChange(show);
      show();
      const setTimer = (ms: number, fn: () => void) => {
        const timer = setTimeout(fn, ms);
        return () => clearTimeout(timer);
      };
      this.stop = startBatchPolling(queue, systemClock, setTimer, (error) => services.logger.error(`Batch polling failed: ${String(error)}`));
    }, (error: unknown) => services.logger.error(`Could not load the batch queue: ${String(error)}`));
  }

  /** "Show Batch Jobs": every job with its state; an active one can be cancelled, a finished one removed. */
  async showJobs(): Promise<void> {
    const queue = await this.queue;
    const rows = batchJobRows(queue.jobs());
    if (rows.length === 0) {
      void vscode.window.showInformationMessage('No batch jobs. Large eval runs go through the providers\' batch APIs when quorum.evals.batch is "auto".');
      return;
    }
    const picked = await vscode.window.showQuickPick(rows.map((row) => ({ ...row, row })), { title: 'Quorum Batch Jobs', placeHolder: 'Pick a job to cancel it (running) or remove it from the list (finished)', matchOnDescription: true });
    if (picked === undefined) return;
    const actions = picked.row.active ? ['Check Now', 'Cancel Job'] : ['Remove from List'];
    const choice = await vscode.window.showInformationMessage(`${picked.row.label}: ${picked.row.description}.`, ...actions);
    if (choice === 'Check Now') await queue.tick(true);
    else if (choice === 'Cancel Job') await queue.cancel(picked.row.id);
    else if (choice === 'Remove from List') await queue.forget(picked.row.id);
  }

  dispose(): void {
    this.disposed = true;
    this.stop?.();
    this.item.dispose();
  }

  /** The status bar item's text and tooltip, `undefined` while hidden (for tests). */
  status(): { readonly text: string; readonly tooltip: string } | undefined {
    return this.shown ? { text: this.item.text, tooltip: String(this.item.tooltip ?? '') } : undefined;
  }

  private render(jobs: readonly BatchJob[]): void {
    const view = batchStatusView(jobs);
    this.shown = view !== undefined;
    if (view === undefined) {
      this.item.hide();
      return;
    }
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.show();
  }
}
