import assert from 'node:assert/strict';
import {
  actionsFor, CODE_ACTION_IDS, codeActionSpec, isCodeActionId, type CodeActionId,
} from '../../../../src/core/editor/codeActionKinds';

describe('codeActionKinds', () => {
  const rows: readonly [CodeActionId, string, boolean, string][] = [
    ['explain', 'Quorum: Explain', false, 'responseView'],
    ['fix', 'Quorum: Fix', true, 'replaceSelection'],
    ['refactor', 'Quorum: Refactor…', true, 'replaceSelection'],
    ['tests', 'Quorum: Generate Tests', true, 'newDocument'],
    ['docs', 'Quorum: Add Documentation', true, 'replaceSelection'],
    ['compareFixes', 'Quorum: Compare Fixes Across Models', false, 'comparePanel'],
  ];
  for (const [id, title, producesEdit, target] of rows) {
    it(`${id}: "${title}", edit ${String(producesEdit)}, result in ${target}`, () => {
      const spec = codeActionSpec(id);
      assert.equal(spec.id, id);
      assert.equal(spec.title, title);
      assert.equal(spec.producesEdit, producesEdit);
      assert.equal(spec.resultTarget, target);
    });
  }

  it('compareFixes sends the fix prompt; only refactor asks for an instruction', () => {
    assert.equal(codeActionSpec('compareFixes').prompt, 'fix');
    assert.deepEqual(CODE_ACTION_IDS.filter((id) => codeActionSpec(id).asksInstruction), ['refactor']);
  });

  it('offers everything on a selection, the diagnostic actions on a bare diagnostic, nothing otherwise', () => {
    assert.deepEqual(actionsFor({ hasSelection: true, hasDiagnostics: false }), [...CODE_ACTION_IDS]);
    assert.deepEqual(actionsFor({ hasSelection: false, hasDiagnostics: true }), ['fix', 'explain', 'compareFixes']);
    assert.deepEqual(actionsFor({ hasSelection: false, hasDiagnostics: false }), []);
  });

  it('recognises action ids from command arguments', () => {
    assert.equal(isCodeActionId('fix'), true);
    assert.equal(isCodeActionId('toString'), false);
    assert.equal(isCodeActionId(3), false);
  });
});
