import assert from 'node:assert/strict';
import type { ExactCachePorts } from '../../../src/app/exactCache';
import { createRequestService } from '../../../src/app/requestService';
import { ExactResponseCache, type ExactCacheStorage } from '../../../src/core/cache/exactResponseCache';
import { buildCatalog } from '../../../src/core/catalog/modelCatalog';
import type { LedgerDraft } from '../../../src/core/cost/ledger';
import { FakeClock } from '../core/resilience/fakeClock';
import { fakeEngine } from '../core/ensemble/fakeEngine';
import { luna } from '../core/ask/askFixtures';
import { lastState, recordingEngine } from './recordingEngine';

const engine = () => recordingEngine((n) => ({ text: `answer ${n}`, usage: { inputTokens: 1_000_000, outputTokens: 100_000 } }));
const last = lastState;

const memory = (): ExactCacheStorage => {
  let value: unknown;
  return { read: async () => value, write: async (v) => void (value = v) };
};

/** $2 in / $10 out per MTok: 1M in + 100K out = $3.00 per call. */
function service(options: { enabled?: boolean; mayAnswer?: boolean; hashes?: Record<string, string> } = {}) {
  const e = engine();
  const records: LedgerDraft[] = [];
  const hashes = options.hashes ?? { 'src/a.ts': 'h1' };
  const ports: ExactCachePorts = {
    cache: new ExactResponseCache(memory(), () => undefined),
    enabled: (feature) => (options.enabled ?? true) && feature === 'ask',
    attachmentHashes: async (paths) => paths.map((path) => ({ path, sha256: hashes[path] ?? 'missing' })),
    mayAnswer: async () => options.mayAnswer ?? true,
  };
  const catalog = buildCatalog({ builtin: [], userEntries: [], discovered: [] });
  const requests = createRequestService({
    engine: e,
    fanOut: { engine: fakeEngine({}), clock: new FakeClock(), pricingOf: () => ({ inputPerMTok: 2, outputPerMTok: 10 }) },
    catalog: () => catalog,
    record: (draft) => void records.push(draft),
    exactCache: ports,
  });
  return { requests, e, records, hashes };
}

const request = { messages: [{ role: 'user' as const, content: 'Explain src/a.ts' }], feature: 'ask' as const, contextFiles: ['src/a.ts'] };
const ask = (fresh = false) => ({ prompt: 'Explain', request, ...(fresh ? { fresh } : {}) });
const signal = () => new AbortController().signal;

describe('exact response cache on the request path', () => {
  it('a repeated request is answered from the cache: nothing sent, a $0 record with what it saved and the cached flag', async () => {
    const { requests, e, records } = service();
    const first = await last(requests.ask(ask(), signal()));
    assert.equal(first.cached, undefined);
    const second = await last(requests.ask(ask(), signal()));
    assert.equal(e.sent.length, 1, 'no second request reached a model');
    assert.equal(second.phase, 'done');
    assert.equal(second.segments[0]?.text, 'answer 1');
    assert.deepEqual(second.answeredBy, luna);
    assert.deepEqual(second.cached?.savedUsd, 3);
    assert.deepEqual(records.map((r) => [r.cacheHit, r.costUsd, r.savedUsd]), [[false, 3, undefined], [true, 0, 3]]);
    assert.deepEqual(records[1]?.attempts, []);
  });

  it('Regenerate (fresh) skips the lookup and overwrites the entry', async () => {
    const { requests, e } = service();
    await last(requests.ask(ask(), signal()));
    const regenerated = await last(requests.ask(ask(true), signal()));
    assert.equal(regenerated.cached, undefined);
    assert.equal(regenerated.segments[0]?.text, 'answer 2');
    const again = await last(requests.ask(ask(), signal()));
    assert.equal(again.segments[0]?.text, 'answer 2', 'the regenerated answer replaced the stored one');
    assert.equal(e.sent.length, 2);
  });

  it('an attached file with other content is another request (a miss)', async () => {
    const { requests, e, hashes } = service();
    await last(requests.ask(ask(), signal()));
    hashes['src/a.ts'] = 'h2';
    const after = await last(requests.ask(ask(), signal()));
    assert.equal(after.cached, undefined);
    assert.equal(e.sent.length, 2);
  });

  it('is not used for a feature that is off', async () => {
    const { requests, e, records } = service({ enabled: false });
    await last(requests.ask(ask(), signal()));
    await last(requests.ask(ask(), signal()));
    assert.equal(e.sent.length, 2);
    assert.ok(records.every((r) => !r.cacheHit));
  });

  it('does not serve an answer from a model the current settings forbid', async () => {
    const { requests, e } = service({ mayAnswer: false });
    await last(requests.ask(ask(), signal()));
    const second = await last(requests.ask(ask(), signal()));
    assert.equal(second.cached, undefined);
    assert.equal(e.sent.length, 2);
  });
});
