import assert from 'node:assert/strict';
import type { Ballot } from '../../../../../src/core/ensemble/vote/ballot';
import type { JudgeVerdict } from '../../../../../src/core/ensemble/vote/judge';
import { sumCosts } from '../../../../../src/core/ensemble/vote/voteCost';
import { confidenceVote, judgeVote, majorityVote, type VoteResult, type VoteStrategy } from '../../../../../src/core/ensemble/vote/voting';

/** A valid ballot from model `provider/model` = `id`, answering `answer`. */
function v(id: string, answer: string, extra: Partial<Ballot> = {}): Ballot {
  const [provider = 'p', model = id] = id.split('/');
  return { id, ref: { provider, model }, outcome: 'valid', answer, costUsd: 0.001, finishedAfterMs: 100, ...extra };
}
function failed(id: string, extra: Partial<Ballot> = {}): Ballot {
  const [provider = 'p', model = id] = id.split('/');
  return { id, ref: { provider, model }, outcome: 'failed', problem: 'serverError', costUsd: 0, ...extra };
}
function verdict(id: string, label: string | undefined, extra: Partial<JudgeVerdict> = {}): JudgeVerdict {
  return { id, ref: { provider: 'j', model: id }, outcome: label === undefined ? 'invalid' : 'valid', costUsd: 0.0001, ...(label === undefined ? {} : { label }), ...extra };
}

interface Row {
  readonly name: string;
  readonly strategy: VoteStrategy;
  readonly ballots: readonly Ballot[];
  readonly verdicts?: readonly JudgeVerdict[];
  /** The winner's representative answer; `null` for no winner. */
  readonly winner: string | null;
  /** Agreement as a fraction, 0..1. */
  readonly agreement?: number;
  readonly clusters: number;
  readonly why?: RegExp;
}

