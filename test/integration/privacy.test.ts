// What leaves the machine: every request the one request path sends — Ask, Compare, Vote — is in the data-sent
// log with its origin, model and bytes, and a secret in a prompt is blocked or redacted before any provider sees it.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { DataSentEntry } from '../../src/core/privacy/dataSent';
import type { AnswerSummary } from '../../src/vscode/ask/askController';
import { fakeRequests, fakesUrl, queueScenario, quorumApi, useFakeProviders, waitFor } from './helpers';

const MODELS = ['openai/gpt-6-luna', 'anthropic/claude-haiku-5-5'];
/** Built at run time so that no scanner of this repository flags the test itself. */
const FAKE_KEY = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEAquorumintegrationfake', '-----END RSA PRIVATE KEY-----'].join('\n');

/** Every data-sent entry, through the export command (JSON). */
async function sentEntries(): Promise<DataSentEntry[]> {
  const target = vscode.Uri.file(join(tmpdir(), `quorum-data-sent-${process.pid}.json`));
  await vscode.commands.executeCommand('quorum.exportDataSent', target);
  return (JSON.parse(await fs.readFile(target.fsPath, 'utf8')) as { entries: DataSentEntry[] }).entries;
}

/** The entries logged after `since` once there are at least `count` for `feature` (appends are asynchronous). */
async function newEntries(since: number, feature: string, count: number): Promise<DataSentEntry[]> {
  let found: DataSentEntry[] = [];
  for (let i = 0; i < 100; i++) {
    found = (await sentEntries()).filter((e) => e.ts >= since && e.feature === feature);
    if (found.length >= count) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return found;
}

async function modelCalls(): Promise<number> {
  return (await fakeRequests()).filter((r) => r.method === 'POST').length;
}

describe('Privacy: the data-sent log and secret scanning', function () {
  this.timeout(90_000);
  const setting = useFakeProviders({ openai: 'sk-test-privacy-openai-0001', anthropic: 'sk-ant-test-privacy-0001' }, {
    'quorum.privacy.allowedProviders': ['openai', 'anthropic'],
    'quorum.fallback.maxRetriesPerModel': 0,
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  const origin = (): string => new URL(fakesUrl()).origin;

  it('logs an Ask with its origin, model and bytes, and Show Data Sent lists it', async () => {
    const since = Date.now();
    const summary = await vscode.commands.executeCommand<AnswerSummary | undefined>('quorum.askBestModel', { prompt: 'Name a prime number.', attachContext: false, model: 'openai/gpt-6-luna' });
    assert.equal(summary?.phase, 'done', summary?.error);
    const [entry] = await newEntries(since, 'ask', 1);
    assert.equal(entry?.outcome, 'sent');
    assert.equal(`${entry?.provider}/${entry?.model}`, 'openai/gpt-6-luna');
    assert.equal(entry?.origin, origin());
    assert.ok((entry?.bytes ?? 0) >= 'Name a prime number.'.length, `bytes ${entry?.bytes}`);
    const markdown = await vscode.commands.executeCommand<string>('quorum.showDataSent');
    assert.match(markdown, /# Quorum: data sent/);
    assert.match(markdown, /openai\/gpt-6-luna/);
  });

  for (const way of ['compare', 'vote'] as const) {
    it(`logs every model of a ${way}`, async () => {
      const api = await quorumApi();
      await vscode.commands.executeCommand('quorum.openPanel');
      await waitFor(() => api.panelMessages().some((m) => m.type === 'panel/snapshot'), 'the panel\'s snapshot');
      const since = Date.now();
      await api.panelMessage(way === 'compare'
        ? { type: 'compare/run', prompt: 'Name a sorting algorithm', models: MODELS, attachFile: false }
        : { type: 'vote/run', prompt: 'Is 7 a prime number? Answer yes or no.', models: MODELS, strategy: 'majority' });
      const entries = await newEntries(since, way, MODELS.length);
      assert.deepEqual(entries.map((e) => `${e.provider}/${e.model}`).sort(), [...MODELS].sort());
      assert.ok(entries.every((e) => e.origin === origin() && e.bytes > 0 && e.outcome === 'sent'), JSON.stringify(entries));
    });
  }

  it('block: a prompt holding a private key fails with what was found, and the fake sees nothing', async () => {
    await setting('quorum.privacy.secrets', 'block');
    const before = await modelCalls();
    const since = Date.now();
    const summary = await vscode.commands.executeCommand<AnswerSummary | undefined>('quorum.askBestModel', { prompt: `Why is this rejected?\n${FAKE_KEY}`, attachContext: false, model: 'openai/gpt-6-luna' });
    assert.equal(summary?.phase, 'failed');
    assert.match(summary?.error ?? '', /did not send this request: it contains a private key/);
    assert.equal(await modelCalls(), before, 'no model was asked');
    const [entry] = await newEntries(since, 'ask', 1);
    assert.equal(entry?.outcome, 'blocked');
    assert.equal(entry?.secrets[0]?.action, 'blocked');
  });

  it('redact: the fake sees the marker, never the key, and the log says what was redacted', async () => {
    await setting('quorum.privacy.secrets', 'redact');
    await queueScenario({ vendor: 'openai', model: 'gpt-6-luna', answer: 'It is a key.', times: 1 });
    const before = (await fakeRequests()).length;
    const since = Date.now();
    const summary = await vscode.commands.executeCommand<AnswerSummary | undefined>('quorum.askBestModel', { prompt: `Why is this rejected?\n${FAKE_KEY}`, attachContext: false, model: 'openai/gpt-6-luna' });
    assert.equal(summary?.phase, 'done', summary?.error);
    const bodies = JSON.stringify((await fakeRequests()).slice(before).filter((r) => r.method === 'POST').map((r) => r.body));
    assert.ok(!bodies.includes('quorumintegrationfake'), 'the key never reached the provider');
    assert.ok(bodies.includes('[REDACTED private key]'), bodies.slice(0, 400));
    const [entry] = await newEntries(since, 'ask', 1);
    assert.deepEqual(entry?.secrets.map((s) => s.action), ['redacted']);
  });
});
