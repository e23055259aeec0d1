import assert from 'node:assert/strict';
import { buildAskRequest, roughTokens, type EditorSnapshot } from '../../../../src/core/ask/askContext';

const file = Array.from({ length: 100 }, (_, i) => `line ${String(i).padStart(3, '0')} xx`).join('\n'); // 16 chars/line
const editor = (over: Partial<EditorSnapshot> = {}): EditorSnapshot => ({
  path: 'src/a.ts', name: 'src/a.ts', languageId: 'typescript', text: file, cursorLine: 50, ...over,
});
const content = (r: ReturnType<typeof buildAskRequest>) => r.request.messages[0]?.content as string;

describe('buildAskRequest', () => {
  it('sends the bare prompt with no editor, and attaches nothing', () => {
    const r = buildAskRequest('  What is a monad? ', undefined, 8000);
    assert.equal(content(r), 'What is a monad?');
    assert.equal(r.request.feature, 'ask');
    assert.equal(r.request.contextFiles, undefined);
    assert.equal(r.request.languageId, undefined);
    assert.equal(r.attached.tokens, 0);
  });

  it('attaches a whole file that fits, with its path and language, prompt last', () => {
    const r = buildAskRequest('Explain', editor(), 8000);
    assert.deepEqual(r.request.contextFiles, ['src/a.ts']);
    assert.equal(r.request.languageId, 'typescript');
    assert.deepEqual(r.attached.file, { name: 'src/a.ts', fromLine: 1, toLine: 100, whole: true });
    assert.match(content(r), /^The active file src\/a\.ts:\n```typescript\nline 000/);
    assert.ok(content(r).endsWith('\n\nExplain'));
  });

  it('attaches the selection first, then a window of the file around it within the budget', () => {
    const r = buildAskRequest('Fix', editor({ selection: { text: 'line 050 xx\nline 051 xx', startLine: 50, endLine: 51 } }), 100);
    assert.deepEqual(r.attached.selection, { fromLine: 51, toLine: 52, truncated: false });
    const f = r.attached.file;
    assert.ok(f !== undefined && !f.whole && f.fromLine <= 51 && f.toLine >= 51, JSON.stringify(f));
    assert.ok(r.attached.tokens <= 100, `used ${r.attached.tokens}`);
    assert.ok(content(r).indexOf('Selected code') < content(r).indexOf('Part of the active file'));
  });

  it('never exceeds the budget as estimated', () => {
    for (const budget of [0, 1, 5, 37, 200, 399, 401]) {
      const r = buildAskRequest('q', editor({ selection: { text: file.slice(0, 500), startLine: 0, endLine: 30 } }), budget);
      assert.ok(r.attached.tokens <= budget, `budget ${budget} used ${r.attached.tokens}`);
    }
  });

  it('attaches nothing with a zero budget', () => {
    const r = buildAskRequest('q', editor(), 0);
    assert.equal(content(r), 'q');
    assert.equal(r.request.contextFiles, undefined);
  });

  it('attaches a selection that is the whole file only once', () => {
    const r = buildAskRequest('q', editor({ selection: { text: file, startLine: 0, endLine: 99 } }), 8000);
    assert.equal(r.attached.selection, undefined);
    assert.equal(r.attached.file?.whole, true);
    assert.equal(content(r).split('line 000').length, 2);
  });

  it('uses a fence longer than any backtick run inside the code', () => {
    const r = buildAskRequest('q', editor({ text: 'const s = ```x```;' }), 8000);
    assert.match(content(r), /\n````typescript\nconst s = ```x```;\n````/);
  });

  it('keeps untitled documents out of contextFiles but still attaches them', () => {
    const r = buildAskRequest('q', editor({ path: undefined, name: 'Untitled-1' }), 8000);
    assert.equal(r.request.contextFiles, undefined);
    assert.equal(r.request.languageId, 'typescript');
    assert.match(content(r), /Untitled-1/);
  });

  it('estimates roughly four characters per token', () => {
    assert.equal(roughTokens(''), 0);
    assert.equal(roughTokens('abcd'), 1);
    assert.equal(roughTokens('abcde'), 2);
  });
});
