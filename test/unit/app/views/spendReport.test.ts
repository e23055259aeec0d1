import assert from 'node:assert/strict';
import type { LedgerRecord } from '../../../../src/core/cost/ledgerRecord';
import { clockTime } from '../../../../src/app/views/availabilityText';
import { meterAmount, meterText, meterTooltip } from '../../../../src/app/views/spendMeter';
import { spendReport } from '../../../../src/app/views/spendReport';

const NOW = Date.UTC(2026, 10, 22, 12, 0);
const AT = { nowMs: NOW, utcOffsetMinutes: 0 };
const DAY = 86_400_000;

function rec(id: string, ts: number, fields: Partial<LedgerRecord> = {}): LedgerRecord {
  return {
    id, ts, workspace: 'w', feature: 'ask', provider: 'openai', model: 'gpt-6-luna', usage: { inputTokens: 1_000, outputTokens: 1_000 },
    costUsd: 0.01, latencyMs: 500, outcome: 'success', attempts: [{ provider: 'openai', model: 'gpt-6-luna', outcome: 'success', latencyMs: 500 }],
    cacheHit: false, routeReason: 'r', ...fields,
  };
}

const RECORDS: LedgerRecord[] = [
  rec('old', NOW - 40 * DAY, { costUsd: 5 }),
  rec('month', NOW - 3 * DAY, { costUsd: 0.5, model: 'gpt-6.2-sol' }),
  rec('t1', NOW - 3_600_000),
  rec('t2', NOW - 60_000, { costUsd: undefined, provider: 'compat:local', model: 'llama', attempts: [
    { provider: 'anthropic', model: 'claude-haiku-5-5', outcome: 'failed', reason: 'overloaded', status: 529, latencyMs: 30 },
    { provider: 'compat:local', model: 'llama', outcome: 'success', latencyMs: 800 },
  ] }),
];

describe('spendReport', () => {
  const { snapshot, budget } = spendReport({
    records: RECORDS, at: AT, workspace: 'demo', caps: { dailyUsd: 0.0125, monthlyUsd: 100 },
    baseline: { provider: 'openai', id: 'gpt-6.2-astra', displayName: 'GPT-6.2 Astra', pricing: { inputPerMTok: 8, outputPerMTok: 40 } },
    invalidLines: 2,
  });

  it('totals today, this month and all time, counting unpriced calls apart', () => {
    assert.deepEqual(snapshot.today, { costUsd: 0.01, calls: 2, unpricedCalls: 1 });
    assert.deepEqual(snapshot.month, { costUsd: 0.51, calls: 3, unpricedCalls: 1 });
    assert.deepEqual(snapshot.all, { costUsd: 5.51, calls: 4, unpricedCalls: 1 });
    assert.equal(snapshot.invalidLines, 2);
  });

  it('shows each cap with its level: 80 % of the day is a warning', () => {
    assert.equal(snapshot.budget.daily?.level, 'warning');
    assert.equal(snapshot.budget.monthly?.level, 'ok');
    assert.equal(budget.level, 'warning');
  });

  it('breaks the month down by model with latency, and lists failovers newest first', () => {
    assert.deepEqual(snapshot.byModel.map((r) => [r.key, r.calls]), [['openai/gpt-6.2-sol', 1], ['openai/gpt-6-luna', 1], ['compat:local/llama', 1]]);
    assert.equal(snapshot.byModel.find((r) => r.key === 'openai/gpt-6-luna')?.p50Ms, 500);
    assert.deepEqual(snapshot.recentFailovers, [{ ts: NOW - 60_000, from: 'anthropic/claude-haiku-5-5', to: 'compat:local/llama', reason: 'overloaded' }]);
    assert.deepEqual(snapshot.byFeature.map((r) => r.key), ['ask']);
  });

  it('charts the last 30 local days, oldest first, zero-filled, unpriced calls apart', () => {
    assert.equal(snapshot.daily.length, 30);
    assert.equal(snapshot.daily[0]?.day, '2026-10-24');
    assert.deepEqual(snapshot.daily.at(-1), { day: '2026-11-22', costUsd: 0.01, calls: 2, unpricedCalls: 1 });
    assert.deepEqual(snapshot.daily.find((d) => d.day === '2026-11-19'), { day: '2026-11-19', costUsd: 0.5, calls: 1, unpricedCalls: 0 });
    // The 40-day-old record is outside the chart; every other day had no calls.
    assert.equal(snapshot.daily.reduce((sum, d) => sum + d.calls, 0), 3);
  });

  it('measures savings against the baseline on priced calls only', () => {
    // Today's priced call: 1,000 in + 1,000 out on Astra = $0.048, it cost $0.01.
    assert.equal(snapshot.savings?.baseline, 'GPT-6.2 Astra');
    assert.ok(Math.abs((snapshot.savings?.todayUsd ?? NaN) - 0.038) < 1e-9, String(snapshot.savings?.todayUsd));
  });

  it('meter text: scope, a + when some calls have no known cost, unknown when none has', () => {
    assert.equal(meterText(snapshot, 'today').text, '$0.0100+ today');
    assert.equal(meterText(snapshot, 'month').text, '$0.5100+ this month');
    assert.equal(meterText(snapshot, 'workspace').text, '$5.51+ workspace');
    assert.equal(meterAmount({ costUsd: 0, calls: 0, unpricedCalls: 0 }), '$0.00');
    assert.equal(meterAmount({ costUsd: 0, calls: 2, unpricedCalls: 2 }), 'unknown');
  });

  it('tooltip: totals table, top models, savings, budget and unavailable models', () => {
    const cooling = { state: 'unavailable', reason: 'breakerOpen', detail: '3 failures in a row (last: timeout)', scope: 'model', until: NOW + 20_000 } as const;
    const tip = meterTooltip(snapshot, [{ provider: 'anthropic', model: 'claude-haiku-5-5', availability: cooling }], NOW);
    assert.match(tip, /\*\*Quorum spend — demo\*\*/);
    assert.match(tip, /\| Today \| \$0\.0100 \(\+ 1 call of unknown cost\) \| 2 calls \|/);
    assert.match(tip, /Top models this month: openai\/gpt-6\.2-sol \$0\.5000/);
    assert.match(tip, /Saved \$0\.0380 today/);
    assert.match(tip, /Daily budget: \$0\.0100 of \$0\.0125 \(80%\) — nearing the cap/);
    assert.ok(tip.includes(`Not available now:  \nanthropic/claude-haiku-5-5: cooling down until ${clockTime(NOW + 20_000, NOW)} — 3 failures in a row (last: timeout)\n`), tip);
    assert.match(tip, /\[Show spend\]\(command:quorum\.showSpend\)/);
    assert.equal(meterTooltip({ ...snapshot, workspace: 'my_*repo*|x' }, [], NOW).split('\n')[0], '**Quorum spend — my\\_\\*repo\\*\\|x**');
  });

  it('an empty ledger reads $0.00 and says there is no budget', () => {
    const empty = spendReport({ records: [], at: AT, workspace: 'w', caps: {}, invalidLines: 0 }).snapshot;
    assert.equal(meterText(empty, 'today').text, '$0.00 today');
    const tip = meterTooltip(empty, [], NOW);
    assert.match(tip, /No calls this month yet\./);
    assert.match(tip, /No budget set\./);
    assert.match(tip, /All models available\./);
  });
});
