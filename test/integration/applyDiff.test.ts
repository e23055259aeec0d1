// Apply as a diff in the real extension host: Fix (and a code block's Apply) open a diff of the document and
// the proposal with Accept / Discard; Accept edits the document without saving it, Discard changes nothing,
// either closes the diff; a document changed after the diff opened is not applied; an answer without a code
// block is shown as an explanation.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CodeActionOutcome } from '../../src/vscode/editor/codeActionRunner';
import type { CodeActionArgs } from '../../src/vscode/editor/quorumCodeActions';
import { queueScenario, quorumApi, useFakeProviders, waitFor } from './helpers';

const SOURCE = ['function total(items) {', '  let sum = 0', '  for (const i of items) sum += i.price', '  return sum', '}', ''].join('\n');
const FIXED = '```javascript\nlet sum = 0;\nfor (const i of items) sum += i.price;\n```';
const FIX_RANGE = new vscode.Range(1, 2, 2, 39);

function proposalTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'quorum-proposal');
}

/** A real file on disk (so "saved" can be checked), open in an editor with `range` selected. */
async function fileEditor(name: string, range = FIX_RANGE): Promise<{ editor: vscode.TextEditor; file: string }> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-apply-')), name);
  fs.writeFileSync(file, SOURCE);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  const editor = await vscode.window.showTextDocument(document);
  editor.selection = new vscode.Selection(range.start, range.end);
  return { editor, file };
}

function fix(editor: vscode.TextEditor, range = FIX_RANGE): Thenable<CodeActionOutcome> {
  const args: CodeActionArgs = {
    action: 'fix', uri: editor.document.uri.toString(), diagnostics: [],
    range: { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } },
  };
  return vscode.commands.executeCommand<CodeActionOutcome>('quorum.runCodeAction', args);
}

describe('Apply as a diff with Accept / Discard', function () {
  this.timeout(60_000);
  // files.autoSave off, as on the desktop: code-server's default ("afterDelay") saves every edit after a second.
  useFakeProviders({ openai: 'sk-test-apply-openai-0001' }, { 'quorum.privacy.allowedProviders': ['openai'], 'quorum.fallback.maxRetriesPerModel': 0, 'files.autoSave': 'off' });
  afterEach(async () => {
    // Dirty documents are reverted first: closing them would ask whether to save.
    for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Fix opens a diff; Accept edits the document, never saves it, and closes the diff', async () => {
    const { editor, file } = await fileEditor('accept.js');
    await queueScenario({ vendor: 'openai', answer: FIXED, times: 3 });
    const outcome = fix(editor);
    const tab = await waitFor(() => proposalTabs()[0], 'the Apply diff');
    assert.match(tab.label, /accept\.js ↔ Quorum: Fix by openai\//);
    assert.equal(editor.document.getText(), SOURCE, 'nothing applied before Accept');
    await vscode.commands.executeCommand('quorum.acceptProposal');
    assert.equal(await outcome, 'applied');
    assert.match(editor.document.getText(), /\n {2}let sum = 0;\n {2}for \(const i of items\) sum \+= i\.price;\n {2}return sum/);
    assert.equal(editor.document.isDirty, true, 'the edit is unsaved');
    assert.equal(fs.readFileSync(file, 'utf8'), SOURCE, 'the file on disk is untouched');
    assert.deepEqual(proposalTabs(), [], 'the diff is closed after Accept');
  });

  it('Discard changes nothing and closes the diff', async () => {
    const { editor } = await fileEditor('discard.js');
    await queueScenario({ vendor: 'openai', answer: FIXED, times: 3 });
    const outcome = fix(editor);
    await waitFor(() => proposalTabs()[0], 'the Apply diff');
    await vscode.commands.executeCommand('quorum.discardProposal');
    assert.equal(await outcome, 'rejected');
    assert.equal(editor.document.getText(), SOURCE);
    assert.equal(editor.document.isDirty, false);
    assert.deepEqual(proposalTabs(), [], 'the diff is closed after Discard');
  });

  it('refuses to apply when the document changed after the diff opened', async () => {
    const { editor } = await fileEditor('stale.js');
    await queueScenario({ vendor: 'openai', answer: FIXED, times: 3 });
    const outcome = fix(editor);
    await waitFor(() => proposalTabs()[0], 'the Apply diff');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(editor.document.uri, new vscode.Position(0, 0), '// edited meanwhile\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await vscode.commands.executeCommand('quorum.acceptProposal');
    assert.equal(await outcome, 'stale');
    assert.equal(editor.document.getText(), `// edited meanwhile\n${SOURCE}`, 'only the user\'s own edit');
    assert.deepEqual(proposalTabs(), []);
  });

  it('closing the diff tab is a discard', async () => {
    const { editor } = await fileEditor('closed.js');
    await queueScenario({ vendor: 'openai', answer: FIXED, times: 3 });
    const outcome = fix(editor);
    const tab = await waitFor(() => proposalTabs()[0], 'the Apply diff');
    await vscode.window.tabGroups.close(tab);
    assert.equal(await outcome, 'rejected');
    assert.equal(editor.document.getText(), SOURCE);
  });

  it('shows an answer without a code block as an explanation and leaves the document alone', async () => {
    const { editor } = await fileEditor('prose.js');
    const prose = 'The loop is fine. The missing semicolons are allowed by ASI, so nothing needs to change here.';
    await queueScenario({ vendor: 'openai', answer: prose, times: 3 });
    assert.equal(await fix(editor), 'explained');
    assert.equal(editor.document.getText(), SOURCE);
    assert.deepEqual(proposalTabs(), [], 'no diff for prose');
    const shown = await waitFor(() => vscode.workspace.textDocuments.find((d) => d.languageId === 'markdown' && d.getText().includes(prose)), 'the explanation');
    assert.equal(shown.isUntitled, true);
  });

  it('a code block\'s Apply (Quorum panel) targets the editor\'s selection through the same diff', async () => {
    const api = await quorumApi();
    const { editor, file } = await fileEditor('block.js', new vscode.Range(3, 0, 3, 12));
    await vscode.commands.executeCommand('quorum.openPanel');
    await waitFor(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label.startsWith('Quorum')), 'the panel');
    const pressed = api.panelMessage({ type: 'codeBlock/action', action: 'apply', code: 'return sum * 2;\n', language: 'js', source: 'GPT-6 Luna' });
    const tab = await waitFor(() => proposalTabs()[0], 'the Apply diff');
    assert.match(tab.label, /block\.js ↔ Quorum: GPT-6 Luna/);
    await vscode.commands.executeCommand('quorum.acceptProposal', (tab.input as vscode.TabInputTextDiff).modified);
    await pressed;
    assert.equal(editor.document.getText(), SOURCE.replace('  return sum\n', '  return sum * 2;\n'));
    assert.equal(editor.document.isDirty, true);
    assert.equal(fs.readFileSync(file, 'utf8'), SOURCE);
    assert.deepEqual(proposalTabs(), []);
  });
});
