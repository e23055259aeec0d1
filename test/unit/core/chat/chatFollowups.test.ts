import assert from 'node:assert/strict';
import { buildCatalog } from '../../../../src/core/catalog/modelCatalog';
import type { ModelInfo } from '../../../../src/core/catalog/modelInfo';
import { NO_CAPABILITIES } from '../../../../src/core/catalog/modelInfo';
import { chatCommandOf, chatFollowups, strongerModel } from '../../../../src/core/chat/chatFollowups';

function model(provider: string, id: string, tier: ModelInfo['tier'], input?: number): ModelInfo {
  return { provider, id, displayName: id, pricing: input === undefined ? {} : { inputPerMTok: input, outputPerMTok: input * 4 }, capabilities: NO_CAPABILITIES, tier, source: 'builtin' };
}

describe('chatFollowups', () => {
  it('maps slash commands, defaulting to ask', () => {
    assert.equal(chatCommandOf(undefined), 'ask');
    assert.equal(chatCommandOf('vote'), 'vote');
    assert.equal(chatCommandOf('nonsense'), 'ask');
  });

  const rows: [string, Parameters<typeof chatFollowups>[0], string[]][] = [
    ['after an ask', { command: 'ask', outcome: 'done' }, ['compare', 'vote', 'stronger']],
    ['after a failed ask', { command: 'ask', outcome: 'failed' }, ['compare', 'vote', 'stronger']],
    ['after a compare', { command: 'compare', outcome: 'done' }, ['vote', 'ask']],
    ['after a vote', { command: 'vote', outcome: 'done' }, ['compare', 'ask']],
    ['after a stronger ask', { command: 'stronger', outcome: 'done' }, ['compare', 'vote', 'ask']],
    ['after a stop', { command: 'ask', outcome: 'stopped' }, []],
    ['when nothing could route', { command: 'ask', outcome: 'noRoute' }, []],
  ];
  for (const [name, meta, commands] of rows) {
    it(name, () => assert.deepEqual(chatFollowups(meta, 'why?').map((f) => f.command), commands));
  }

  it('re-sends the same prompt; nothing for an empty one', () => {
    assert.ok(chatFollowups({ command: 'ask', outcome: 'done' }, 'why?').every((f) => f.prompt === 'why?'));
    assert.deepEqual(chatFollowups({ command: 'ask', outcome: 'done' }, ' '), []);
  });

  describe('strongerModel', () => {
    const catalog = buildCatalog({
      builtin: [model('openai', 'mini', 'budget', 0.1), model('openai', 'std', 'standard', 1), model('anthropic', 'big', 'premium', 5), model('openai', 'huge', 'premium', 10)],
      userEntries: [],
      discovered: [],
    });
    const all = new Set(['openai', 'anthropic']);

    it('the cheapest model a tier above the one that answered', () => {
      assert.deepEqual(strongerModel(catalog, all, { provider: 'openai', model: 'mini' }), { provider: 'openai', model: 'std' });
      assert.deepEqual(strongerModel(catalog, all, { provider: 'openai', model: 'std' }), { provider: 'anthropic', model: 'big' });
    });

    it('premium when the previous model is unknown; another premium after a premium one', () => {
      assert.deepEqual(strongerModel(catalog, all, undefined), { provider: 'anthropic', model: 'big' });
      assert.deepEqual(strongerModel(catalog, all, { provider: 'anthropic', model: 'big' }), { provider: 'openai', model: 'huge' });
    });

    it('only available providers; undefined when nothing is left', () => {
      assert.deepEqual(strongerModel(catalog, new Set(['openai']), undefined), { provider: 'openai', model: 'huge' });
      assert.equal(strongerModel(catalog, new Set(), undefined), undefined);
    });
  });
});
