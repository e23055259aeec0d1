import assert from 'node:assert/strict';
import { answerHeader, cachedBadge } from '../../../../src/app/views/answerHeader';
import { askFooter } from '../../../../src/app/views/chatMarkdown';
import { initialAnswerState, withDecision } from '../../../../src/core/ask/answerState';
import { answerFromCache } from '../../../../src/core/cache/cachedAnswer';
import { decision, luna } from '../../core/ask/askFixtures';

describe('answerHeader: exact response cache', () => {
  it('badges a cached answer with what it saved, and never claims an unknown saving', () => {
    assert.equal(cachedBadge(0.0123), 'cached · saved $0.0123');
    assert.equal(cachedBadge(undefined), 'cached · saved an unknown amount');
  });

  it('a cached answer is done, says where it came from, and costs $0', () => {
    const state = answerFromCache(withDecision(initialAnswerState('a1', 'Explain'), decision), {
      key: 'k', text: 'Cached text', answeredBy: luna, usage: { inputTokens: 5, outputTokens: 7 }, costUsd: 0.5, attachments: [], createdAt: Date.UTC(2026, 11, 6),
    });
    const header = answerHeader(state);
    assert.equal(header.status, 'Done');
    assert.equal(header.cached, 'cached · saved $0.5000');
    assert.equal(header.cost, '$0.00', 'a known $0 even without a price for the model');
    assert.match(header.why, /exact response cache.*nothing was sent/);
    assert.equal(answerHeader(initialAnswerState('a2', 'x')).cached, undefined);
    assert.match(askFooter(state), /Cost: \$0\.00 · _cached · saved \$0\.5000_/);
  });
});
