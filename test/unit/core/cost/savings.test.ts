import assert from 'node:assert/strict';
import { builtinModels } from '../../../../src/core/catalog/builtinModels';
import type { ModelInfo } from '../../../../src/core/catalog/modelInfo';
import type { LedgerRecord } from '../../../../src/core/cost/ledgerRecord';
import {
  callSavings, defaultBaselineModel, summarizeSavings, type CallSavings, type SavingsRecord,
} from '../../../../src/core/cost/savings';

function builtin(provider: string, id: string): ModelInfo {
  const model = builtinModels.find((m) => m.provider === provider && m.id === id);
  if (model === undefined) throw new Error(`no built-in ${provider}/${id}`);
  return model;
}

const fable = builtin('anthropic', 'claude-fable-5-1'); // $10 / $50, cache read $0.25
const astra = builtin('openai', 'gpt-6.2-astra'); // $8 / $40, cached rate unknown
const at = (iso: string) => Date.parse(iso);

function record(overrides: Partial<SavingsRecord> = {}): SavingsRecord {
  // A GPT-6 Luna call: 10k in × $0.10 + 1k out × $0.50 = $0.0015.
  return { ts: at('2026-11-22T10:00:00Z'), provider: 'openai', model: 'gpt-6-luna', usage: { inputTokens: 10_000, outputTokens: 1_000 }, costUsd: 0.0015, ...overrides };
}

function assertClose(actual: number | undefined, expected: number | undefined, label: string): void {
  if (expected === undefined) return assert.equal(actual, undefined, label);
  assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-12, `${label}: got ${actual}, want ${expected}`);
}

describe('callSavings', () => {
  const rows: [string, SavingsRecord, ModelInfo, CallSavings][] = [
    // Fable for the same usage: 10k × $10 + 1k × $50 = $0.15.
    ['a budget call against a premium baseline', record(), fable, { baselineUsd: 0.15, actualUsd: 0.0015, savedUsd: 0.1485 }],
    ['cached tokens priced at the baseline cache rate', record({ usage: { inputTokens: 10_000, cachedInputTokens: 8_000, outputTokens: 1_000 }, costUsd: 0.00078 }), fable,
      { baselineUsd: 0.072, actualUsd: 0.00078, savedUsd: 0.07122 }], // 2k×10 + 8k×0.25 + 1k×50
    ['a call on the baseline itself saves 0', record({ provider: 'anthropic', model: 'claude-fable-5-1', costUsd: 0.15 }), fable, { baselineUsd: 0.15, actualUsd: 0.15, savedUsd: 0 }],
    ['a call on the baseline with unknown cost still saves 0', record({ provider: 'anthropic', model: 'claude-fable-5-1', costUsd: undefined }), fable, { savedUsd: 0 }],
    ['a routed call that cost more than the baseline saves a negative amount', record({ costUsd: 0.2 }), fable, { baselineUsd: 0.15, actualUsd: 0.2, savedUsd: -0.05 }],
    ['unknown actual cost: savings unknown', record({ costUsd: undefined }), fable, { baselineUsd: 0.15 }],
    ['unknown usage: baseline and savings unknown', record({ usage: undefined }), fable, { actualUsd: 0.0015 }],
    ['baseline rate unknown for the cached part: savings unknown', record({ usage: { inputTokens: 10_000, cachedInputTokens: 5_000, outputTokens: 1_000 } }), astra, { actualUsd: 0.0015 }],
    ['a negative recorded cost is treated as unknown', record({ costUsd: -1 }), fable, { baselineUsd: 0.15 }],
    ['a NaN recorded cost is treated as unknown', record({ costUsd: Number.NaN }), fable, { baselineUsd: 0.15 }],
  ];
  for (const [name, rec, baseline, expected] of rows) {
    it(name, () => {
      const savings = callSavings(rec, baseline);
      assert.deepEqual(Object.keys(savings).sort(), Object.keys(expected).sort());
      assertClose(savings.baselineUsd, expected.baselineUsd, 'baseline');
      assertClose(savings.actualUsd, expected.actualUsd, 'actual');
      assertClose(savings.savedUsd, expected.savedUsd, 'saved');
    });
  }
});

