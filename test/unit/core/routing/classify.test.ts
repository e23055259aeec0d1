import assert from 'node:assert/strict';
import { DEFAULT_OUTPUT_BUDGET_TOKENS, LONG_DOCUMENT_TOKENS, classify } from '../../../../src/core/routing/classify';
import { COMPLEXITIES, TASK_TYPES } from '../../../../src/core/routing/taskProfile';
import type { RouteRequest } from '../../../../src/core/routing/taskProfile';
import { IMAGE_TOKEN_ESTIMATE } from '../../../../src/core/routing/tokenEstimate';
import { CLASSIFY_FIXTURES } from './classifyFixtures';

function ask(text: string, extra: Partial<RouteRequest> = {}): RouteRequest {
  return { messages: [{ role: 'user', content: text }], feature: 'ask', ...extra };
}

describe('classify — labelled corpus', () => {
  it('covers every task type and complexity with at least 60 prompts', () => {
    assert.ok(CLASSIFY_FIXTURES.length >= 60, `only ${CLASSIFY_FIXTURES.length} fixtures`);
    for (const type of TASK_TYPES) assert.ok(CLASSIFY_FIXTURES.some((f) => f.type === type), `no ${type} fixture`);
    for (const c of COMPLEXITIES) assert.ok(CLASSIFY_FIXTURES.some((f) => f.complexity === c), `no ${c} fixture`);
  });

  for (const fixture of CLASSIFY_FIXTURES) {
    it(`${fixture.name} → ${fixture.type}/${fixture.complexity}`, () => {
      const profile = classify(fixture.request);
      const why = profile.evidence.join('; ');
      assert.equal(profile.type, fixture.type, why);
      assert.equal(profile.complexity, fixture.complexity, why);
      if (fixture.expectedOutput !== undefined) assert.equal(profile.features.expectedOutput, fixture.expectedOutput, why);
      if (fixture.hasCode !== undefined) assert.equal(profile.features.hasCode, fixture.hasCode, why);
      if (fixture.codeLanguage !== undefined) assert.equal(profile.features.codeLanguage, fixture.codeLanguage, why);
      assert.equal(profile.source, 'heuristic');
    });
  }
});

describe('classify — features and needs', () => {
  it('needs mirror the features', () => {
    for (const fixture of CLASSIFY_FIXTURES) {
      const p = classify(fixture.request);
      assert.equal(p.needs.vision, p.features.hasImages, fixture.name);
      assert.equal(p.needs.json, p.features.expectedOutput === 'json', fixture.name);
      assert.equal(p.needs.contextTokens, p.features.requiredContextTokens, fixture.name);
    }
  });

  const contextRows: readonly { name: string; maxOutputTokens?: number; budget: number }[] = [
    { name: 'default output budget', budget: DEFAULT_OUTPUT_BUDGET_TOKENS },
    { name: 'request output budget', maxOutputTokens: 4_000, budget: 4_000 },
    { name: 'zero output budget', maxOutputTokens: 0, budget: 0 },
  ];
  for (const row of contextRows) {
    it(`required context = prompt + ${row.name}`, () => {
      const req = ask('What is the capital of Peru?', row.maxOutputTokens === undefined ? {} : { maxOutputTokens: row.maxOutputTokens });
      const p = classify(req);
      assert.ok(p.features.promptTokens > 5 && p.features.promptTokens < 20, String(p.features.promptTokens));
      assert.equal(p.features.requiredContextTokens, p.features.promptTokens + row.budget);
    });
  }

  it('counts each image at the flat estimate', () => {
    const one = CLASSIFY_FIXTURES.find((f) => f.name === 'what is in the picture');
    const three = CLASSIFY_FIXTURES.find((f) => f.name === 'three charts');
    assert.ok(one && three);
    assert.ok(classify(one.request).features.promptTokens > IMAGE_TOKEN_ESTIMATE);
    assert.ok(classify(three.request).features.promptTokens > 3 * IMAGE_TOKEN_ESTIMATE);
    assert.equal(classify(one.request).needs.vision, true);
  });

  it('long-document fixtures are past the threshold, short ones are not', () => {
    for (const fixture of CLASSIFY_FIXTURES) {
      const p = classify(fixture.request);
      if (fixture.type === 'longDocument') assert.ok(p.features.promptTokens >= LONG_DOCUMENT_TOKENS, fixture.name);
    }
    assert.ok(classify(ask('hello')).features.promptTokens < LONG_DOCUMENT_TOKENS);
  });

  it('is deterministic', () => {
    for (const fixture of CLASSIFY_FIXTURES.slice(0, 20)) assert.deepEqual(classify(fixture.request), classify(fixture.request));
  });
});

describe('classify — evidence', () => {
  it('every verdict carries a token count and at least one more fact', () => {
    for (const fixture of CLASSIFY_FIXTURES) {
      const { evidence } = classify(fixture.request);
      assert.match(evidence[0] ?? '', /^~[\d,]+ tokens$/, fixture.name);
      assert.ok(evidence.length >= 2, `${fixture.name}: ${evidence.join('; ')}`);
      for (const e of evidence) assert.ok(e.length > 0 && e.length <= 60, `${fixture.name}: "${e}"`);
    }
  });

  const rows: readonly { name: string; request: RouteRequest; includes: string }[] = [
    { name: 'fence tag', request: ask('Fix this:\n```ts\nconst x: number = "a";\n```'), includes: 'code fence (typescript)' },
    { name: 'fix request', request: ask('Fix this:\n```ts\nconst x: number = "a";\n```'), includes: 'asks to fix or debug' },
    { name: 'selection language', request: ask('Review this:\nx = 1', { languageId: 'python' }), includes: 'selection (python)' },
    { name: 'JSON ask', request: ask('List three fruits as JSON.'), includes: 'asks for JSON' },
    { name: 'long input', request: ask('word '.repeat(9_000) + '\nWhat is this about?'), includes: 'very long input' },
    { name: 'chat default', request: ask('Where is Lima?'), includes: 'no specific task cue: question or conversation' },
  ];
  for (const row of rows) {
    it(`names the decisive fact: ${row.name}`, () => {
      const { evidence } = classify(row.request);
      assert.ok(evidence.includes(row.includes), evidence.join('; '));
    });
  }
});

describe('classify — precedence', () => {
  const rows: readonly { name: string; request: RouteRequest; type: string }[] = [
    { name: 'images beat every word cue', request: { feature: 'ask', messages: [{ role: 'user', content: [
      { type: 'text', text: 'Fix the bug in this screenshot of my code' },
      { type: 'image', mediaType: 'image/png', data: 'AAAA' },
    ] }] }, type: 'multimodal' },
    { name: 'the earlier of two equal cues wins (code)', request: ask('Write a function to classify images by colour.'), type: 'codeGeneration' },
    { name: 'the earlier of two equal cues wins (labels)', request: ask('Classify this ticket as bug or question: "how do I write a function in Lua?"'), type: 'classification' },
    { name: 'a fix without code is not code review', request: ask('Please fix the grammar of: "me and him goes to school"'), type: 'chat' },
    { name: 'a long non-code input is a long document even when it asks to extract', request: ask('Extract all dates from this:\n' + 'The meeting happened on a Monday and nothing else of note. '.repeat(800)), type: 'longDocument' },
  ];
  for (const row of rows) {
    it(row.name, () => assert.equal(classify(row.request).type, row.type, classify(row.request).evidence.join('; ')));
  }
});
