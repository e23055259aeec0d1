import assert from 'node:assert/strict';
import { readPromptHistory, rememberPrompt } from '../../../../src/core/ask/promptHistory';

describe('prompt history', () => {
  it('puts the newest prompt first and moves a repeated one to the front', () => {
    assert.deepEqual(rememberPrompt(['b', 'a'], 'c'), ['c', 'b', 'a']);
    assert.deepEqual(rememberPrompt(['b', 'a'], ' a '), ['a', 'b']);
  });

  it('ignores blank prompts and caps the length', () => {
    assert.deepEqual(rememberPrompt(['a'], '   '), ['a']);
    assert.deepEqual(rememberPrompt(['c', 'b', 'a'], 'd', 3), ['d', 'c', 'b']);
  });

  it('reads only strings back from storage', () => {
    assert.deepEqual(readPromptHistory(undefined), []);
    assert.deepEqual(readPromptHistory({ a: 1 }), []);
    assert.deepEqual(readPromptHistory(['x', 3, '', 'y']), ['x', 'y']);
  });
});
