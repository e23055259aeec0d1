import assert from 'node:assert/strict';
import {
  isFailover,
  ledgerAttempts,
  parseLedgerLine,
  serializeLedgerRecord,
  type LedgerRecord,
} from '../../../../src/core/cost/ledgerRecord';
import type { AttemptRecord } from '../../../../src/core/resilience/runEvents';
import { sampleDraft } from './ledgerDrafts';

const RECORD: LedgerRecord = { ...sampleDraft(3), id: 'r1', ts: 1_700_000_000_000, workspace: 'ws' };
const LINE = serializeLedgerRecord(RECORD).slice(0, -1);

describe('ledger record', () => {
  it('serialises to one line starting with its id, and parses back to the same record', () => {
    const line = serializeLedgerRecord(RECORD);
    assert.ok(line.startsWith('{"id":"r1",'));
    assert.ok(line.endsWith('}\n'));
    assert.equal(line.indexOf('\n'), line.length - 1);
    assert.deepEqual(parseLedgerLine(line.slice(0, -1)), RECORD);
  });

  it('keeps batch: true of a batch record, and writes nothing for every other call', () => {
    assert.equal(parseLedgerLine(serializeLedgerRecord({ ...RECORD, batch: true }).slice(0, -1))?.batch, true);
    assert.ok(!LINE.includes('batch'));
    assert.equal(parseLedgerLine(LINE)?.batch, undefined);
  });

  it('stores unknown usage and cost as absent fields, never as 0 or null', () => {
    const line = serializeLedgerRecord({ ...RECORD, usage: { outputTokens: 12 }, costUsd: undefined });
    assert.ok(!line.includes('costUsd'));
    assert.ok(!line.includes('inputTokens'));
    assert.ok(!line.includes('null'));
    assert.deepEqual(parseLedgerLine(line)?.usage, { outputTokens: 12 });
  });

  const rows: { name: string; line: string; valid: boolean | string }[] = [
    { name: 'a whole record', line: LINE, valid: 'r1' },
    { name: 'an empty line', line: '', valid: false },
    { name: 'not JSON', line: 'hello', valid: false },
    { name: 'the first half of a record (torn)', line: LINE.slice(0, 60), valid: false },
    { name: 'a torn tail with a whole record glued after it', line: LINE.slice(0, 60) + LINE.replace('"r1"', '"r2"'), valid: 'r2' },
    { name: 'a record followed by garbage', line: `${LINE}xx`, valid: false },
    { name: 'a JSON array', line: '[1,2]', valid: false },
    { name: 'a string ts', line: LINE.replace('"ts":1700000000000', '"ts":"now"'), valid: false },
    { name: 'negative tokens', line: LINE.replace(/"inputTokens":\d+/, '"inputTokens":-5'), valid: false },
    { name: 'fractional tokens', line: LINE.replace(/"inputTokens":\d+/, '"inputTokens":1.5'), valid: false },
    { name: 'negative cost', line: LINE.replace(/"costUsd":[\d.e-]+/, '"costUsd":-1'), valid: false },
    { name: 'an unknown outcome', line: LINE.replace('"outcome":"success"', '"outcome":"maybe"'), valid: false },
    { name: 'a missing id', line: LINE.replace('"id":"r1",', ''), valid: false },
    { name: 'an empty id', line: LINE.replace('"id":"r1"', '"id":""'), valid: false },
    { name: 'an extra field from a newer version', line: LINE.replace('"id":"r1",', '"id":"r1","region":"eu",'), valid: 'r1' },
  ];
  for (const row of rows) {
    it(`parses ${row.name}: ${row.valid === false ? 'skipped' : `record ${row.valid}`}`, () => {
      const record = parseLedgerLine(row.line);
      if (row.valid === false) assert.equal(record, undefined);
      else assert.equal(record?.id, row.valid);
    });
  }

  it('drops fields it does not know instead of carrying them along', () => {
    const record = parseLedgerLine(LINE.replace('"id":"r1",', '"id":"r1","region":"eu",'));
    assert.equal(record !== undefined && 'region' in record, false);
  });

  it('turns the runner\'s attempts into compact ledger attempts', () => {
    const attempts: AttemptRecord[] = [
      { ref: { provider: 'openai', model: 'a' }, retry: 0, startedAt: 100, endedAt: 350, outcome: 'failed', reason: 'overloaded', status: 529, textChars: 0, note: 'retry' },
      { ref: { provider: 'anthropic', model: 'b' }, retry: 0, startedAt: 400, endedAt: 400, outcome: 'skipped', textChars: 0, note: 'breaker open' },
      { ref: { provider: 'gemini', model: 'c' }, retry: 0, startedAt: 400, endedAt: 1_400, outcome: 'success', textChars: 42, ttftMs: 80 },
    ];
    assert.deepEqual(ledgerAttempts(attempts), [
      { provider: 'openai', model: 'a', outcome: 'failed', reason: 'overloaded', status: 529, latencyMs: 250 },
      { provider: 'anthropic', model: 'b', outcome: 'skipped', reason: 'breaker open', latencyMs: 0 },
      { provider: 'gemini', model: 'c', outcome: 'success', latencyMs: 1_000 },
    ]);
  });

  const failoverRows: { name: string; models: [string, string][]; failover: boolean }[] = [
    { name: 'no attempts (cache hit)', models: [], failover: false },
    { name: 'one attempt', models: [['openai', 'a']], failover: false },
    { name: 'retries on one model', models: [['openai', 'a'], ['openai', 'a']], failover: false },
    { name: 'a second model', models: [['openai', 'a'], ['openai', 'b']], failover: true },
    { name: 'the same model id at another provider', models: [['openai', 'a'], ['compat:x', 'a']], failover: true },
  ];
  for (const row of failoverRows) {
    it(`failover: ${row.name} → ${row.failover}`, () => {
      const attempts = row.models.map(([provider, model]) => ({ provider, model, outcome: 'failed' as const, latencyMs: 1 }));
      assert.equal(isFailover({ ...RECORD, attempts }), row.failover);
    });
  }
});
