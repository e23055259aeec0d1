import assert from 'node:assert/strict';
import { insertableText } from '../../../../src/core/ask/insertableText';

describe('insertableText', () => {
  it('takes the code of an answer with exactly one fenced block', () => {
    assert.equal(insertableText('Here is the fix:\n\n```ts\nconst a = 1;\nconst b = 2;\n```\n\nDone.'), 'const a = 1;\nconst b = 2;');
    assert.equal(insertableText('~~~\nx\n~~~'), 'x');
  });

  it('keeps the whole answer when there is no block or several', () => {
    assert.equal(insertableText('just prose'), 'just prose');
    const two = '```\na\n```\nand\n```\nb\n```';
    assert.equal(insertableText(two), two);
  });
});
