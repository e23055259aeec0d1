import assert from 'node:assert/strict';
import { routeExplanationMarkdown } from '../../../../src/app/views/routeExplanation';
import { decision } from '../../core/ask/askFixtures';

describe('routeExplanationMarkdown', () => {
  const md = routeExplanationMarkdown({ decision: { ...decision, rule: 'SQL | to *Sonnet*' }, prompt: 'write ``` a sort', at: 0 });

  it('names the chosen model, the task, every reason and the whole chain', () => {
    assert.match(md, /\*\*Chosen model:\*\* `openai\/gpt-6-luna`/);
    assert.match(md, /Type: \*\*codeGeneration\*\*, complexity: \*\*standard\*\*/);
    for (const reason of decision.reasons) assert.ok(md.includes(reason.replace(/\./g, '.')), reason);
    assert.match(md, /\| 3 \| `gemini\/gemini-3.1-flash` \|/);
  });

  it('shows an unknown estimate as unknown and escapes user text', () => {
    assert.match(md, /\| 2 \| `anthropic\/claude-haiku-5-5` \| 100 \| 4,096 \| unknown \|/);
    assert.match(md, /SQL \\\| to \\\*Sonnet\\\*/);
    assert.match(md, /````text\nwrite ``` a sort\n````/);
  });
  it('shows the task probability, the tier probabilities, the dial and a feedback note when learned', () => {
    const learned = routeExplanationMarkdown({
      decision: {
        ...decision,
        task: { ...decision.task, probability: 0.87 },
        tier: { needed: 'standard', probabilities: [0.1, 0.75, 0.15], dial: 'balanced' },
        feedback: { offset: 1, from: 'budget', to: 'standard', note: '3 of your overrides raised code generation to standard here' },
        profile: { ...decision.profile, source: 'learned' },
      },
      prompt: 'write a sort',
      at: 0,
    });
    assert.ok(learned.includes('- Type: **codeGeneration** (87 %), complexity: **standard** (classified by the learned router)'), learned);
    assert.ok(learned.includes('- Tier needed: budget 10 % · standard 75 % · premium 15 %; dial **balanced** (quorum.routing.quality)'));
    assert.ok(learned.includes('- Feedback: 3 of your overrides raised code generation to standard here'));
    assert.ok(learned.includes('quality tier **standard**'));
  });
});
