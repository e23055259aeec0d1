import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LedgerRecord } from '../../src/core/cost/ledgerRecord';
import { formatUsd } from '../../src/shared/format';
import type { SpendRow } from '../../src/shared/spendProtocol';
import type { AnswerSummary } from '../../src/vscode/ask/askController';
import { queueScenario, quorumApi, useFakeProviders, waitFor } from './helpers';

const KEY = 'sk-test-cost-agreement-0001';
/** Priced high enough that one short fake answer moves four decimals, low enough not to top the month for spend.test. */
const PRICED = 'cost-agreement-priced';
/** Priced for input and output only: a reply with cache reads has no known price. */
const NO_CACHE_RATE = 'cost-agreement-no-cache-rate';

function askPinned(model: string, prompt: string): Thenable<AnswerSummary | undefined> {
  return vscode.commands.executeCommand<AnswerSummary | undefined>('quorum.askBestModel', { prompt, attachContext: false, model: `openai/${model}` });
}

/** The ledger record of `model`, read back through the JSON export (the records exactly as stored). */
async function ledgerRecordOf(model: string): Promise<LedgerRecord> {
  const api = await quorumApi();
  const file = path.join(os.tmpdir(), `quorum-cost-agreement-${process.pid}.json`);
  const deadline = Date.now() + 15_000;
  try {
    for (;;) {
      await api.exportUsageTo(file);
      const { records } = JSON.parse(await readFile(file, 'utf8')) as { records: LedgerRecord[] };
      const found = records.filter((r) => r.model === model);
      if (found.length > 0) {
        assert.equal(found.length, 1, `one call on ${model}`);
        return found[0] as LedgerRecord;
      }
      if (Date.now() > deadline) assert.fail(`no ledger record for ${model}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await rm(file, { force: true });
  }
}

/** The panel's Spend snapshot row of `model`, once the snapshot has it. */
async function spendRowOf(model: string): Promise<SpendRow> {
  const api = await quorumApi();
  await vscode.commands.executeCommand('quorum.showSpend');
  return waitFor(() => api.lastSpendSnapshot()?.byModel.find((row) => row.key === `openai/${model}`), `${model} in the Spend snapshot`);
}

/** "$(pulse) $0.0123+ today" → 0.0123; "unknown today" (no priced call yet) → 0. */
function meterUsd(text: string): number {
  const match = /\$([\d,.]+)/.exec(text.replace('$(pulse)', ''));
  return match === null ? 0 : Number((match[1] ?? '').replace(/,/g, ''));
}

describe('Cost agreement: one Ask call costs the same in the answer header, the Spend snapshot, the meter and the ledger', function () {
  this.timeout(60_000);
  useFakeProviders({ openai: KEY }, {
    'quorum.privacy.allowedProviders': ['openai'],
    'quorum.fallback.maxRetriesPerModel': 0,
    'quorum.models': [
      { provider: 'openai', id: PRICED, inputPerMTok: 200, outputPerMTok: 600 },
      { provider: 'openai', id: NO_CACHE_RATE, inputPerMTok: 200, outputPerMTok: 600 },
    ],
  });

  it('a priced call: the same dollars everywhere', async () => {
    const api = await quorumApi();
    await api.spendReady();
    const meterBefore = meterUsd(api.spendMeter().text);

    const summary = await askPinned(PRICED, 'Cost check.');
    assert.equal(summary?.phase, 'done', summary?.error);
    const header = api.answerView()?.header.cost ?? summary?.snapshot.header.cost;
    assert.match(header ?? '', /^\$\d/, 'the header shows a price');

    const record = await ledgerRecordOf(PRICED);
    assert.ok(record.costUsd !== undefined && record.costUsd > 0, 'the ledger priced the call');
    assert.equal(formatUsd(record.costUsd), header, 'ledger = header');

    const row = await spendRowOf(PRICED);
    assert.deepEqual([row.costUsd, row.calls, row.unpricedCalls], [record.costUsd, 1, 0], 'Spend snapshot = ledger');

    const label = `openai/${PRICED}`.replace(/[\\`*_[\]<>|]/g, '\\$&');
    const meter = await waitFor(() => {
      const now = api.spendMeter();
      return now.tooltip.includes(label) ? now : undefined;
    }, 'the meter tooltip to list the model');
    assert.ok(meter.tooltip.includes(`${label} ${header}`), `meter tooltip shows ${header} for the call:\n${meter.tooltip}`);
    const moved = meterUsd(meter.text) - meterBefore;
    assert.ok(Math.abs(moved - record.costUsd) <= 0.0001, `the meter moved by ${moved}, the call cost ${record.costUsd}`);
  });

  it('cache reads the catalog has no rate for: "unknown" everywhere, never a guessed price', async () => {
    const api = await quorumApi();
    await queueScenario({ vendor: 'openai', model: NO_CACHE_RATE, usage: { cachedInputTokens: 8 } });
    const summary = await askPinned(NO_CACHE_RATE, 'Cache check.');
    assert.equal(summary?.phase, 'done', summary?.error);
    assert.equal(api.answerView()?.header.cost ?? summary?.snapshot.header.cost, 'unknown');

    const record = await ledgerRecordOf(NO_CACHE_RATE);
    assert.equal(record.usage.cachedInputTokens, 8, 'the fake reported cache reads');
    assert.equal(record.costUsd, undefined, 'the ledger records the cost as unknown');

    const row = await spendRowOf(NO_CACHE_RATE);
    assert.deepEqual([row.calls, row.unpricedCalls], [1, 1], 'the Spend snapshot counts it as a call of unknown cost');
    assert.match(api.spendMeter().text, /\+ today$|unknown today$/, 'the meter marks its total as a lower bound');
  });
});
