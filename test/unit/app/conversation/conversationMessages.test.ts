import assert from 'node:assert/strict';
import { turnRequest, userText } from '../../../../src/app/conversation/conversationMessages';
import type { Conversation } from '../../../../src/core/conversation/conversation';
import { haiku, luna } from '../../core/ask/askFixtures';
import { chip } from './conversationFixtures';

const conversation: Conversation = {
  id: 'conv-1', title: 't', createdAt: 1, updatedAt: 1,
  turns: [
    { id: 't0', prompt: 'q0', sent: 'q0 as sent', chips: [{ kind: 'reference', label: 'a.ts', tokens: 3, path: 'src/a.ts' }], answer: { text: 'a0', phase: 'done', model: luna, at: 10, reasons: [] } },
    { id: 't1', prompt: 'q1', sent: 'q1', chips: [], answer: { text: '', phase: 'failed', at: 20, reasons: [], error: 'boom' } },
    { id: 't2', prompt: 'q2', sent: 'q2', chips: [], answer: { text: 'a2 part', phase: 'stopped', model: haiku, at: 30, reasons: [] } },
  ],
};

describe('turnRequest', () => {
  it('carries answered turns (a stopped one with text too), leaves out failed ones, and names the conversation turn', () => {
    const { request } = turnRequest(conversation, 3, 'next', []);
    assert.deepEqual(request.messages.map((m) => [m.role, m.content]), [
      ['user', 'q0 as sent'], ['assistant', 'a0'], ['user', 'q2'], ['assistant', 'a2 part'], ['user', 'next'],
    ]);
    assert.deepEqual(request.conversation, { id: 'conv-1', turn: 3, previous: { model: haiku, at: 30 } });
    assert.deepEqual(request.contextFiles, ['src/a.ts']);
    assert.equal(request.feature, 'ask');
  });

  it('sends a turn again as the same turn with only the turns before it', () => {
    const { request } = turnRequest(conversation, 1, 'q1 again', []);
    assert.equal(request.conversation?.turn, 1);
    assert.deepEqual(request.conversation?.previous, { model: luna, at: 10 });
    assert.equal(request.messages.length, 3);
  });

  it('puts text chips fenced before the prompt and images after it', () => {
    const image = { type: 'image' as const, mediaType: 'image/png' as const, data: 'AAAA' };
    const { request, sent } = turnRequest({ ...conversation, turns: [] }, 0, 'What is wrong?', [
      chip('code', 'let a = "```";'), { id: 'img', kind: 'image', label: 'shot.png', tokens: 1600, path: 'shot.png', image },
    ]);
    assert.equal(sent, userText('What is wrong?', [chip('code', 'let a = "```";')]));
    assert.match(sent, /^The file code\.ts:\n````typescript\nlet a = "```";\n````\n\nWhat is wrong\?$/);
    const last = request.messages.at(-1);
    assert.ok(Array.isArray(last?.content));
    assert.deepEqual((last?.content as readonly { type: string }[]).map((p) => p.type), ['text', 'image']);
    assert.deepEqual(request.contextFiles, ['src/code.ts', 'shot.png']);
    assert.deepEqual(request.conversation, { id: 'conv-1', turn: 0 });
  });
});
