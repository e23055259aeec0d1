import * as vscode from 'vscode';
import type { BatchJobsHost } from '../evals/batchJobsHost';
import { commandIds } from './commandIds';

/** Show Batch Jobs: the queue of eval batch jobs, to see and cancel them. */
export function registerBatchCommands(host: BatchJobsHost): vscode.Disposable[] {
  return [vscode.commands.registerCommand(commandIds.showBatchJobs, () => host.showJobs())];
}
