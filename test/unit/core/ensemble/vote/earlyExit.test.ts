import assert from 'node:assert/strict';
import type { ColumnSummary } from '../../../../../src/core/ensemble/compare/columnSummary';
import { earlyExitHook, enoughAgreement } from '../../../../../src/core/ensemble/vote/earlyExit';
import type { ColumnEvent } from '../../../../../src/core/ensemble/compare/fanOut';
import { normaliseAnswer } from '../../../../../src/core/ensemble/vote/normalise';

interface Row {
  readonly name: string;
  readonly keys: readonly string[];
  readonly k: number | undefined;
  readonly reached: boolean;
  readonly key?: string;
  readonly count: number;
}

const ROWS: readonly Row[] = [
  { name: 'off when k is undefined', keys: ['a', 'a', 'a'], k: undefined, reached: false, count: 3 },
  { name: 'nothing in yet', keys: [], k: 2, reached: false, count: 0 },
  { name: 'two agree at k = 2', keys: ['a', 'b', 'a'], k: 2, reached: true, key: 'a', count: 2 },
  { name: 'two agree, k = 3 not yet', keys: ['a', 'b', 'a'], k: 3, reached: false, count: 2 },
  { name: 'empty keys (failed, invalid) never count', keys: ['', '', ''], k: 2, reached: false, count: 0 },
  { name: 'the first key to reach k wins', keys: ['b', 'a', 'a', 'b'], k: 2, reached: true, key: 'a', count: 2 },
  { name: 'k = 1 stops at the first answer', keys: ['', 'z'], k: 1, reached: true, key: 'z', count: 1 },
];

describe('enoughAgreement', () => {
  for (const row of ROWS) {
    it(row.name, () => {
      const result = enoughAgreement(row.keys, row.k);
      assert.equal(result.reached, row.reached);
      assert.equal(result.key, row.key);
      assert.equal(result.count, row.count);
    });
  }

  it('rejects a k that is not a positive integer', () => {
    assert.throws(() => enoughAgreement([], 0), RangeError);
    assert.throws(() => enoughAgreement([], 1.5), RangeError);
    assert.throws(() => earlyExitHook(-1, () => ''), RangeError);
  });
});

function end(columnId: string, text: string, status: ColumnSummary['status'] = 'done'): ColumnEvent {
  return { type: 'end', columnId, summary: { id: columnId, ref: { provider: 'p', model: columnId }, run: 0, status, text, startedAt: 0, retries: 0 } };
}

describe('earlyExitHook', () => {
  it('stops the rest once k normalised answers agree, once', () => {
    const stops: unknown[][] = [];
    const run = { stop: (...args: unknown[]) => { stops.push(args); } };
    const hook = earlyExitHook(2, (s) => normaliseAnswer(s.text));
    assert.equal(hook.observe({ type: 'delta', columnId: 'a', text: '42' }, run), false);
    assert.equal(hook.observe(end('a', '42'), run), false);
    assert.equal(hook.observe(end('b', '41'), run), false);
    assert.equal(hook.observe(end('c', 'forty-two'), run), true);
    assert.deepEqual(stops, [[undefined, 'earlyExit']]);
    assert.deepEqual(hook.fired(), { reached: true, key: 'text:42', count: 2 });
    assert.equal(hook.observe(end('d', '42'), run), false, 'fires only once');
    assert.equal(stops.length, 1);
  });

  it('counts failed columns as no vote, and a re-asked column by its latest answer', () => {
    const stops: unknown[] = [];
    const run = { stop: () => { stops.push(1); } };
    const hook = earlyExitHook(2, (s) => normaliseAnswer(s.text));
    hook.observe(end('a', 'x', 'failed'), run);
    hook.observe(end('b', 'x'), run);
    assert.equal(stops.length, 0, 'a failed column does not vote even with text');
    hook.observe(end('c', 'garbage'), run);
    hook.observe(end('c', 'x'), run);
    assert.equal(stops.length, 1);
  });

  it('never fires when k is undefined', () => {
    const hook = earlyExitHook(undefined, (s) => s.text);
    const run = { stop: () => assert.fail('stopped') };
    for (const id of ['a', 'b', 'c']) assert.equal(hook.observe(end(id, 'same'), run), false);
    assert.equal(hook.fired(), undefined);
  });
});
