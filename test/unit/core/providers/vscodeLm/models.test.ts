import assert from 'node:assert/strict';
import { toLmMessages, vscodeLmModelInfo } from '../../../../../src/core/providers/vscodeLm/models';

describe('vscodeLmModels', () => {
  it('makes a catalog entry with unknown prices, standard tier and the input limit as context window', () => {
    const info = vscodeLmModelInfo({ id: 'gpt-4o', name: 'GPT-4o', vendor: 'copilot', family: 'gpt-4o', maxInputTokens: 63_836 });
    assert.deepEqual(info.pricing, {});
    assert.equal(info.provider, 'vscodeLm');
    assert.equal(info.id, 'gpt-4o');
    assert.equal(info.displayName, 'GPT-4o (copilot)');
    assert.equal(info.contextWindow, 63_836);
    assert.equal(info.tier, 'standard');
  });

  it('leaves the context window unknown when the API reports none', () => {
    const info = vscodeLmModelInfo({ id: 'x', name: '', vendor: '', family: 'f', maxInputTokens: 0 });
    assert.equal(info.contextWindow, undefined);
    assert.equal(info.displayName, 'x');
  });

  const rows: [string, Parameters<typeof toLmMessages>[0], ReturnType<typeof toLmMessages>][] = [
    ['no system text: unchanged', [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'yo' }],
      [{ role: 'user', text: 'hi' }, { role: 'assistant', text: 'yo' }]],
    ['system folded into the first user message', [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hi' }],
      [{ role: 'user', text: 'Be brief.\n\nhi' }]],
    ['several system messages, in order, wherever they are', [{ role: 'system', content: 'A' }, { role: 'user', content: 'q' }, { role: 'system', content: 'B' }],
      [{ role: 'user', text: 'A\n\nB\n\nq' }]],
    ['system only: becomes the user message', [{ role: 'system', content: 'S' }], [{ role: 'user', text: 'S' }]],
    ['assistant first: system goes to the first *user* message', [{ role: 'system', content: 'S' }, { role: 'assistant', content: 'a' }, { role: 'user', content: 'u' }],
      [{ role: 'assistant', text: 'a' }, { role: 'user', text: 'S\n\nu' }]],
    ['text parts joined, images dropped', [{ role: 'user', content: [{ type: 'text', text: 'look ' }, { type: 'image', mediaType: 'image/png', data: 'AA' }, { type: 'text', text: 'here' }] }],
      [{ role: 'user', text: 'look here' }]],
  ];
  for (const [name, input, expected] of rows) it(name, () => assert.deepEqual(toLmMessages(input), expected));
});
