import * as vscode from 'vscode';
import { imageChip, textChip, type ChipRules } from '../../app/conversation/contextChips';
import type { ContextChip } from '../../core/conversation/conversation';
import type { LastEditorTracker } from '../ask/editorContext';
import { pickImages, readImages } from '../ask/imageInput';

/** Files the `#file` picker lists at most; a filter narrows them as the user types. */
const MAX_LISTED_FILES = 5_000;

/** The selection of the last editor the user worked in, as a chip (`undefined` without one). */
export function selectionChip(editors: LastEditorTracker, rules: ChipRules): ContextChip | undefined {
  const editor = editors.editor();
  if (editor === undefined || editor.selection.isEmpty) return undefined;
  const text = editor.document.getText(editor.selection);
  if (text.trim() === '') return undefined;
  const { path, name } = where(editor.document);
  const { start, end } = editor.selection;
  const lines = start.line === end.line ? `${start.line + 1}` : `${start.line + 1}–${end.line + 1}`;
  return textChip({ kind: 'selection', label: `${name}:${lines}`, text, languageId: editor.document.languageId, ...(path !== undefined ? { path } : {}) }, rules);
}

/** The whole file of the last editor the user worked in, as a chip. */
export function activeFileChip(editors: LastEditorTracker, rules: ChipRules): ContextChip | undefined {
  const editor = editors.editor();
  if (editor === undefined || editor.document.getText().trim() === '') return undefined;
  const { path, name } = where(editor.document);
  return textChip({ kind: 'file', label: name, text: editor.document.getText(), languageId: editor.document.languageId, ...(path !== undefined ? { path } : {}) }, rules);
}

/** `#file`: a workspace file the user picks, as a chip. */
export async function pickFileChip(rules: ChipRules): Promise<ContextChip | undefined> {
  const files = await vscode.workspace.findFiles('**/*', '**/{node_modules,.git}/**', MAX_LISTED_FILES);
  const items = files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri, false), uri }));
  items.sort((a, b) => a.label.localeCompare(b.label));
  const picked = await vscode.window.showQuickPick(items, { title: 'Quorum: Attach a File (#file)', placeHolder: 'Type to filter the workspace files' });
  if (picked === undefined) return undefined;
  try {
    const document = await vscode.workspace.openTextDocument(picked.uri);
    return textChip({ kind: 'reference', label: picked.label, path: picked.label, text: document.getText(), languageId: document.languageId }, rules);
  } catch (error) {
    void vscode.window.showErrorMessage(`Quorum could not attach ${picked.label}: ${error instanceof Error ? error.message : String(error)}. Pick a text file.`);
    return undefined;
  }
}

/** Images the user picks in the open dialog, as chips (none when one cannot be sent; `readImages` says why). */
export async function pickImageChips(rules: ChipRules): Promise<ContextChip[]> {
  const images = await readImages(await pickImages());
  return (images ?? []).map((image) => imageChip(image.name, image.path, image.part, rules));
}

function where(document: vscode.TextDocument): { readonly path?: string; readonly name: string } {
  if (document.uri.scheme === 'untitled') return { name: document.fileName };
  const path = vscode.workspace.asRelativePath(document.uri, false);
  return { path, name: path };
}
