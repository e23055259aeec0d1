import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AnswerSummary } from '../../src/vscode/ask/askController';
import { fakeRequests, quorumApi, useFakeProviders } from './helpers';

const KEYS = { openai: 'sk-test-excache-openai-0001', anthropic: 'sk-ant-test-excache-0001' } as const;

function ask(args: Record<string, unknown>): Thenable<AnswerSummary | undefined> {
  return vscode.commands.executeCommand<AnswerSummary | undefined>('quorum.askBestModel', { attachContext: false, ...args });
}

/** Requests that asked a model (listings are GETs). */
async function modelCalls(): Promise<number> {
  return (await fakeRequests()).filter((r) => r.method === 'POST').length;
}

async function timed<T>(run: () => Thenable<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

describe('Exact response cache', function () {
  this.timeout(60_000);
  useFakeProviders(KEYS, {
    'quorum.privacy.allowedProviders': ['openai', 'anthropic'],
    'quorum.fallback.maxRetriesPerModel': 0,
    'quorum.cache.exact': { ask: true },
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('answers a repeated Ask from the cache: no request reaches the fake, a $0 record with what it saved', async () => {
    const api = await quorumApi();
    const prompt = `Cache me ${Date.now()}`;
    const miss = await timed(() => ask({ prompt }));
    assert.equal(miss.value?.phase, 'done', miss.value?.error);
    const original = (await api.spendRecords()).at(-1);
    assert.ok(original !== undefined && original.cacheHit === false && (original.costUsd ?? 0) > 0, 'the first answer was a priced call');
    const calls = await modelCalls();
    const records = (await api.spendRecords()).length;

    const hit = await timed(() => ask({ prompt }));
    assert.equal(hit.value?.phase, 'done', hit.value?.error);
    assert.equal(hit.value?.text, miss.value?.text);
    assert.equal(await modelCalls(), calls, 'no second request reached the fake');
    const all = await api.spendRecords();
    assert.equal(all.length, records + 1);
    const cached = all.at(-1);
    assert.equal(cached?.cacheHit, true);
    assert.equal(cached?.costUsd, 0);
    assert.equal(cached?.savedUsd, original.costUsd, 'the record says what the hit saved');
    assert.deepEqual(cached?.attempts, []);
    assert.match(hit.value?.snapshot.header.cached ?? '', /^cached · saved \$/);
    // The figures for the report: the saving, and a hit's time against a warm round trip to the fake, as the median
    // of 5 interleaved rounds (a new prompt = a miss, then the same prompt again = a hit).
    const rounds: { missMs: number; hitMs: number; missRecordMs: number; hitRecordMs: number }[] = [];
    for (let round = 0; round < 5; round++) {
      const fresh = `${prompt} round ${round}`;
      const roundMiss = await timed(() => ask({ prompt: fresh }));
      const missRecordMs = (await api.spendRecords()).at(-1)?.latencyMs ?? NaN;
      const roundHit = await timed(() => ask({ prompt: fresh }));
      assert.ok(roundHit.value?.snapshot.header.cached !== undefined && roundMiss.value?.snapshot.header.cached === undefined);
      rounds.push({ missMs: roundMiss.ms, hitMs: roundHit.ms, missRecordMs, hitRecordMs: (await api.spendRecords()).at(-1)?.latencyMs ?? NaN });
    }
    const median = (pick: (r: (typeof rounds)[number]) => number): number => Math.round([...rounds.map(pick)].sort((a, b) => a - b)[2] ?? NaN);
    console.log(`[exact-cache figures] ${JSON.stringify({
      savedUsd: cached?.savedUsd, commandMissMs: median((r) => r.missMs), commandHitMs: median((r) => r.hitMs),
      requestPathMissMs: median((r) => r.missRecordMs), requestPathHitMs: median((r) => r.hitRecordMs),
    })}`);
  });

  it('Ask Again With the model that just answered asks it afresh', async () => {
    const prompt = `Again ${Date.now()}`;
    const first = await ask({ prompt });
    const calls = await modelCalls();
    const again = await vscode.commands.executeCommand<AnswerSummary | undefined>('quorum.askAgainWith', { model: first?.answeredBy });
    assert.equal(again?.phase, 'done', again?.error);
    assert.equal(again?.snapshot.header.cached, undefined);
    assert.equal(await modelCalls(), calls + 1);
  });

  it('saving an attached file with other content drops its cached answers at once', async () => {
    const api = await quorumApi();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? assert.fail('a workspace folder');
    const uri = vscode.Uri.joinPath(folder, `cache-sample-${Date.now()}.ts`);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('export const answer = 41;\n'));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const prompt = 'What does this file export?';
    assert.equal((await ask({ prompt, attachContext: true }))?.phase, 'done');
    const calls = await modelCalls();
    assert.equal((await ask({ prompt, attachContext: true }))?.snapshot.header.cached !== undefined, true, 'unchanged: a hit');
    assert.equal(await modelCalls(), calls);
    const before = await api.exactCacheSize();
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(0, 0, 1, 0), 'export const answer = 42;\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await document.save());
    const after = await sizeBelow(api, before);
    assert.equal(after, before - 1);
    assert.equal((await ask({ prompt, attachContext: true }))?.snapshot.header.cached, undefined, 'changed: asked afresh');
    assert.equal(await modelCalls(), calls + 1);
  });
});

/** The cache's size once it is below `size` (the watcher drops entries asynchronously); fails after 15 s. */
async function sizeBelow(api: Awaited<ReturnType<typeof quorumApi>>, size: number): Promise<number> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const now = await api.exactCacheSize();
    if (now < size) return now;
    if (Date.now() > deadline) throw new Error(`the cache still holds ${now} answers, expected fewer than ${size}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
