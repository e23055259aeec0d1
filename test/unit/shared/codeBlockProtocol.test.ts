import assert from 'node:assert/strict';
import { parseAnswerViewMessage } from '../../../src/shared/answerProtocol';
import { MAX_CODE_BLOCK, parseCodeBlockAction } from '../../../src/shared/codeBlockProtocol';
import { parsePanelViewMessage } from '../../../src/shared/panelProtocol';

const VALID = { type: 'codeBlock/action', action: 'apply', code: 'const a = 1;\n', language: 'ts', source: 'GPT-6 Luna' };

describe('codeBlockProtocol', () => {
  it('accepts Copy, Insert and Apply with the block\'s code', () => {
    for (const action of ['copy', 'insert', 'apply']) assert.deepEqual(parseCodeBlockAction({ ...VALID, action }), { ...VALID, action });
    assert.deepEqual(parseCodeBlockAction({ type: 'codeBlock/action', action: 'copy', code: '' }), { type: 'codeBlock/action', action: 'copy', code: '' });
  });

  it('rejects unknown actions, missing or oversized code and wrong types', () => {
    for (const bad of [
      { ...VALID, action: 'save' }, { ...VALID, action: undefined }, { ...VALID, code: undefined }, { ...VALID, code: 42 },
      { ...VALID, code: 'x'.repeat(MAX_CODE_BLOCK + 1) }, { ...VALID, language: 'x'.repeat(41) }, { ...VALID, type: 'codeBlock/other' }, null, 'apply',
    ]) assert.equal(parseCodeBlockAction(bad), undefined, JSON.stringify(bad)?.slice(0, 80));
  });

  it('is part of the Answer view\'s and the Quorum panel\'s messages', () => {
    assert.deepEqual(parseAnswerViewMessage(VALID), VALID);
    assert.deepEqual(parsePanelViewMessage(VALID), VALID);
    assert.equal(parsePanelViewMessage({ ...VALID, action: 'delete' }), undefined);
  });
});
