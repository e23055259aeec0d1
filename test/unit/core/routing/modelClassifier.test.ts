import assert from 'node:assert/strict';
import { classify } from '../../../../src/core/routing/classify';
import { MAX_CLASSIFIER_TIMEOUT_MS, buildClassifierPrompt, createModelClassifier, parseVerdict } from '../../../../src/core/routing/modelClassifier';
import type { RouteRequest, TaskProfile } from '../../../../src/core/routing/taskProfile';

const REQUEST: RouteRequest = { feature: 'ask', messages: [{ role: 'user', content: 'What is the capital of Peru?' }] };
const HEURISTIC: TaskProfile = classify(REQUEST);

function never(): Promise<string> {
  return new Promise(() => undefined);
}

interface Row {
  readonly name: string;
  readonly ask: (prompt: string, signal: AbortSignal) => Promise<string>;
  readonly abortAfterMs?: number;
}

describe('modelClassifier — falls back to the heuristics on any failure', () => {
  const rows: readonly Row[] = [
    { name: 'bad JSON', ask: async () => '{"type": "chat", complexity' },
    { name: 'no JSON at all', ask: async () => 'I think this is a chat question.' },
    { name: 'unknown type label', ask: async () => '{"type":"poetry","complexity":"simple"}' },
    { name: 'unknown complexity label', ask: async () => '{"type":"reasoning","complexity":"hard"}' },
    { name: 'ask rejects', ask: async () => { throw new Error('503'); } },
    { name: 'timeout (ask ignores its signal)', ask: never },
    { name: 'caller aborts', ask: never, abortAfterMs: 5 },
  ];
  for (const row of rows) {
    it(row.name, async () => {
      const classifier = createModelClassifier({ ask: row.ask, timeoutMs: 30 });
      const controller = new AbortController();
      if (row.abortAfterMs !== undefined) setTimeout(() => controller.abort(), row.abortAfterMs);
      const started = Date.now();
      const profile = await classifier(REQUEST, HEURISTIC, controller.signal);
      assert.equal(profile, HEURISTIC);
      assert.equal(profile.source, 'heuristic');
      assert.ok(Date.now() - started < 500, 'returned promptly');
    });
  }

  it('an already-aborted signal never asks', async () => {
    let asked = 0;
    const classifier = createModelClassifier({ ask: async () => { asked++; return '{"type":"chat","complexity":"simple"}'; } });
    const controller = new AbortController();
    controller.abort();
    assert.equal(await classifier(REQUEST, HEURISTIC, controller.signal), HEURISTIC);
    assert.equal(asked, 0);
  });

  it('the timeout aborts the signal given to ask, and never exceeds 1.5 s', async () => {
    let seen: AbortSignal | undefined;
    const classifier = createModelClassifier({ ask: (_p, signal) => { seen = signal; return never(); }, timeoutMs: 60_000 });
    assert.equal(MAX_CLASSIFIER_TIMEOUT_MS, 1_500);
    const started = Date.now();
    await classifier(REQUEST, HEURISTIC, new AbortController().signal);
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 1_400 && elapsed < 2_500, `took ${elapsed} ms`);
    assert.equal(seen?.aborted, true);
  }).timeout(4_000);
});

