import assert from 'node:assert/strict';
import {
  CONFIDENCE_INSTRUCTION, MAX_REASKS, confidenceMessages, needsReask, parseConfidenceReply, reaskMessages,
} from '../../../../../src/core/ensemble/vote/confidence';

interface Row {
  readonly name: string;
  readonly reply: string;
  /** `[answer, confidence]` when valid, else a fragment of the problem. */
  readonly expect: readonly [string, number] | { readonly problem: string };
}

const ROWS: readonly Row[] = [
  { name: 'bare JSON', reply: '{"answer": "Paris", "confidence": 0.9}', expect: ['Paris', 0.9] },
  { name: 'fenced JSON block', reply: 'Sure!\n```json\n{"answer": "Paris", "confidence": 0.75}\n```', expect: ['Paris', 0.75] },
  { name: 'JSON inside prose', reply: 'My reply: {"answer": "42", "confidence": 1} — hope that helps', expect: ['42', 1] },
  { name: 'confidence 0 is valid', reply: '{"answer": "no idea", "confidence": 0}', expect: ['no idea', 0] },
  { name: 'a number answer becomes text', reply: '{"answer": 42, "confidence": 0.5}', expect: ['42', 0.5] },
  { name: 'a boolean answer becomes text', reply: '{"answer": true, "confidence": 0.5}', expect: ['true', 0.5] },
  { name: 'an object answer becomes JSON text', reply: '{"answer": {"k": 1}, "confidence": 0.5}', expect: ['{"k":1}', 0.5] },
  { name: 'extra keys are ignored', reply: '{"answer": "x", "confidence": 0.5, "why": "because"}', expect: ['x', 0.5] },
  { name: 'confidence above 1 (a percentage)', reply: '{"answer": "x", "confidence": 85}', expect: { problem: 'confidence' } },
  { name: 'negative confidence', reply: '{"answer": "x", "confidence": -0.1}', expect: { problem: 'confidence' } },
  { name: 'confidence as a string', reply: '{"answer": "x", "confidence": "0.8"}', expect: { problem: 'confidence' } },
  { name: 'missing confidence', reply: '{"answer": "x"}', expect: { problem: 'confidence' } },
  { name: 'empty answer', reply: '{"answer": "  ", "confidence": 0.5}', expect: { problem: 'answer' } },
  { name: 'null answer', reply: '{"answer": null, "confidence": 0.5}', expect: { problem: 'answer' } },
  { name: 'not JSON at all', reply: 'Paris, I am fairly sure.', expect: { problem: 'not a JSON object' } },
  { name: 'empty reply', reply: '', expect: { problem: 'empty' } },
  { name: 'broken JSON', reply: '{"answer": "x", "confidence": }', expect: { problem: 'not a JSON object' } },
];

describe('parseConfidenceReply', () => {
  for (const row of ROWS) {
    it(row.name, () => {
      const parsed = parseConfidenceReply(row.reply);
      if (Array.isArray(row.expect)) {
        assert.deepEqual(parsed, { ok: true, answer: row.expect[0], confidence: row.expect[1] });
      } else {
        assert.equal(parsed.ok, false);
        if (!parsed.ok) assert.ok(parsed.problem.includes((row.expect as { problem: string }).problem), parsed.problem);
      }
    });
  }
});

describe('confidence re-ask', () => {
  const invalid = parseConfidenceReply('nope');
  const valid = parseConfidenceReply('{"answer": "x", "confidence": 0.5}');

  it('re-asks an invalid reply once, then never again', () => {
    assert.equal(MAX_REASKS, 1);
    assert.equal(needsReask(invalid, 0), true);
    assert.equal(needsReask(invalid, 1), false);
    assert.equal(needsReask(valid, 0), false);
  });

  it('puts the instruction first and the invalid reply with its problem last', () => {
    const user = [{ role: 'user' as const, content: 'Capital of France?' }];
    assert.deepEqual(confidenceMessages(user), [{ role: 'system', content: CONFIDENCE_INSTRUCTION }, ...user]);
    const messages = reaskMessages(user, 'Paris!', 'the reply was not a JSON object');
    assert.equal(messages.length, 4);
    assert.deepEqual(messages[2], { role: 'assistant', content: 'Paris!' });
    assert.equal(messages[3]?.role, 'user');
    assert.match(String(messages[3]?.content), /the reply was not a JSON object/u);
  });

  it('leaves out an empty invalid reply (vendors reject an empty assistant turn)', () => {
    const messages = reaskMessages([{ role: 'user', content: 'q' }], '  ', 'the reply was empty');
    assert.deepEqual(messages.map((m) => m.role), ['system', 'user', 'user']);
  });
});
