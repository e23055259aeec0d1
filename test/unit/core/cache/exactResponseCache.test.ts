import assert from 'node:assert/strict';
import { ExactResponseCache, type CachedAnswer, type ExactCacheStorage } from '../../../../src/core/cache/exactResponseCache';

class MemoryStorage implements ExactCacheStorage {
  writes = 0;
  constructor(public value: unknown = undefined, private readonly failRead = false) {}
  read(): Promise<unknown> {
    return this.failRead ? Promise.reject(new Error('disk on fire')) : Promise.resolve(this.value);
  }
  write(value: unknown): Promise<void> {
    this.writes++;
    this.value = JSON.parse(JSON.stringify(value));
    return Promise.resolve();
  }
}

function answer(key: string, extra: Partial<CachedAnswer> = {}): CachedAnswer {
  return { key, text: `answer ${key}`, answeredBy: { provider: 'openai', model: 'gpt-6-luna' }, usage: { inputTokens: 10, outputTokens: 5 }, costUsd: 0.0012, attachments: [], createdAt: 1, ...extra };
}

describe('ExactResponseCache', () => {
  it('starts empty, misses, then hits what was stored, across a reload from storage', async () => {
    const storage = new MemoryStorage();
    const cache = new ExactResponseCache(storage, () => assert.fail('not corrupt'));
    assert.equal(await cache.get('k1'), undefined);
    await cache.put(answer('k1'));
    assert.equal((await cache.get('k1'))?.text, 'answer k1');
    const reloaded = new ExactResponseCache(storage, () => assert.fail('not corrupt'));
    assert.deepEqual(await reloaded.get('k1'), answer('k1'));
  });

  it('evicts the least recently used entry beyond the entry cap; a hit counts as a use', async () => {
    const cache = new ExactResponseCache(new MemoryStorage(), () => undefined, { maxEntries: 2, maxBytes: 1_000_000 });
    await cache.put(answer('a'));
    await cache.put(answer('b'));
    await cache.get('a');
    await cache.put(answer('c'));
    assert.equal(await cache.get('b'), undefined, 'b was the least recently used');
    assert.ok(await cache.get('a'));
    assert.ok(await cache.get('c'));
  });

  it('evicts beyond the byte cap, keeping the newest', async () => {
    const one = JSON.stringify(answer('a', { text: 'x'.repeat(1000) })).length;
    const cache = new ExactResponseCache(new MemoryStorage(), () => undefined, { maxEntries: 100, maxBytes: one * 2 + 10 });
    for (const key of ['a', 'b', 'c', 'd']) await cache.put(answer(key, { text: 'x'.repeat(1000) }));
    assert.equal(await cache.size(), 2);
    assert.ok(await cache.get('d'));
    assert.equal(await cache.get('a'), undefined);
  });

  it('drops the entries that attached a file with other content, keeps the rest', async () => {
    const cache = new ExactResponseCache(new MemoryStorage(), () => undefined);
    await cache.put(answer('old', { attachments: [{ path: 'src/a.ts', sha256: 'h1' }] }));
    await cache.put(answer('same', { attachments: [{ path: 'src/a.ts', sha256: 'h2' }] }));
    await cache.put(answer('other', { attachments: [{ path: 'src/b.ts', sha256: 'h1' }] }));
    assert.deepEqual([...await cache.attachedPaths()].sort(), ['src/a.ts', 'src/b.ts']);
    assert.equal(await cache.invalidate('src/a.ts', 'h2'), 1);
    assert.equal(await cache.get('old'), undefined);
    assert.ok(await cache.get('same'));
    assert.ok(await cache.get('other'));
    assert.equal(await cache.invalidate('src/b.ts', undefined), 1, 'a deleted file drops all its entries');
  });

  for (const [what, stored] of [['garbage', 'not json at all'], ['another shape', { version: 1, entries: [{ key: 'x' }] }], ['another version', { version: 9, entries: [] }]] as const) {
    it(`a corrupt store (${what}) is reported, starts empty and works on`, async () => {
      const reports: string[] = [];
      const storage = new MemoryStorage(stored);
      const cache = new ExactResponseCache(storage, (m) => void reports.push(m));
      assert.equal(await cache.get('x'), undefined);
      assert.equal(reports.length, 1);
      assert.match(reports[0] ?? '', /empty cache/);
      await cache.put(answer('k'));
      const reloaded = new ExactResponseCache(storage, () => assert.fail('the store is valid again'));
      assert.equal((await reloaded.get('k'))?.key, 'k');
    });
  }

  it('a store that cannot be read is reported and the cache starts empty, without writing over it', async () => {
    const reports: string[] = [];
    const storage = new MemoryStorage({ version: 1, entries: [] }, true);
    const cache = new ExactResponseCache(storage, (m) => void reports.push(m));
    assert.equal(await cache.get('x'), undefined);
    assert.match(reports[0] ?? '', /could not be read \(disk on fire\)/);
    assert.equal(storage.writes, 0, 'nothing written until an answer is stored');
  });
});
