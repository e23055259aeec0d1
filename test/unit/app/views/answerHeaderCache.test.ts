import assert from 'node:assert/strict';
import { answerHeader } from '../../../../src/app/views/answerHeader';
import { askFooter } from '../../../../src/app/views/chatMarkdown';
import { routeExplanationMarkdown } from '../../../../src/app/views/routeExplanation';
import { applyRunEvent, initialAnswerState, withDecision } from '../../../../src/core/ask/answerState';
import { builtinModels } from '../../../../src/core/catalog/builtinModels';
import { buildCatalog } from '../../../../src/core/catalog/modelCatalog';
import { parseAnswerHostMessage } from '../../../../src/shared/answerProtocol';
import { toAnswerSnapshot } from '../../../../src/app/views/answerSnapshot';
import { decision, haiku } from '../../core/ask/askFixtures';

describe('the answer header, chat footer and decision card show the prompt cache', () => {
  const catalog = buildCatalog({ builtin: builtinModels, userEntries: [], discovered: [] });
  const routed = applyRunEvent(withDecision(initialAnswerState('a', 'q'), { ...decision, chosen: haiku, chain: [haiku] }), { type: 'attempt-start', ref: haiku, retry: 0 });

  it('a follow-up that read the cache: tokens read and written, and what it saved', () => {
    const state = { ...applyRunEvent(routed, { type: 'usage', usage: { inputTokens: 5_983, outputTokens: 20, cachedInputTokens: 5_955, cacheWriteTokens: 17 } }), phase: 'done' as const };
    const header = answerHeader(state, catalog);
    assert.match(header.cache ?? '', /^read 5,955 tokens, wrote 17 · saved \$/);
    assert.match(askFooter(state, catalog), /Prompt cache: read 5,955 tokens/);
    // The webview's validator keeps the field.
    const message = parseAnswerHostMessage({ type: 'answer/snapshot', snapshot: toAnswerSnapshot(state, catalog) });
    assert.ok(message !== undefined && message.type === 'answer/snapshot' && message.snapshot.header.cache === header.cache);
  });

  it('no cache use: no cache line', () => {
    const state = applyRunEvent(routed, { type: 'usage', usage: { inputTokens: 10, outputTokens: 2 } });
    assert.equal(answerHeader(state, catalog).cache, undefined);
  });

  it('the decision card names what happened to the warm cache', () => {
    const note = 'Stayed on anthropic/claude-haiku-5-5: its cache of ~6,000 tokens saves $0.0005 est., more than switching to gemini/x would ($0.0001 est.).';
    const markdown = routeExplanationMarkdown({ decision: { ...decision, cache: { verdict: 'stay', model: haiku, cachedTokens: 6_000, savesUsd: 0.0005, note } }, prompt: 'q', at: 0 });
    assert.match(markdown, /\*\*Prompt cache:\*\* Stayed on anthropic\/claude-haiku-5-5/);
  });
});
