import * as vscode from 'vscode';
import type { Logger } from '../core/ports';

/**
 * Writes an export (usage, data sent) to `uri`; on failure logs why and tells the user to pick another place.
 * @returns whether the file was written
 */
export async function writeExport(uri: vscode.Uri, text: string, logger: Logger): Promise<boolean> {
  try {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    return true;
  } catch (error) {
    logger.error(`Export failed: ${String(error)}`);
    void vscode.window.showErrorMessage(`Quorum: could not write ${uri.fsPath}. Choose another location and try again.`);
    return false;
  }
}
