import assert from 'node:assert/strict';
import { answerHeader } from '../../../../src/app/views/answerHeader';
import { askFooter } from '../../../../src/app/views/chatMarkdown';
import { compareMarkdown } from '../../../../src/app/views/ensembleMarkdown';
import { columnInfo } from '../../../../src/app/views/panelState';
import { meterText } from '../../../../src/app/views/spendMeter';
import { spendReport } from '../../../../src/app/views/spendReport';
import { applyRunEvent, completeAnswer, initialAnswerState, withDecision, type AnswerState } from '../../../../src/core/ask/answerState';
import { buildCatalog } from '../../../../src/core/catalog/modelCatalog';
import type { ModelInfo, ModelPricing } from '../../../../src/core/catalog/modelInfo';
import { answerLedgerDraft } from '../../../../src/core/cost/answerRecord';
import { columnLedgerDraft } from '../../../../src/core/cost/columnRecord';
import type { LedgerDraft } from '../../../../src/core/cost/ledger';
import type { LedgerRecord } from '../../../../src/core/cost/ledgerRecord';
import { priceCall } from '../../../../src/core/cost/pricing';
import { callSavings } from '../../../../src/core/cost/savings';
import { startFanOut } from '../../../../src/core/ensemble/compare/fanOut';
import type { AttemptRecord } from '../../../../src/core/resilience/runEvents';
import type { ModelRef, Usage } from '../../../../src/core/types';
import { formatUsd } from '../../../../src/shared/format';
import { rowCostText } from '../../../../src/shared/spendFormat';
import { decision } from '../../core/ask/askFixtures';
import { FakeClock } from '../../core/resilience/fakeClock';
import { answer, fakeEngine } from '../../core/ensemble/fakeEngine';

/**
 * One call, every consumer: the answer header, chat's footer, the ledger draft, a Compare/Vote column (its
 * panel info, chat markdown and ledger draft), the spend report, the meter and savings must all show or
 * record the same cost — the bug this guards against was a header price the ledger recorded as unknown.
 */

const NOW = Date.UTC(2026, 10, 22, 12, 0);
const ref: ModelRef = { provider: 'openai', model: 'agreement-model' };
const label = () => 'Agreement';

function catalogWith(pricing: ModelPricing | undefined) {
  const model: ModelInfo = {
    provider: ref.provider, id: ref.model, displayName: 'Agreement', pricing: pricing ?? {},
    capabilities: { vision: false, tools: false, json: false, reasoning: false }, tier: 'standard', source: 'builtin',
  };
  return buildCatalog({ builtin: [model], userEntries: [], discovered: [] });
}

function attempt(outcome: AttemptRecord['outcome'], textChars: number, status?: number): AttemptRecord {
  return { ref, retry: 0, startedAt: NOW - 900, endedAt: NOW, outcome, textChars, ...(status === undefined ? {} : { status }) };
}

/** An Ask routed to `ref` that streamed `text` and reported `usage`, then ended as `end` says. */
function askState(usage: Usage | undefined, end: 'done' | 'stopped' | 'refused'): AnswerState {
  let state = withDecision(initialAnswerState('a1', 'q'), { ...decision, chosen: ref, chain: [ref] });
  state = applyRunEvent(state, { type: 'attempt-start', ref, retry: 0 });
  if (end === 'refused') return completeAnswer(state, { attempts: [attempt('failed', 0, 503)], text: '' }, false);
  state = applyRunEvent(state, { type: 'text-delta', text: 'An answer.' });
  if (usage !== undefined) state = applyRunEvent(state, { type: 'usage', usage });
  if (end === 'stopped') return completeAnswer(state, undefined, true);
  return completeAnswer(state, { answeredBy: ref, attempts: [attempt('success', 10)], text: 'An answer.', ...(usage === undefined ? {} : { usage }) }, false);
}

function record(draft: LedgerDraft | undefined): LedgerRecord {
  assert.ok(draft !== undefined, 'the call is recorded');
  return { id: 'r1', ts: NOW - 60_000, workspace: 'w', ...draft };
}

/** What the spend surfaces show for a ledger holding just this call. */
function spendTexts(recorded: LedgerRecord) {
  const { snapshot } = spendReport({ records: [recorded], at: { nowMs: NOW, utcOffsetMinutes: 0 }, workspace: 'w', caps: {}, invalidLines: 0 });
  const row = snapshot.byModel[0];
  assert.ok(row !== undefined);
  return { meter: meterText(snapshot, 'today').text, row: rowCostText(row), todayUsd: snapshot.today.unpricedCalls > 0 ? undefined : snapshot.today.costUsd };
}

