import assert from 'node:assert/strict';
import type { LedgerRecord } from '../../../../src/core/cost/ledgerRecord';
import { USAGE_CSV_COLUMNS, usageCsv, usageJson } from '../../../../src/core/cost/usageExport';

const BASE: LedgerRecord = {
  id: 'r1', ts: Date.UTC(2026, 10, 22, 9, 30), workspace: 'ws', feature: 'ask', provider: 'openai', model: 'gpt-6-luna',
  usage: { inputTokens: 1200, outputTokens: 300 }, costUsd: 0.00027, latencyMs: 840, ttftMs: 210, outcome: 'success',
  attempts: [{ provider: 'openai', model: 'gpt-6-luna', outcome: 'success', latencyMs: 840 }], cacheHit: false, routeReason: 'Task: chat',
};

function rows(csv: string): string[] {
  assert.ok(csv.endsWith('\r\n'));
  return csv.slice(0, -2).split('\r\n');
}

describe('usageExport', () => {
  it('writes a header and one row per record, unknowns as empty cells', () => {
    const unpriced: LedgerRecord = { ...BASE, id: 'r2', costUsd: undefined, usage: {}, ttftMs: undefined };
    const [header, first, second] = rows(usageCsv([BASE, unpriced]));
    assert.equal(header, USAGE_CSV_COLUMNS.join(','));
    assert.equal(first, '2026-11-22T09:30:00.000Z,ask,openai,gpt-6-luna,success,0.00027,1200,300,,,,840,210,1,false,false,Task: chat,r1');
    assert.equal(second, '2026-11-22T09:30:00.000Z,ask,openai,gpt-6-luna,success,,,,,,,840,,1,false,false,Task: chat,r2');
  });

  const quoting: readonly { name: string; reason: string; cell: string }[] = [
    { name: 'comma', reason: 'cheap, capable', cell: '"cheap, capable"' },
    { name: 'quote', reason: 'the "best" one', cell: '"the ""best"" one"' },
    { name: 'line break', reason: 'a\nb', cell: '"a\nb"' },
    { name: 'formula', reason: '=HYPERLINK("x")', cell: `"'=HYPERLINK(""x"")"` },
    { name: 'leading minus', reason: '-1+2', cell: "'-1+2" },
  ];
  for (const row of quoting) {
    it(`quotes or defuses a ${row.name}`, () => {
      const csv = usageCsv([{ ...BASE, routeReason: row.reason }]);
      assert.ok(csv.includes(`,${row.cell},r1\r\n`), csv);
    });
  }

  it('marks a failover when more than one model was tried', () => {
    const failover: LedgerRecord = {
      ...BASE,
      attempts: [{ provider: 'anthropic', model: 'claude-haiku-5-5', outcome: 'failed', reason: 'serverError', status: 503, latencyMs: 40 }, ...BASE.attempts],
    };
    assert.match(rows(usageCsv([failover]))[1] ?? '', /,2,true,false,/);
  });

  it('exports JSON with the records exactly as stored', () => {
    const doc = JSON.parse(usageJson([BASE], 'ws', Date.UTC(2026, 10, 22))) as { exportedAt: string; workspace: string; records: unknown[] };
    assert.deepEqual(doc, { exportedAt: '2026-11-22T00:00:00.000Z', workspace: 'ws', records: [BASE] });
  });
});
