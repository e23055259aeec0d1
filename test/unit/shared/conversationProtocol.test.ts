import assert from 'node:assert/strict';
import { parseConversationHostMessage, parseConversationViewMessage } from '../../../src/shared/conversationProtocol';

describe('conversationProtocol', () => {
  it('accepts the view messages it defines', () => {
    for (const message of [
      { type: 'webview/ready' }, { type: 'conversation/send', prompt: 'hi', model: 'auto' }, { type: 'conversation/stop' },
      { type: 'conversation/regenerate' }, { type: 'conversation/regenerate', model: 'openai/gpt-6-luna' }, { type: 'chip/remove', id: 'c1' },
      { type: 'chip/add', kind: 'image' }, { type: 'conversation/rename', id: 'x' }, { type: 'conversation/search', query: '' },
    ]) assert.deepEqual(parseConversationViewMessage(message), message);
  });

  it('rejects an empty question, unknown kinds and messages of other views', () => {
    assert.equal(parseConversationViewMessage({ type: 'conversation/send', prompt: '  \n', model: 'auto' }), undefined);
    assert.equal(parseConversationViewMessage({ type: 'conversation/send', prompt: 'hi' }), undefined);
    assert.equal(parseConversationViewMessage({ type: 'chip/add', kind: 'clipboard' }), undefined);
    assert.equal(parseConversationViewMessage({ type: 'answer/stop' }), undefined);
    assert.equal(parseConversationViewMessage({ type: 'chip/remove', id: '' }), undefined);
    assert.equal(parseConversationViewMessage('conversation/stop'), undefined);
  });

  it('validates host messages before the view acts on them', () => {
    assert.deepEqual(parseConversationHostMessage({ type: 'conversation/append', turnId: 't', text: 'x' }), { type: 'conversation/append', turnId: 't', text: 'x' });
    assert.equal(parseConversationHostMessage({ type: 'conversation/snapshot', snapshot: { list: [] } }), undefined);
    assert.equal(parseConversationHostMessage({ type: 'conversation/append', turnId: 't' }), undefined);
  });
});
