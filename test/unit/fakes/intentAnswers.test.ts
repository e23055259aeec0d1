import assert from 'node:assert/strict';
import { extractCode } from '../../../src/core/editor/codeExtraction';
import { buildActionRequest } from '../../../src/core/editor/actionPrompts';
import { confidenceMessages, parseConfidenceReply, reaskMessages } from '../../../src/core/ensemble/vote/confidence';
import { buildJudgePrompt, parseJudgeReply, type JudgeCandidate } from '../../../src/core/ensemble/vote/judge';
import { normaliseAnswer } from '../../../src/core/ensemble/vote/normalise';
import type { ChatMessage } from '../../../src/core/types';
import { anthropicFake } from '../../fakes/anthropicFake';
import { geminiFake } from '../../fakes/geminiFake';
import { detectIntent } from '../../fakes/intent';
import { openaiFake } from '../../fakes/openaiFake';
import { answerFor, paceFor } from '../../fakes/script';
import { dissents } from '../../fakes/shortAnswers';
import { useFakeServer } from '../../fakes/useFakeServer';

// One model per vendor family, as the default vote picks them.
const PANEL = ['gpt-5.4-mini', 'claude-haiku-4-5', 'gemini-2.5-flash'];
const QUESTIONS = ['Is 7 a prime number? Answer yes or no.', 'Which is larger, 9.11 or 9.9?', 'What is 17 * 23?', 'How many legs does a spider have?'];

/** What a fake sees of `messages`: the last user message as the prompt, every text as context. */
function answerTo(model: string, messages: readonly ChatMessage[]): string {
  const texts = messages.map((m) => (typeof m.content === 'string' ? m.content : ''));
  const lastUser = [...messages].reverse().find((m) => m.role === 'user');
  return answerFor(model, typeof lastUser?.content === 'string' ? lastUser.content : '', [], texts);
}

