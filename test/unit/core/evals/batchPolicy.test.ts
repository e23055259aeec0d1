import assert from 'node:assert/strict';
import { BATCH_MIN_REQUESTS_PER_VENDOR, batchDecision, type EvalBatchSetting } from '../../../../src/core/evals/batchPolicy';
import type { EvalCase } from '../../../../src/core/evals/suiteSchema';
import type { ModelRef } from '../../../../src/core/types';

const plain = (n: number): EvalCase[] => Array.from({ length: n }, (_, i) => ({ id: `c${i}`, prompt: 'p', files: [], images: [], checks: [{ type: 'contains', value: 'x' }] }));
const luna = { provider: 'openai', model: 'gpt-6-luna' };
const sol = { provider: 'openai', model: 'gpt-6.2-sol' };
const haiku = { provider: 'anthropic', model: 'claude-haiku-5-5' };
const ollama = { provider: 'compat:ollama', model: 'llama3.2' };

describe('batchDecision (quorum.evals.batch)', () => {
  const rows: [string, EvalBatchSetting, EvalCase[], ModelRef[], boolean, RegExp][] = [
    ['auto, 50 cases on one vendor: batch', 'auto', plain(50), [luna], true, /50 requests/],
    ['auto, 49 cases: live (below the threshold)', 'auto', plain(49), [luna, haiku], false, /below the batch threshold of 50/],
    ['auto, 25 cases on two models of one vendor: 50 requests, batch', 'auto', plain(25), [luna, sol], true, /50 requests/],
    ['never: live however large', 'never', plain(500), [luna], false, /"never"/],
    ['a compatible endpoint has no batch API: the whole run stays live', 'auto', plain(200), [luna, ollama], false, /compat:ollama\/llama3.2 has no batch API/],
    ['judge checks: live', 'auto', [...plain(99), { id: 'j', prompt: 'p', files: [], images: [], checks: [{ type: 'judge', value: 'r' }] }], [luna], false, /judge checks/],
  ];
  for (const [name, setting, cases, models, batch, why] of rows) {
    it(name, () => {
      const decision = batchDecision(setting, { cases }, models);
      assert.equal(decision.batch, batch);
      assert.match(decision.why, why);
    });
  }
  it('the threshold is 50 requests per vendor', () => assert.equal(BATCH_MIN_REQUESTS_PER_VENDOR, 50));
});
