import * as vscode from 'vscode';
import { usageCsv, usageJson } from '../../core/cost/usageExport';
import type { Logger } from '../../core/ports';
import type { SpendService } from './spendService';
import { writeExport } from '../exportFile';

/**
 * Quorum: Reset Workspace Spend. Asks first, then moves the workspace's ledger into an archive folder:
 * the totals start again at zero, and nothing is deleted.
 */
export async function resetWorkspaceSpend(spend: SpendService, logger: Logger): Promise<boolean> {
  await spend.ready();
  const calls = spend.records().length;
  if (calls === 0) {
    void vscode.window.showInformationMessage('Quorum: this workspace has no recorded spend to reset.');
    return false;
  }
  const choice = await vscode.window.showWarningMessage(
    `Reset this workspace's spend? Its ${calls} recorded call${calls === 1 ? '' : 's'} move to an archive folder (nothing is deleted) and the totals start again at $0.`,
    { modal: true },
    'Reset',
  );
  if (choice !== 'Reset') return false;
  const archived = await spend.archive();
  logger.info(`Spend reset: ${calls} records archived to ${archived ?? '(nothing to archive)'}.`);
  void vscode.window.showInformationMessage(`Quorum: workspace spend reset. ${calls} records archived.`);
  return true;
}

/**
 * Quorum: Export Usage. A save dialog (CSV or JSON by the chosen extension), then every recorded call of
 * this workspace. `target` skips the dialog (tests, and other commands that already know the file).
 */
export async function exportUsage(spend: SpendService, logger: Logger, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  await spend.ready();
  const uri = target ?? await vscode.window.showSaveDialog({
    title: 'Quorum: Export Usage',
    saveLabel: 'Export',
    filters: { 'CSV (spreadsheets)': ['csv'], JSON: ['json'] },
    defaultUri: vscode.Uri.file(`quorum-usage-${new Date().toISOString().slice(0, 10)}.csv`),
  });
  if (uri === undefined) return undefined;
  const records = spend.records();
  const json = uri.path.toLowerCase().endsWith('.json');
  const text = json ? usageJson(records, spend.report().snapshot.workspace, Date.now()) : usageCsv(records);
  if (!(await writeExport(uri, text, logger))) return undefined;
  void vscode.window.showInformationMessage(`Quorum: exported ${records.length} calls to ${uri.fsPath}.`);
  return uri;
}
