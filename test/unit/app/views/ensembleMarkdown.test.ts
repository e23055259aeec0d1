import assert from 'node:assert/strict';
import { clip, compareMarkdown, voteMarkdown } from '../../../../src/app/views/ensembleMarkdown';
import { ballotFromColumn } from '../../../../src/core/ensemble/vote/ballot';
import type { ColumnSummary } from '../../../../src/core/ensemble/compare/columnSummary';
import { majorityVote } from '../../../../src/core/ensemble/vote/voting';
import type { ModelRef } from '../../../../src/core/types';
import { haiku, luna } from '../../core/ask/askFixtures';

const copilot: ModelRef = { provider: 'vscodeLm', model: 'gpt-4o' };
const label = (ref: ModelRef): string => ({ openai: 'Luna', anthropic: 'Haiku', vscodeLm: 'GPT-4o' } as Record<string, string>)[ref.provider] ?? ref.model;

function column(id: string, ref: ModelRef, over: Partial<ColumnSummary>): ColumnSummary {
  return { id, ref, run: 0, status: 'done', text: '', startedAt: 0, retries: 0, ...over };
}

describe('ensembleMarkdown', () => {
  it('clips long answers at a line end and closes a cut code fence', () => {
    const text = `intro\n\`\`\`ts\n${'const x = 1;\n'.repeat(200)}\`\`\``;
    const out = clip(text, 300);
    assert.ok(out.length < 330);
    assert.ok(out.endsWith('```\n\n…'));
    assert.equal(clip('short'), 'short');
  });

  it('compare: one section per model with stats, failures and a subscription total', () => {
    const md = compareMarkdown([
      column('a', luna, { text: '42', totalMs: 850, usage: { inputTokens: 10, outputTokens: 2 }, costUsd: 0.0012 }),
      column('b', haiku, { status: 'failed', error: { reason: 'rateLimited', status: 429, message: 'Rate limited [429]' } }),
      column('c', copilot, { text: 'forty-two', totalMs: 1200 }),
    ], label);
    assert.match(md, /### Luna `openai\/gpt-6-luna`\n_850 ms · 10 in \/ 2 out · \$0\.0012_\n\n42/);
    assert.match(md, /### Haiku .*\n_\*\*failed\*\* — Rate limited \\\[429\\\]/);
    assert.match(md, /### GPT-4o .*\n_1,200 ms · — · unknown \(subscription\)_/);
    assert.match(md, /2 of 3 models answered · Total: \$0\.0012 \+ 2 calls of unknown cost/);
  });

  it('compare: only subscription calls unknown → says so', () => {
    const md = compareMarkdown([column('a', luna, { text: 'x', costUsd: 0.001 }), column('c', copilot, { text: 'y' })], label);
    assert.match(md, /Total: \$0\.0010 \+ 1 subscription call of unknown cost/);
  });

  it('vote: winner with its answer, a table of members and the agreement', () => {
    const summaries = [
      column('answer-0', luna, { text: 'Paris', totalMs: 100, costUsd: 0.001 }),
      column('answer-1', haiku, { text: 'paris', totalMs: 200, costUsd: 0.002 }),
      column('answer-2', copilot, { status: 'failed', error: { message: 'blocked' } }),
    ];
    const result = majorityVote(summaries.map((s) => ballotFromColumn(s, 'plain', 0, s.costUsd)), 300);
    const md = voteMarkdown(result, label);
    assert.match(md, /^\*\*Winner\*\* \(2 of 2 votes\)/);
    assert.match(md, /\n\nParis\n/);
    assert.match(md, /\| Luna \| Paris \| 1 ✓ \| \$0\.0010 \|/);
    assert.match(md, /\| GPT-4o \| _failed_ — blocked \| — \| unknown \(subscription\) \|/);
    assert.match(md, /Agreement: 100%/);
  });

  it('vote without any valid answer says there is no winner', () => {
    const result = majorityVote([ballotFromColumn(column('answer-0', luna, { status: 'failed', error: { message: 'x' } }), 'plain', 0, undefined)], 10);
    assert.match(voteMarkdown(result, label), /^\*\*No winner\.\*\*/);
  });
});
