import * as path from 'node:path';
import { workspaceLedgerKey } from '../../core/cost/ledger';
import type { DataSentDraft, DataSentEntry } from '../../core/privacy/dataSent';
import { DataSentLog } from '../../core/privacy/dataSentLog';
import type { Logger } from '../../core/ports';
import { nodeFileStore } from '../nodeFileStore';

export interface DataSentServiceDeps {
  /** The extension's global storage folder (`context.globalStorageUri.fsPath`). */
  readonly storageDir: string;
  /** The workspace file or first folder URI; `undefined` in an empty window. */
  readonly workspaceUri?: string;
  readonly logger: Logger;
}

/**
 * The workspace's data-sent log (`Quorum: Show Data Sent`), next to the spend ledger under global storage:
 * opened in the background at activation; entries recorded before it opened wait for it, in order.
 */
export class DataSentService {
  private readonly opening: Promise<DataSentLog | undefined>;
  /** Appends run one after another, so the log's order is the order requests were sent. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: DataSentServiceDeps) {
    const dir = path.join(deps.storageDir, 'dataSent', workspaceLedgerKey(deps.workspaceUri ?? 'quorum:no-workspace'));
    this.opening = DataSentLog.open({ dir, store: nodeFileStore, logger: deps.logger }).catch((error: unknown) => {
      deps.logger.error(`Data sent log could not be opened; requests will not be logged: ${String(error)}`);
      return undefined;
    });
  }

  record(draft: DataSentDraft): void {
    this.queue = this.queue.then(async () => {
      await (await this.opening)?.append(draft);
    }).catch((error: unknown) => this.deps.logger.error(`Data sent log: could not record a request: ${String(error)}`));
  }

  /** Every stored entry, oldest first, once the records under way are written. */
  async entries(): Promise<DataSentEntry[]> {
    await this.queue;
    return (await (await this.opening)?.entries()) ?? [];
  }
}
