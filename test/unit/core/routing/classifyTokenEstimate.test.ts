import assert from 'node:assert/strict';
import {
  EXACT_CAP_CHARS, IMAGE_TOKEN_ESTIMATE, MESSAGE_OVERHEAD_TOKENS, QUICK_ERROR_BOUND, QUICK_EXACT_CHARS,
  REPLY_PRIMER_TOKENS, SAMPLED_ERROR_BOUND, countMessageTokens, estimateMessageTokens, estimateTokens, quickMessageTokens,
} from '../../../../src/core/routing/tokenEstimate';
import { detectCode } from '../../../../src/core/routing/codeDetection';
import type { ChatMessage } from '../../../../src/core/types';
import type * as O200k from 'gpt-tokenizer/cjs/encoding/o200k_base';

// Exact reference counts from the same kept tokenizer, loaded directly.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the test compares with the library itself.
const { countTokens } = require('gpt-tokenizer/cjs/encoding/o200k_base') as typeof O200k;
const exact = (text: string): number => countTokens(text, { disallowedSpecial: new Set() });

const PROSE = 'The committee reviewed the quarterly figures and asked the regional teams for a restated series. ';
const CODE = 'export function add(a: number, b: number): number {\n  return a + b; // sum\n}\n';

describe('tokenEstimate', () => {
  const exactRows: readonly { name: string; text: string; tokens?: number }[] = [
    { name: 'empty', text: '', tokens: 0 },
    { name: 'hello world', text: 'hello world', tokens: 2 },
    { name: 'special-token text is plain text, not an error', text: 'stop at <|endoftext|> please' },
    { name: 'just under the cap', text: PROSE.repeat(Math.floor(EXACT_CAP_CHARS / PROSE.length)) },
  ];
  for (const row of exactRows) {
    it(`counts exactly: ${row.name}`, () => {
      assert.equal(estimateTokens(row.text), row.tokens ?? exact(row.text));
    });
  }

  const sampledRows: readonly { name: string; text: string }[] = [
    { name: 'long prose', text: PROSE.repeat(400) },
    { name: 'long code', text: CODE.repeat(500) },
    { name: 'prose then code', text: PROSE.repeat(200) + CODE.repeat(250) },
    { name: 'CJK', text: '这是一个关于路由的长文档，我们需要估计它的长度。'.repeat(300) },
  ];
  for (const row of sampledRows) {
    it(`samples long text within the documented bound: ${row.name}`, () => {
      assert.ok(row.text.length > EXACT_CAP_CHARS);
      const truth = exact(row.text);
      const error = Math.abs(estimateTokens(row.text) - truth) / truth;
      assert.ok(error <= SAMPLED_ERROR_BOUND, `error ${(error * 100).toFixed(1)} %`);
    });
  }

  it('sampling keeps a huge input cheap', () => {
    const huge = PROSE.repeat(8_000);
    estimateTokens(huge);
    const started = process.hrtime.bigint();
    for (let i = 0; i < 20; i++) estimateTokens(huge);
    const perCallMs = Number(process.hrtime.bigint() - started) / 20 / 1e6;
    assert.ok(perCallMs < 2, `${perCallMs.toFixed(3)} ms per call`);
  });

  const user = (content: string): ChatMessage => ({ role: 'user', content });

  it('quick count: exact within its budget, with bound 0', () => {
    const messages = [{ role: 'system' as const, content: 'Be brief.' }, user(PROSE.repeat(2))];
    assert.ok(PROSE.length * 2 + 9 <= QUICK_EXACT_CHARS);
    assert.deepEqual(quickMessageTokens(messages), { tokens: estimateMessageTokens(messages), errorBound: 0 });
    assert.deepEqual(quickMessageTokens([]), { tokens: 0, errorBound: 0 });
  });

  const quickRows: readonly { name: string; messages: ChatMessage[] }[] = [
    ...sampledRows.map((row) => ({ name: row.name, messages: [user(row.text)] })),
    { name: 'a conversation of many short turns', messages: Array.from({ length: 30 }, (_, i) => user(i % 2 === 0 ? PROSE : CODE)) },
    { name: 'a short ask after a long paste', messages: [user(CODE.repeat(200)), user('Why does this fail?')] },
  ];
  for (const row of quickRows) {
    it(`quick count of a long request within its documented bound: ${row.name}`, () => {
      const truth = countMessageTokens(row.messages);
      assert.equal(truth.errorBound === 0 || truth.errorBound === SAMPLED_ERROR_BOUND, true);
      const quick = quickMessageTokens(row.messages);
      assert.equal(quick.errorBound, QUICK_ERROR_BOUND);
      const error = Math.abs(quick.tokens - truth.tokens) / truth.tokens;
      assert.ok(error <= QUICK_ERROR_BOUND, `error ${(error * 100).toFixed(1)} %`);
    });
  }

  it('counts messages with overheads and a flat estimate per image', () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', mediaType: 'image/png', data: 'AAAA' }, { type: 'image', mediaType: 'image/jpeg', data: 'BBBB' }] },
    ];
    const expected = REPLY_PRIMER_TOKENS + 2 * MESSAGE_OVERHEAD_TOKENS + exact('Be brief.') + exact('What is this?') + 2 * IMAGE_TOKEN_ESTIMATE;
    assert.equal(estimateMessageTokens(messages), expected);
    assert.equal(estimateMessageTokens([]), 0);
  });
});

describe('codeDetection', () => {
  const rows: readonly { name: string; text: string; languageId?: string; hasCode: boolean; language?: string }[] = [
    { name: 'tagged fence', text: 'Look:\n```py\nprint(1)\n```', hasCode: true, language: 'python' },
    { name: 'tagged fence, alias', text: '```sh\nls -la\n```', hasCode: true, language: 'shellscript' },
    { name: 'untagged fence of code', text: '```\nconst a = 1;\nlet b = a + 1;\nif (b) {\n  run();\n}\n```', hasCode: true },
    { name: 'untagged fence of log lines', text: '```\n10:00 INFO started\n10:01 WARN slow\n10:02 ERROR failed\n```', hasCode: false },
    { name: 'text-tagged fence', text: '```text\nhello there\n```', hasCode: false },
    { name: 'unfenced pasted code', text: 'why?\ndef f(x):\n    y = x + 1\n    return y\nprint(f(2))', hasCode: true },
    { name: 'plain prose', text: 'The council voted on Tuesday. Shop owners worried about parking; a review follows.', hasCode: false },
    { name: 'selection language id', text: 'explain this', languageId: 'rust', hasCode: true, language: 'rust' },
    { name: 'plaintext selection is not code', text: 'summarise this', languageId: 'plaintext', hasCode: false },
    { name: 'unterminated fence', text: 'fix:\n```go\nfunc main() {', hasCode: true, language: 'go' },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const facts = detectCode(row.text, row.languageId);
      assert.equal(facts.hasCode, row.hasCode, facts.evidence.join('; '));
      assert.equal(facts.language, row.language);
    });
  }

  it('removes fenced code from the asking words', () => {
    const facts = detectCode('Please review\n```ts\nconst classify = 1;\n```\nthanks');
    assert.ok(!facts.prose.includes('classify'));
    assert.ok(facts.prose.includes('Please review') && facts.prose.includes('thanks'));
    assert.equal(facts.codeLines, 1);
  });
});