const ROWS: readonly Row[] = [
  // Majority.
  { name: 'clear majority across spellings', strategy: 'majority', ballots: [v('o/a', '42'), v('o/b', 'forty-two'), v('o/c', '41')], winner: '42', agreement: 2 / 3, clusters: 2, why: /^2 of 3 valid answers agree \(67%\)\.$/u },
  { name: 'unanimous yes synonyms', strategy: 'majority', ballots: [v('a', 'Yes'), v('b', 'yeah'), v('c', 'True.')], winner: 'Yes', agreement: 1, clusters: 1, why: /^All 3 valid answers agree\.$/u },
  { name: 'a bigger cluster beats an earlier finisher', strategy: 'majority', ballots: [v('a', 'x', { finishedAfterMs: 10 }), v('b', 'y', { finishedAfterMs: 500 }), v('c', 'y', { finishedAfterMs: 600 })], winner: 'y', clusters: 2 },
  { name: 'tie 1–1: earliest finish wins', strategy: 'majority', ballots: [v('a', 'one', { finishedAfterMs: 300 }), v('b', 'two', { finishedAfterMs: 100 })], winner: 'two', agreement: 0.5, clusters: 2, why: /Tie broken: its first answer finished first \(100 ms vs 300 ms\)/u },
  { name: 'tie 2–2: the cluster whose earliest member finished first', strategy: 'majority', ballots: [v('a', 'x', { finishedAfterMs: 50 }), v('b', 'y', { finishedAfterMs: 60 }), v('c', 'x', { finishedAfterMs: 900 }), v('d', 'y', { finishedAfterMs: 70 })], winner: 'x', agreement: 0.5, clusters: 2 },
  { name: 'tie at equal finish: lowest model id', strategy: 'majority', ballots: [v('openai/z', 'first'), v('anthropic/y', 'second')], winner: 'second', clusters: 2, why: /by model id \(anthropic\/y before openai\/z\)/u },
  { name: 'tie: an unknown finish time ranks after a known one', strategy: 'majority', ballots: [v('a/a', 'p', { finishedAfterMs: undefined }), v('b/b', 'q', { finishedAfterMs: 9_000 })], winner: 'q', clusters: 2 },
  { name: 'failed models do not vote; the vote completes', strategy: 'majority', ballots: [v('a', 'Paris'), failed('b'), v('c', 'paris.')], winner: 'Paris', agreement: 1, clusters: 1, why: /All 2 valid answers agree\. Not counted: 1 failed\.$/u },
  { name: 'everything failed: no winner', strategy: 'majority', ballots: [failed('a'), failed('b')], winner: null, clusters: 0, why: /^No model gave a valid answer\. Not counted: 2 failed\.$/u },
  { name: 'an empty answer is invalid, not a vote', strategy: 'majority', ballots: [v('a', '  '), v('b', 'x')], winner: 'x', agreement: 1, clusters: 1, why: /Only one valid answer\. Not counted: 1 invalid\./u },
  { name: 'stopped ballots are listed as stopped', strategy: 'majority', ballots: [v('a', 'x'), v('b', 'x'), { id: 'c', ref: { provider: 'p', model: 'c' }, outcome: 'stopped' }], winner: 'x', agreement: 1, clusters: 1, why: /Not counted: 1 stopped\./u },
  { name: 'JSON answers cluster canonically', strategy: 'majority', ballots: [v('a', '{"a":1,"b":2}'), v('b', '{"b": 2, "a": 1}'), v('c', '{"a":1}')], winner: '{"a":1,"b":2}', clusters: 2 },
  { name: 'code answers cluster without comments', strategy: 'majority', ballots: [v('a', '```js\nf(1) // call\n```'), v('b', '```js\nf( 1 )\n```'), v('c', '```js\nf(2)\n```')], winner: '```js\nf(1) // call\n```', clusters: 2 },
  // Confidence-weighted.
  { name: 'confidence: one sure model outweighs two unsure ones', strategy: 'confidence', ballots: [v('a', 'x', { confidence: 0.9 }), v('b', 'y', { confidence: 0.5 }), v('c', 'y', { confidence: 0.3 })], winner: 'x', agreement: 1 / 3, clusters: 2, why: /Total confidence 0\.90 against 0\.80/u },
  { name: 'confidence: two fairly sure models outweigh one sure one', strategy: 'confidence', ballots: [v('a', 'x', { confidence: 0.9 }), v('b', 'y', { confidence: 0.5 }), v('c', 'y', { confidence: 0.5 })], winner: 'y', clusters: 2 },
  // 0.7 + 0.1 is 0.7999999999999999 in floating point: without the 1e-9 comparison y would win on weight.
  { name: 'confidence: 0.7 + 0.1 equals 0.8, then size decides', strategy: 'confidence', ballots: [v('a', 'y', { confidence: 0.8, finishedAfterMs: 1 }), v('b', 'x', { confidence: 0.7 }), v('c', 'x', { confidence: 0.1 })], winner: 'x', clusters: 2 },
  { name: 'confidence: equal weight and size, earliest finish', strategy: 'confidence', ballots: [v('a', 'x', { confidence: 0.5, finishedAfterMs: 200 }), v('b', 'y', { confidence: 0.5, finishedAfterMs: 150 })], winner: 'y', clusters: 2, why: /Tie broken/u },
  { name: 'confidence: invalid replies are excluded', strategy: 'confidence', ballots: [v('a', 'x', { confidence: 0.2 }), { id: 'b', ref: { provider: 'p', model: 'b' }, outcome: 'invalid', answer: 'not json', problem: 'invalid reply' }], winner: 'x', agreement: 1, clusters: 1, why: /Not counted: 1 invalid/u },
  { name: 'confidence: a valid answer without confidence does not vote', strategy: 'confidence', ballots: [v('a', 'x', { confidence: 0.2 }), v('b', 'y')], winner: 'x', clusters: 1 },
  // Judge.
  { name: 'judge: a single judge overrules the majority', strategy: 'judge', ballots: [v('a', 'x'), v('b', 'x'), v('c', 'y')], verdicts: [verdict('j1', 'B', { rationale: 'y is right.' })], winner: 'y', agreement: 1 / 3, clusters: 2, why: /^Judge j\/j1 picked B: y is right\./u },
  { name: 'judge panel: 2 of 3 picks win', strategy: 'judge', ballots: [v('a', 'x'), v('b', 'y')], verdicts: [verdict('j1', 'A', { rationale: 'A.' }), verdict('j2', 'B'), verdict('j3', 'A')], winner: 'x', clusters: 2, why: /^2 of 3 judges picked A: A\./u },
  { name: 'judge panel split 1–1–1: the larger cluster', strategy: 'judge', ballots: [v('a', 'x'), v('b', 'y'), v('c', 'z'), v('d', 'z')], verdicts: [verdict('j1', 'A'), verdict('j2', 'B'), verdict('j3', 'C')], winner: 'z', clusters: 3 },
  { name: 'judge panel 1–1 with an invalid judge: tie-break', strategy: 'judge', ballots: [v('a', 'x', { finishedAfterMs: 400 }), v('b', 'y', { finishedAfterMs: 200 })], verdicts: [verdict('j1', 'A'), verdict('j2', 'B'), verdict('j3', undefined)], winner: 'y', clusters: 2, why: /Tie broken/u },
  { name: 'judge: no valid verdict falls back to the majority', strategy: 'judge', ballots: [v('a', 'x'), v('b', 'x'), v('c', 'y')], verdicts: [verdict('j1', undefined), verdict('j2', 'B', { outcome: 'failed' })], winner: 'x', clusters: 2, why: /^No judge gave a valid verdict; the majority decided\. 2 of 3/u },
  { name: 'judge: one distinct answer needs no judge', strategy: 'judge', ballots: [v('a', 'x'), v('b', 'X.')], verdicts: [], winner: 'x', clusters: 1, why: /^No judge was needed\./u },
];

