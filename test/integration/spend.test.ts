import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AnswerSummary } from '../../src/vscode/ask/askController';
import { quorumApi, useFakeProviders, waitFor, withSetting } from './helpers';

const KEY = 'sk-test-spend-openai-0001';

function ask(prompt: string): Thenable<AnswerSummary | undefined> {
  return vscode.commands.executeCommand<AnswerSummary | undefined>('quorum.askBestModel', { prompt, attachContext: false });
}

/** "$0.0012 today" → 0.0012 ("<$0.0001" reads as 0.0001). */
function meterUsd(text: string): number {
  const match = /\$([\d,.]+)/.exec(text);
  assert.ok(match, `a dollar amount in "${text}"`);
  return Number((match[1] ?? '').replace(/,/g, ''));
}

describe('Spend: ledger, status-bar meter, the panel\'s Spend tab, export', function () {
  this.timeout(60_000);
  useFakeProviders({ openai: KEY }, {
    'quorum.privacy.allowedProviders': ['openai'],
    'quorum.fallback.maxRetriesPerModel': 0,
    // The fakes answer in a few dozen tokens, which costs under $0.0001 at real prices: price OpenAI's
    // models high so every call moves the meter's four visible decimals.
    'quorum.models': ['gpt-6-luna', 'gpt-6.2-sol', 'gpt-6.2-astra'].map((id) => ({ provider: 'openai', id, inputPerMTok: 500, outputPerMTok: 1500 })),
  });

  it('the meter shows today\'s spend and moves after a call against the fakes', async () => {
    const api = await quorumApi();
    const before = await api.spendReady();
    const start = api.spendMeter();
    assert.match(start.text, /^\$\(pulse\) (<?\$[\d,.]+\+?|unknown) today$/);
    const startUsd = meterUsd(start.text);

    const summary = await ask('What does a circuit breaker do? Answer briefly.');
    assert.equal(summary?.phase, 'done', summary?.error);
    const after = await waitFor(() => {
      const meter = api.spendMeter();
      return meter.text !== start.text ? meter : undefined;
    }, 'the meter to change after the call');
    assert.ok(meterUsd(after.text) > startUsd, `${start.text} → ${after.text}`);
    assert.equal(await api.spendReady(), before + 1, 'one ledger record per call');
    assert.match(after.tooltip, /\| Today \| \$[\d,.]+( \(\+ \d+ calls? of unknown cost\))? \| \d+ calls? \|/);
    // Which model tops the month depends on what other suites spent in this shared host: check the shape only.
    assert.match(after.tooltip, /Top models this month: [\w:.-]+\/[\w:.-]+ \$/);
    assert.match(after.tooltip, /All models available\./);
    assert.match(after.tooltip, /No budget set\./);
  });

  it('warns in the meter and asks before a request that would cross the daily cap', async () => {
    const api = await quorumApi();
    await ask('Name one prime number.');
    const spent = meterUsd(api.spendMeter().text);
    // A cap just above today's spend: 50 % and 80 % are crossed, so the meter turns to warning.
    const restores = [await withSetting('quorum.budget.dailyUsd', spent * 1.1)];
    try {
      await waitFor(() => /Daily budget: .* \(9\d%\) — nearing the cap/.test(api.spendMeter().tooltip) || undefined, 'the budget line in the tooltip');
      // A cap already used up with onExceed=block: the request is not sent and says why.
      restores.push(await withSetting('quorum.budget.dailyUsd', spent / 2));
      restores.push(await withSetting('quorum.budget.onExceed', 'block'));
      const records = await api.spendReady();
      const blocked = await ask('Name another prime number.');
      assert.equal(blocked?.phase, 'failed');
      assert.match(blocked?.error ?? '', /^Not sent: Today's \$[\d.]+ budget is used up \(\$[\d.]+ spent/);
      assert.equal(await api.spendReady(), records, 'a blocked request is not a call: nothing recorded');
    } finally {
      for (const restore of restores.reverse()) await restore();
    }
  });

  it('Show Spend opens the Quorum panel on its Spend tab with the workspace totals and per-model rows', async () => {
    const api = await quorumApi();
    await vscode.commands.executeCommand('quorum.showSpend');
    const snapshot = await waitFor(() => api.lastSpendSnapshot(), 'a spend snapshot');
    assert.ok(snapshot.all.calls >= 2, `calls recorded: ${snapshot.all.calls}`);
    assert.ok(snapshot.today.costUsd > 0);
    assert.ok(snapshot.byModel.some((row) => row.key.startsWith('openai/') && row.calls > 0));
    assert.ok(snapshot.byFeature.some((row) => row.key === 'ask'));
    await waitFor(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'Quorum'), 'the Quorum panel');
  });

  it('exports every recorded call as CSV and JSON', async () => {
    const api = await quorumApi();
    const records = await api.spendReady();
    const dir = path.join(os.tmpdir(), `quorum-export-${process.pid}`);
    try {
      await api.exportUsageTo(path.join(dir, 'usage.csv'));
      const csv = await readFile(path.join(dir, 'usage.csv'), 'utf8');
      const lines = csv.trimEnd().split('\r\n');
      assert.equal(lines.length, records + 1, 'a header and one row per call');
      assert.match(lines[0] ?? '', /^time,feature,provider,model,outcome,cost_usd,/);
      await api.exportUsageTo(path.join(dir, 'usage.json'));
      const json = JSON.parse(await readFile(path.join(dir, 'usage.json'), 'utf8')) as { records: unknown[] };
      assert.equal(json.records.length, records);
      assert.ok(!csv.includes(KEY) && !JSON.stringify(json).includes(KEY), 'no key in an export');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