describe('the fakes answer by intent', () => {
  it('answers a confidence vote with JSON the real parser accepts: short answers, small models less sure', () => {
    for (const question of QUESTIONS) {
      for (const model of [...PANEL, 'gpt-5.4', 'claude-sonnet-4-6']) {
        const reply = parseConfidenceReply(answerTo(model, confidenceMessages([{ role: 'user', content: question }])));
        assert.ok(reply.ok, `${model} on ${question}: ${JSON.stringify(reply)}`);
        assert.ok(reply.answer.length <= 20, reply.answer);
        assert.equal(reply.confidence < 0.7, /mini|haiku|flash/u.test(model), `${model}: ${reply.confidence}`);
      }
    }
  });

  it('answers a re-ask with the JSON object too', () => {
    const question = 'Is 7 a prime number?';
    const messages = reaskMessages([{ role: 'user', content: question }], 'Hello!', 'the reply was not a JSON object');
    const reply = parseConfidenceReply(answerTo('gpt-5.4', messages));
    assert.deepEqual(reply, { ok: true, answer: 'Yes', confidence: reply.ok ? reply.confidence : NaN });
  });

  it('has one dissenting vendor family per question, so a default vote agrees 2 of 3', () => {
    for (const question of QUESTIONS) {
      const keys = PANEL.map((model) => normaliseAnswer(answerFor(model, question)));
      const counts = [...new Set(keys)].map((k) => keys.filter((x) => x === k).length).sort();
      assert.deepEqual(counts, [1, 2], `${question}: ${keys.join(' | ')}`);
      assert.equal(PANEL.filter((model) => dissents(model, question)).length, 1);
    }
    const prime = 'Is 7 a prime number? Answer yes or no.';
    assert.equal(answerFor('gpt-5.4', prime), dissents('gpt-5.4', prime) ? 'No.' : 'Yes.');
    assert.equal(normaliseAnswer(answerFor('claude-sonnet-4-6', 'What is 17 * 23?')), dissents('claude-sonnet-4-6', 'What is 17 * 23?') ? 'text:401' : 'text:391');
  });

  it('judges with a valid verdict that picks the majority answer, whatever its label', () => {
    const question: ChatMessage[] = [{ role: 'user', content: 'Which is larger, 9.11 or 9.9?' }];
    for (const order of [['9.11', '9.9'], ['9.9', '9.11']]) {
      const candidates: JudgeCandidate[] = order.map((answer, i) => ({ label: String.fromCharCode(65 + i), key: answer, answer }));
      for (const judge of ['claude-sonnet-4-6', 'gemini-2.5-pro', 'gpt-5.4']) {
        const verdict = parseJudgeReply(answerTo(judge, buildJudgePrompt(question, candidates)), ['A', 'B']);
        assert.ok(verdict.ok, JSON.stringify(verdict));
        assert.equal(candidates.find((c) => c.label === verdict.label)?.answer, '9.9');
        assert.ok((verdict.rationale ?? '').length > 0);
      }
    }
  });

  it('fixes the code a Fix request carries, in exactly one fenced block (both prompt layouts)', () => {
    const code = 'function total(xs) {\n  let sum = 0;\n  for (let i = 0; i <= xs.length; i++) {\n    if (xs[i] == 0) continue;\n    if (xs[i] != null) sum += 0;\n    sum += xs[i];\n  }\n  return sum;\n}';
    for (const provider of ['openai', 'anthropic']) {
      const { messages } = buildActionRequest('fix', { code, languageId: 'javascript', fileName: 'cart.js' }, { provider, systemRole: true });
      const answer = answerTo('gpt-5.4', messages);
      assert.equal((answer.match(/```/gu) ?? []).length, 2, answer);
      const extracted = extractCode(answer, 'javascript');
      assert.equal(extracted.source, 'fence');
      assert.match(extracted.code, /i < xs\.length/u);
      assert.match(extracted.code, /xs\[i\] === 0/u);
      assert.match(extracted.code, /xs\[i\] != null/u, 'the == null idiom is kept');
    }
  });

  it('returns code for tests, docs and refactor requests, and for typed ones without code', () => {
    const code = 'export function applyDiscount(price: number, percent: number): number {\n  let result = price - price * percent / 100;\n  return result;\n}';
    for (const action of ['tests', 'docs', 'refactor'] as const) {
      const { messages } = buildActionRequest(action, { code, languageId: 'typescript' }, { provider: 'gemini', systemRole: true });
      assert.equal(extractCode(answerTo('gemini-2.5-flash', messages), 'typescript').source, 'fence', action);
    }
    const docs = buildActionRequest('docs', { code, languageId: 'typescript' }, { provider: 'openai', systemRole: true });
    assert.match(answerTo('gpt-5.4', docs.messages), /@param price/u);
    assert.match(answerFor('gpt-5.4', 'Write tests for a function that reverses a string'), /```ts\n[\s\S]*describe\(/u);
  });

  it('keeps prose and greetings as before, and is deterministic', () => {
    assert.equal(answerFor('claude-haiku-4-5', 'Hi there'), 'Hello from claude-haiku-4-5. You asked: "Hi there". This is a scripted answer from the Quorum fake provider.');
    const prose = answerFor('gpt-5.4', 'Explain what a circuit breaker does');
    assert.match(prose, /^You asked: "Explain what a circuit breaker does"\./u);
    assert.match(prose, /\*\*circuit breaker\*\*/u);
    assert.equal(answerFor('gpt-5.4', 'Explain what a circuit breaker does'), prose);
    assert.equal(detectIntent('Say hello to the chat test').kind, 'greeting');
    assert.equal(detectIntent('Name a sorting algorithm').kind, 'prose');
    assert.equal(detectIntent('What does this do?\n```js\n// TODO: fix the rounding\nround(x);\n```').kind, 'prose', 'words in the code ask for nothing');
    assert.equal(answerFor('gpt-5.4', 'Hi', [{ promptIncludes: 'Hi', text: 'scripted' }]), 'scripted', 'a scripted answer still wins');
  });
});

describe('the fakes\' pace', () => {
  it('is unpaced unless set (the tests), and faster for small models (the demo)', () => {
    assert.equal(paceFor('gpt-5.4', undefined), undefined);
    assert.equal(paceFor('gpt-5.4', 45), 45);
    assert.equal(paceFor('claude-haiku-4-5', 45), 72);
  });
});

describe('each fake passes the request context to the intent answers', () => {
  const fake = useFakeServer(() => [openaiFake('openai'), anthropicFake(), geminiFake()]);
  const question = 'Is 7 a prime number?';
  const system = confidenceMessages([])[0]?.content as string;

  async function post(url: string, headers: Record<string, string>, body: unknown): Promise<unknown> {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    assert.equal(res.status, 200, await res.clone().text());
    return res.json();
  }

  it('OpenAI, Anthropic and Gemini each answer a confidence request with valid JSON', async () => {
    const openai = await post(`${fake.baseUrls.openai}/chat/completions`, { authorization: 'Bearer sk-test' }, {
      model: 'gpt-5.4', messages: [{ role: 'system', content: system }, { role: 'user', content: question }],
    }) as { choices: { message: { content: string } }[] };
    const anthropic = await post(`${fake.baseUrls.anthropic}/v1/messages`, { 'x-api-key': 'sk-ant-test', 'anthropic-version': '2023-06-01' }, {
      model: 'claude-sonnet-4-6', max_tokens: 200, system, messages: [{ role: 'user', content: question }],
    }) as { content: { text: string }[] };
    const gemini = await post(`${fake.baseUrls.gemini}/v1beta/models/gemini-2.5-pro:generateContent`, { 'x-goog-api-key': 'g-test' }, {
      systemInstruction: { parts: [{ text: system }] }, contents: [{ role: 'user', parts: [{ text: question }] }],
    }) as { candidates: { content: { parts: { text: string }[] } }[] };
    const replies = [openai.choices[0]?.message.content, anthropic.content[0]?.text, gemini.candidates[0]?.content.parts[0]?.text];
    for (const reply of replies) assert.ok(parseConfidenceReply(reply ?? '').ok, String(reply));
  });
});