function run(row: Row): VoteResult {
  switch (row.strategy) {
    case 'majority':
      return majorityVote(row.ballots, 1234);
    case 'confidence':
      return confidenceVote(row.ballots, 1234);
    case 'judge':
      return judgeVote(row.ballots, row.verdicts ?? [], 1234);
  }
}

describe('voting', () => {
  for (const row of ROWS) {
    it(`${row.strategy}: ${row.name}`, () => {
      const result = run(row);
      assert.equal(result.winner?.answer ?? null, row.winner);
      assert.equal(result.clusters.length, row.clusters);
      if (row.agreement !== undefined) assert.ok(Math.abs((result.agreement ?? -1) - row.agreement) < 1e-9, `agreement ${result.agreement}`);
      if (row.why !== undefined) assert.match(result.why, row.why);
      if (result.winner !== undefined) assert.equal(result.winner.index, 0);
      assert.equal(result.totalMs, 1234);
      // Every answer in the winning cluster points at cluster 1; invalid ones at none.
      for (const answer of result.answers) {
        if (answer.valid) assert.ok(answer.cluster !== undefined && answer.normalised !== undefined);
        else assert.equal(answer.cluster, undefined);
      }
      assert.deepEqual(result.answers.map((a) => a.id), row.ballots.map((b) => b.id), 'answers keep ballot order');
    });
  }

  it('is deterministic whatever the order of the ballots', () => {
    const ballots = [v('openai/z', 'first'), v('anthropic/y', 'second'), v('gemini/x', 'third', { finishedAfterMs: 150 })];
    const winners = [ballots, [...ballots].reverse(), [ballots[1], ballots[2], ballots[0]] as Ballot[]].map((bs) => majorityVote(bs, 0).winner?.answer);
    assert.deepEqual(winners, ['second', 'second', 'second']);
  });

  it('marks each answer with its cluster, confidence and validity', () => {
    const result = confidenceVote([v('a', 'x', { confidence: 0.4 }), v('b', 'y', { confidence: 0.9 }), v('c', 'x', { confidence: 0.6 }), failed('d')], 0);
    assert.deepEqual(result.answers.map((a) => [a.id, a.cluster, a.valid, a.confidence, a.normalised]), [['a', 0, true, 0.4, 'text:x'], ['b', 1, true, 0.9, 'text:y'], ['c', 0, true, 0.6, 'text:x'], ['d', undefined, false, undefined, undefined]]);
    assert.equal(result.validVotes, 3);
    assert.equal(result.clusters[0]?.weight, 1);
  });

  it('totals the cost of answers and judges; an unknown part leaves a lower bound and a count', () => {
    const known = judgeVote([v('a', 'x', { costUsd: 0.002 }), v('b', 'y', { costUsd: 0.003 })], [verdict('j', 'A', { costUsd: 0.0005 })], 0);
    assert.ok(Math.abs((known.cost.totalUsd ?? -1) - 0.0055) < 1e-12);
    const unknown = majorityVote([v('a', 'x', { costUsd: 0.002 }), v('b', 'x', { costUsd: undefined })], 0);
    assert.equal(unknown.cost.totalUsd, undefined);
    assert.equal(unknown.cost.knownUsd, 0.002);
    assert.equal(unknown.cost.unknownCount, 1);
  });

  it('sumCosts: no calls is a known $0', () => {
    assert.deepEqual(sumCosts([]), { totalUsd: 0, knownUsd: 0, unknownCount: 0 });
  });
});
