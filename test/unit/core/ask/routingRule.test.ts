import assert from 'node:assert/strict';
import { appendRoutingRule, routingRuleFor } from '../../../../src/core/ask/routingRule';
import { parseModelRefText } from '../../../../src/core/ask/modelRefText';

describe('saving "Ask Again With…" as a routing rule', () => {
  const rule = routingRuleFor('codeReview', { provider: 'compat:ollama', model: 'llama3.2:latest' });

  it('matches the task and uses the model as provider/model', () => {
    assert.deepEqual(rule, { name: 'codeReview → compat:ollama/llama3.2:latest', when: { task: 'codeReview' }, use: { model: 'compat:ollama/llama3.2:latest' } });
    assert.match(rule.use.model, /^(openai|anthropic|gemini|compat:[a-z0-9][a-z0-9-]{0,31})\/.+$/, 'the manifest pattern');
  });

  it('appends after existing rules and refuses a duplicate', () => {
    const other = { when: { language: 'sql' }, use: { tier: 'premium' } };
    assert.deepEqual(appendRoutingRule([other], rule), [other, rule]);
    assert.equal(appendRoutingRule([other, rule], rule), undefined);
    assert.deepEqual(appendRoutingRule(undefined, rule), [rule]);
  });

  it('parses provider/model with slashes in the model id', () => {
    assert.deepEqual(parseModelRefText('compat:x/org/model'), { provider: 'compat:x', model: 'org/model' });
    assert.equal(parseModelRefText('nomodel'), undefined);
    assert.equal(parseModelRefText('openai/'), undefined);
  });
});
