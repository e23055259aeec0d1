import assert from 'node:assert/strict';
import { parseSuite, problemText } from '../../../../src/core/evals/parseSuite';

const OURS = `feature: ask:extraction
threshold: 0.8
prompt: "Extract the year from: {{text}}"
cases:
  - id: simple
    vars: { text: "Founded in 1998 by two students." }
    checks:
      - type: equals
        value: "1998"
  - prompt: Say hi
    files: [src/a.ts]
    images: [shots/a.png]
    checks:
      - { type: contains, value: hi, ignoreCase: true }
      - { type: code-compiles }
`;

const PROMPTFOO = `description: promptfoo suite
feature: ask:chat
prompts:
  - "Answer briefly: {{question}}"
tests:
  - description: capital
    vars: { question: "Capital of France?" }
    assert:
      - type: icontains
        value: paris
      - type: is-json
      - type: llm-rubric
        value: names Paris
`;

describe('parseSuite', () => {
  it('reads our format: template filled per case, defaults applied, id from the file name', () => {
    const parsed = parseSuite('.quorum/evals/years.yaml', OURS);
    assert.equal(parsed.problems, undefined);
    const suite = parsed.suite;
    assert.ok(suite);
    assert.equal(suite.id, 'years');
    assert.equal(suite.feature, 'ask:extraction');
    assert.equal(suite.threshold, 0.8);
    assert.equal(suite.cases[0]?.prompt, 'Extract the year from: Founded in 1998 by two students.');
    assert.equal(suite.cases[1]?.id, 'case-2');
    assert.deepEqual(suite.cases[1]?.files, ['src/a.ts']);
    assert.deepEqual(suite.cases[1]?.checks, [{ type: 'contains', value: 'hi', ignoreCase: true }, { type: 'code-compiles', value: 'ts' }]);
  });

  it('defaults the threshold to 0.9', () => {
    const suite = parseSuite('a.yaml', 'feature: ask\ncases:\n  - prompt: x\n    checks: [{ type: similar, value: x }]\n').suite;
    assert.equal(suite?.threshold, 0.9);
  });

  it('maps promptfoo\'s subset onto our checks', () => {
    const parsed = parseSuite('promptfooconfig.yaml', PROMPTFOO);
    assert.equal(parsed.problems, undefined);
    const only = parsed.suite?.cases[0];
    assert.equal(only?.id, 'capital');
    assert.equal(only?.prompt, 'Answer briefly: Capital of France?');
    assert.deepEqual(only?.checks, [
      { type: 'contains', value: 'paris', ignoreCase: true },
      { type: 'json-schema' },
      { type: 'judge', value: 'names Paris' },
    ]);
  });

  const bad: ReadonlyArray<readonly [string, string, string]> = [
    ['an unknown check type, at its line', 'feature: ask\ncases:\n  - prompt: x\n    checks:\n      - type: javascript\n        value: "1"\n', 'a.yaml:5:'],
    ['a threshold above 1', 'feature: ask\nthreshold: 1.5\ncases:\n  - prompt: x\n    checks: [{ type: equals, value: x }]\n', 'a.yaml:2:'],
    ['a missing template variable', 'feature: ask\nprompt: "{{q}}"\ncases:\n  - vars: { other: 1 }\n    checks: [{ type: equals, value: x }]\n', 'has no value for {{q}}'],
    ['a case without prompt', 'feature: ask\ncases:\n  - checks: [{ type: equals, value: x }]\n', 'needs a prompt'],
    ['a repeated case id', 'feature: ask\ncases:\n  - { id: a, prompt: x, checks: [{ type: equals, value: x }] }\n  - { id: a, prompt: y, checks: [{ type: equals, value: x }] }\n', 'a.yaml:4:5: cases.1: repeats the case id "a"'],
    ['broken YAML', 'feature: ask\ncases: [\n', 'a.yaml:'],
    ['a missing feature', 'cases:\n  - prompt: x\n    checks: [{ type: equals, value: x }]\n', 'feature'],
    ['an unsupported promptfoo assertion, at its line', 'feature: ask\nprompts: ["{{q}}"]\ntests:\n  - vars: { q: x }\n    assert:\n      - type: javascript\n        value: output.length > 1\n', 'a.yaml:6:15: tests.0.assert.0.type: is not supported'],
    ['an image that is not an image', 'feature: ask\ncases:\n  - prompt: x\n    images: [a.txt]\n    checks: [{ type: equals, value: x }]\n', 'a.yaml:4:14:'],
  ];
  for (const [name, source, expected] of bad) {
    it(`reports ${name}`, () => {
      const parsed = parseSuite('a.yaml', source);
      assert.equal(parsed.suite, undefined);
      const texts = (parsed.problems ?? []).map(problemText);
      assert.ok(texts.some((t) => t.includes(expected)), texts.join('\n'));
    });
  }
});
