import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CodeActionOutcome } from '../../src/vscode/editor/codeActionRunner';
import type { CodeActionArgs } from '../../src/vscode/editor/quorumCodeActions';
import { queueScenario, useFakeProviders, waitFor } from './helpers';

const SOURCE = ['function total(items) {', '  let sum = 0', '  for (const i of items) sum += i.price', '  return sum', '}', ''].join('\n');
const FIXED = '```javascript\nlet sum = 0;\nfor (const i of items) sum += i.price;\n```';

async function untitled(content: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language: 'javascript', content });
  return vscode.window.showTextDocument(document);
}

function args(editor: vscode.TextEditor, action: CodeActionArgs['action'], range: vscode.Range): CodeActionArgs {
  return {
    action,
    uri: editor.document.uri.toString(),
    range: { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } },
    diagnostics: [],
  };
}

describe('Quorum code actions in the editor', function () {
  this.timeout(60_000);
  useFakeProviders({ openai: 'sk-test-actions-openai-0001' }, { 'quorum.privacy.allowedProviders': ['openai'], 'quorum.fallback.maxRetriesPerModel': 0 });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('offers every action on a selection, instantly and without a request', async () => {
    const editor = await untitled(SOURCE);
    const range = new vscode.Range(1, 0, 3, 12);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, range);
    const titles = actions.map((a) => a.title).filter((t) => t.startsWith('Quorum:'));
    for (const title of ['Quorum: Explain', 'Quorum: Fix', 'Quorum: Refactor…', 'Quorum: Generate Tests', 'Quorum: Add Documentation', 'Quorum: Compare Fixes Across Models']) {
      assert.ok(titles.includes(title), `${title} offered: ${titles.join(', ')}`);
    }
    const none = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, new vscode.Range(1, 2, 1, 2));
    assert.equal(none.filter((a) => a.title.startsWith('Quorum:')).length, 0, 'no selection, no diagnostics: nothing offered');
  });

  it('Fix shows a diff; Accept changes the document, keeping its indentation, and closes the diff', async () => {
    const editor = await untitled(SOURCE);
    const range = new vscode.Range(1, 2, 2, 39);
    await queueScenario({ vendor: 'openai', answer: FIXED, times: 3 });
    const outcome = await vscode.commands.executeCommand<CodeActionOutcome>('quorum.runCodeAction', { ...args(editor, 'fix', range), confirm: 'apply' });
    assert.equal(outcome, 'applied');
    const text = editor.document.getText();
    assert.match(text, /\n {2}let sum = 0;\n {2}for \(const i of items\) sum \+= i\.price;\n {2}return sum/);
    assert.equal(vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label.includes('Quorum: Fix by')).length, 0, 'the diff is closed after Accept');
  });

  it('rejecting the preview leaves the document untouched', async () => {
    const editor = await untitled(SOURCE);
    await queueScenario({ vendor: 'openai', answer: FIXED, times: 3 });
    const outcome = await vscode.commands.executeCommand<CodeActionOutcome>('quorum.runCodeAction', { ...args(editor, 'fix', new vscode.Range(1, 2, 2, 39)), confirm: 'reject' });
    assert.equal(outcome, 'rejected');
    assert.equal(editor.document.getText(), SOURCE);
  });

  it('Generate tests opens them in a new document; the source is not touched', async () => {
    const editor = await untitled(SOURCE);
    await queueScenario({ vendor: 'openai', answer: '```javascript\ntest("total", () => expect(total([])).toBe(0));\n```', times: 3 });
    const outcome = await vscode.commands.executeCommand<CodeActionOutcome>('quorum.runCodeAction', args(editor, 'tests', new vscode.Range(0, 0, 4, 1)));
    assert.equal(outcome, 'newDocument');
    assert.equal(editor.document.getText(), SOURCE);
    const tests = await waitFor(() => vscode.workspace.textDocuments.find((d) => d.getText().includes('test("total"')), 'the tests document');
    assert.equal(tests.languageId, 'javascript');
  });
});