const rows: [string, ModelPricing | undefined, Usage][] = [
  ['priced, cache reads at their own rate', { inputPerMTok: 2, outputPerMTok: 10, cachedInputPerMTok: 0.1 }, { inputTokens: 12_000, cachedInputTokens: 8_000, outputTokens: 900 }],
  ['cache reads without a rate: unknown everywhere (the header used to bill them as input)', { inputPerMTok: 8, outputPerMTok: 40 }, { inputTokens: 10_000, cachedInputTokens: 5_000, outputTokens: 1_000 }],
  ['cache writes without a rate: unknown everywhere', { inputPerMTok: 0.75, outputPerMTok: 3.75, cachedInputPerMTok: 0.075 }, { inputTokens: 3_000, cacheWriteTokens: 2_000, outputTokens: 100 }],
  ['a cheap call below a tenth of a cent', { inputPerMTok: 0.1, outputPerMTok: 0.4 }, { inputTokens: 40, outputTokens: 12 }],
  ['a call above a dollar', { inputPerMTok: 15, outputPerMTok: 75 }, { inputTokens: 60_000, outputTokens: 8_000 }],
  ['an unpriced model', undefined, { inputTokens: 100, outputTokens: 100 }],
];

describe('cost agreement: one call, the same cost in every view and record', () => {
  for (const [name, pricing, usage] of rows) {
    describe(name, () => {
      const expected = priceCall(usage, pricing);
      const text = formatUsd(expected);
      const catalog = catalogWith(pricing);
      const pricingOf = (r: ModelRef) => catalog.get(r)?.pricing;

      it('Ask: answer header, chat footer, ledger draft, spend report, meter and savings', () => {
        const state = askState(usage, 'done');
        assert.equal(answerHeader(state, catalog).cost, text);
        assert.match(askFooter(state, catalog), new RegExp(`Cost: ${escape(text)}\\n$`));
        const recorded = record(answerLedgerDraft(state, 'ask', { startedAt: NOW - 1_000, endedAt: NOW }, pricingOf));
        assert.equal(recorded.costUsd, expected);
        const spend = spendTexts(recorded);
        assert.equal(spend.todayUsd, expected);
        assert.equal(spend.meter, `${text} today`);
        assert.equal(spend.row, text);
        // Savings price the same usage on the baseline: a baseline with the same prices costs the same.
        assert.equal(callSavings(recorded, { provider: 'anthropic', id: 'same-prices', pricing: pricing ?? {} }).baselineUsd, expected);
      });

      it('Compare/Vote column: its summary, panel info, chat markdown and ledger draft', async () => {
        const run = startFanOut([{ id: 'A', ref }], { messages: [{ role: 'user', content: 'q' }] }, {
          engine: fakeEngine({ [ref.model]: [answer('An answer.', usage)] }), clock: new FakeClock(NOW), pricingOf,
        });
        const [summary] = await run.idle();
        assert.ok(summary !== undefined);
        assert.equal(summary.costUsd, expected);
        assert.equal(formatUsd(columnInfo(summary, label).costUsd), text, 'the panel column shows formatUsd(costUsd)');
        assert.match(compareMarkdown([summary], label), new RegExp(`out · ${escape(text)}_`));
        const recorded = record(columnLedgerDraft(summary, 'compare', 'compare'));
        assert.equal(recorded.costUsd, expected);
        assert.equal(spendTexts(recorded).meter, `${text} today`);
      });
    });
  }

  const priced: ModelPricing = { inputPerMTok: 3, outputPerMTok: 15 };
  const ended: [string, 'stopped' | 'refused', string][] = [
    // The header used to say "unknown" for a stopped answer whose usage had arrived, while the ledger priced it.
    ['a stopped answer whose usage had arrived', 'stopped', '$0.0030'],
    // The header used to say "unknown" for a call every model refused, while the ledger recorded a known $0.
    ['a call every model refused before any text', 'refused', '$0.00'],
  ];
  for (const [name, end, text] of ended) {
    it(`Ask, ${name}: header, chat, ledger and meter agree (${text})`, () => {
      const catalog = catalogWith(priced);
      const state = askState({ inputTokens: 500, outputTokens: 100 }, end);
      assert.equal(answerHeader(state, catalog).cost, text);
      assert.match(askFooter(state, catalog), new RegExp(`Cost: ${escape(text)}\\n$`));
      const recorded = record(answerLedgerDraft(state, 'ask', { startedAt: NOW - 1_000, endedAt: NOW }, (r) => catalog.get(r)?.pricing));
      assert.equal(formatUsd(recorded.costUsd), text);
      assert.equal(spendTexts(recorded).meter, `${text} today`);
    });
  }
});

function escape(text: string): string {
  return text.replace(/[$.*+?^()[\]{}|\\]/g, '\\$&');
}
