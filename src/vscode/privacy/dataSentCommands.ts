import * as vscode from 'vscode';
import { dataSentMarkdown } from '../../app/views/dataSentView';
import { dataSentCsv, dataSentJson } from '../../core/privacy/dataSent';
import type { Logger } from '../../core/ports';
import type { PreviewDocuments } from '../panel/previewDocuments';
import type { DataSentService } from './dataSentService';
import { writeExport } from '../exportFile';

/** Quorum: Show Data Sent — the log as a markdown preview; returns its markdown (for tests). */
export async function showDataSent(dataSent: DataSentService, previews: PreviewDocuments): Promise<string> {
  const markdown = dataSentMarkdown(await dataSent.entries());
  const uri = previews.create('Data Sent.md', markdown);
  const document = await vscode.workspace.openTextDocument(uri);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', document.uri);
  } catch {
    // The built-in markdown extension can be disabled; the source is still readable.
    await vscode.window.showTextDocument(document, { preview: true });
  }
  return markdown;
}

/** Quorum: Export Data Sent… — every entry as CSV (spreadsheets) or JSON, by the chosen file's extension. */
export async function exportDataSent(dataSent: DataSentService, logger: Logger, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const uri = target ?? await vscode.window.showSaveDialog({
    title: 'Quorum: Export Data Sent',
    saveLabel: 'Export',
    filters: { 'CSV (spreadsheets)': ['csv'], JSON: ['json'] },
    defaultUri: vscode.Uri.file(`quorum-data-sent-${new Date().toISOString().slice(0, 10)}.csv`),
  });
  if (uri === undefined) return undefined;
  const entries = await dataSent.entries();
  const text = uri.path.toLowerCase().endsWith('.json') ? dataSentJson(entries, Date.now()) : dataSentCsv(entries);
  if (!(await writeExport(uri, text, logger))) return undefined;
  void vscode.window.showInformationMessage(`Quorum: exported ${entries.length} data-sent entries to ${uri.fsPath}.`);
  return uri;
}