describe('modelClassifier — uses a valid answer', () => {
  it('takes type and complexity from the model, features and needs from the heuristics', async () => {
    const classifier = createModelClassifier({ ask: async () => '```json\n{"type": "reasoning", "complexity": "complex"}\n```' });
    const profile = await classifier(REQUEST, HEURISTIC, new AbortController().signal);
    assert.equal(profile.source, 'model');
    assert.equal(profile.type, 'reasoning');
    assert.equal(profile.complexity, 'complex');
    assert.deepEqual(profile.features, HEURISTIC.features);
    assert.deepEqual(profile.needs, HEURISTIC.needs);
    assert.equal(profile.evidence[0], 'classifier model: reasoning, complex');
  });

  it('a cached second call does not ask again', async () => {
    let asked = 0;
    const classifier = createModelClassifier({ ask: async () => { asked++; return '{"type":"chat","complexity":"standard"}'; } });
    const first = await classifier(REQUEST, HEURISTIC, new AbortController().signal);
    const second = await classifier(REQUEST, HEURISTIC, new AbortController().signal);
    assert.equal(asked, 1);
    assert.deepEqual(second, first);
    assert.equal(second.complexity, 'standard');
  });

  it('a different prompt asks again; failures are not cached', async () => {
    const answers = ['not json', '{"type":"chat","complexity":"simple"}', '{"type":"chat","complexity":"simple"}'];
    let asked = 0;
    const classifier = createModelClassifier({ ask: async () => answers[asked++] ?? '' });
    const signal = new AbortController().signal;
    assert.equal((await classifier(REQUEST, HEURISTIC, signal)).source, 'heuristic');
    assert.equal((await classifier(REQUEST, HEURISTIC, signal)).source, 'model');
    const other: RouteRequest = { feature: 'ask', messages: [{ role: 'user', content: 'Write a haiku about Lima.' }] };
    await classifier(other, classify(other), signal);
    assert.equal(asked, 3);
  });

  it('evicts the least recently used verdict beyond cacheSize', async () => {
    let asked = 0;
    const classifier = createModelClassifier({ cacheSize: 1, ask: async () => { asked++; return '{"type":"chat","complexity":"simple"}'; } });
    const other: RouteRequest = { feature: 'ask', messages: [{ role: 'user', content: 'And Chile?' }] };
    const signal = new AbortController().signal;
    await classifier(REQUEST, HEURISTIC, signal);
    await classifier(other, classify(other), signal);
    await classifier(REQUEST, HEURISTIC, signal);
    assert.equal(asked, 3);
  });

  it('concurrent calls for the same prompt share one question', async () => {
    let asked = 0;
    let release: (answer: string) => void = () => undefined;
    const classifier = createModelClassifier({ ask: () => { asked++; return new Promise((resolve) => { release = resolve; }); } });
    const signal = new AbortController().signal;
    const both = Promise.all([classifier(REQUEST, HEURISTIC, signal), classifier(REQUEST, HEURISTIC, signal)]);
    release('{"type":"extraction","complexity":"simple"}');
    const [a, b] = await both;
    assert.equal(asked, 1);
    assert.equal(a.type, 'extraction');
    assert.equal(b.type, 'extraction');
  });
});

describe('modelClassifier — prompt and parsing', () => {
  it('the prompt names every label and excerpts long input', () => {
    const long: RouteRequest = { feature: 'ask', messages: [{ role: 'user', content: `START ${'x '.repeat(20_000)} END-QUESTION` }] };
    const prompt = buildClassifierPrompt(long, classify(long));
    for (const label of ['classification', 'longDocument', 'multimodal', 'simple', 'complex']) assert.ok(prompt.includes(label), label);
    assert.ok(prompt.includes('START') && prompt.includes('END-QUESTION'));
    assert.ok(prompt.length < 3_500, String(prompt.length));
  });

  const parseRows: readonly { answer: string; ok: boolean }[] = [
    { answer: '{"type":"codeReview","complexity":"standard"}', ok: true },
    { answer: 'Sure! {"type":"summarisation","complexity":"simple"} Hope that helps.', ok: true },
    { answer: '{"type":"codeReview"}', ok: false },
    { answer: '{"type":"CodeReview","complexity":"standard"}', ok: false },
    { answer: '[]', ok: false },
    { answer: '', ok: false },
  ];
  for (const row of parseRows) {
    it(`parses ${JSON.stringify(row.answer)} → ${row.ok ? 'verdict' : 'undefined'}`, () => {
      assert.equal(parseVerdict(row.answer) !== undefined, row.ok);
    });
  }
});