describe('summarizeSavings', () => {
  // 22 November 2026 and November 2026 in UTC, as the ledger's periodRange gives them.
  const periods = {
    today: { fromMs: at('2026-11-22T00:00:00Z'), toMs: at('2026-11-23T00:00:00Z') },
    month: { fromMs: at('2026-11-01T00:00:00Z'), toMs: at('2026-12-01T00:00:00Z') },
  };
  const records: SavingsRecord[] = [
    record({ ts: at('2026-11-22T09:00:00Z') }), // today: saves 0.1485
    record({ ts: at('2026-11-22T11:00:00Z'), costUsd: undefined }), // today, unknown
    record({ ts: at('2026-11-22T11:30:00Z'), cacheHit: true, costUsd: 0 }), // cache hit: left out
    record({ ts: at('2026-11-03T09:00:00Z') }), // this month: saves 0.1485
    record({ ts: at('2026-10-31T23:59:59Z') }), // last month: left out
    record({ ts: Number.NaN }), // unreadable time: left out
    record({ ts: at('2026-12-01T00:00:00Z') }), // next month (another window's clock ahead): left out
  ];

  it('sums today and this month, counting unknown calls apart', () => {
    const summary = summarizeSavings(records, fable, periods);
    assert.equal(summary.today.calls, 1);
    assert.equal(summary.today.unknownCalls, 1);
    assertClose(summary.today.savedUsd, 0.1485, 'today saved');
    assertClose(summary.today.baselineUsd, 0.15, 'today baseline');
    assertClose(summary.today.actualUsd, 0.0015, 'today actual');
    assert.equal(summary.month.calls, 2);
    assert.equal(summary.month.unknownCalls, 1);
    assertClose(summary.month.savedUsd, 0.297, 'month saved');
  });

  it('treats ranges as half-open: the start is in, the end is out', () => {
    const edges = [record({ ts: periods.today.fromMs }), record({ ts: periods.today.toMs })];
    const summary = summarizeSavings(edges, fable, periods);
    assert.equal(summary.today.calls, 1);
    assert.equal(summary.month.calls, 2);
  });

  it('accepts ledger records as they are', () => {
    const ledgerRecord: LedgerRecord = {
      id: 'r1', ts: at('2026-11-22T09:00:00Z'), workspace: 'w', feature: 'ask', provider: 'openai', model: 'gpt-6-luna',
      usage: { inputTokens: 10_000, outputTokens: 1_000 }, costUsd: 0.0015, latencyMs: 900, outcome: 'success',
      attempts: [], cacheHit: false, routeReason: 'simple task → budget tier',
    };
    // Compile-time half of the test: a LedgerRecord must stay assignable to SavingsRecord.
    const summary = summarizeSavings([ledgerRecord], fable, periods);
    assertClose(summary.today.savedUsd, 0.1485, 'saved');
  });

  it('is all zeros without records', () => {
    const empty = { savedUsd: 0, baselineUsd: 0, actualUsd: 0, calls: 0, unknownCalls: 0 };
    assert.deepEqual(summarizeSavings([], fable, periods), { today: empty, month: empty });
  });
});

describe('defaultBaselineModel', () => {
  const compat = (id: string, tier: ModelInfo['tier'], outputPerMTok?: number, inputPerMTok = 1): ModelInfo => ({
    provider: 'compat:router', id, displayName: id, pricing: outputPerMTok === undefined ? {} : { inputPerMTok, outputPerMTok },
    capabilities: { vision: false, tools: false, json: false, reasoning: false }, tier, source: 'user',
  });
  const rows: [string, readonly ModelInfo[], string[], string | undefined][] = [
    ['every vendor configured: the premium model with the highest output price', builtinModels, ['openai', 'anthropic', 'gemini'], 'anthropic/claude-fable-5-1'],
    ['OpenAI and Gemini only', builtinModels, ['openai', 'gemini'], 'openai/gpt-6.2-astra'],
    ['Gemini only', builtinModels, ['gemini'], 'gemini/gemini-3.1-pro-preview'],
    ['a disabled model is never the baseline', builtinModels.map((m) => (m.id === 'claude-fable-5-1' ? { ...m, disabled: true } : m)), ['anthropic'], 'anthropic/claude-opus-5-5'],
    ['nothing configured', builtinModels, [], undefined],
    ['tier before price: a pricey standard model loses to a cheap premium one', [compat('std', 'standard', 100), compat('prem', 'premium', 1)], ['compat:router'], 'compat:router/prem'],
    ['output price before input price', [compat('dear-input', 'premium', 10, 9), compat('dear-output', 'premium', 20, 1)], ['compat:router'], 'compat:router/dear-output'],
    ['a known price before an unknown one', [compat('unpriced', 'premium'), compat('priced', 'premium', 2)], ['compat:router'], 'compat:router/priced'],
    ['a full tie falls back to the model id', [compat('b', 'premium', 2), compat('a', 'premium', 2)], ['compat:router'], 'compat:router/a'],
  ];
  for (const [name, models, configured, expected] of rows) {
    it(name, () => {
      const chosen = defaultBaselineModel(models, configured);
      assert.equal(chosen === undefined ? undefined : `${chosen.provider}/${chosen.id}`, expected);
    });
  }
});
