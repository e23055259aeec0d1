import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { quorumApi, waitFor, waitForRow, withSetting } from './helpers';

describe('Show Providers', () => {
  it('lists every provider with the fakes reachable and keyless providers marked', async () => {
    const api = await quorumApi();
    await vscode.commands.executeCommand('quorum.showProviders');
    const compat = await waitForRow(api, 'compat:fake', (r) => r.status === 'ready', 'ready');
    assert.ok(compat.modelCount > 0, 'models discovered from the OpenAI-compatible fake');
    assert.equal(compat.keyState, 'notRequired');
    assert.equal(compat.local, true, '127.0.0.1 endpoints count as local');
    const snapshot = api.lastProvidersSnapshot();
    assert.deepEqual(snapshot?.providers.map((r) => r.id).slice(0, 3), ['openai', 'anthropic', 'gemini']);
    const openai = snapshot?.providers.find((r) => r.id === 'openai');
    assert.equal(openai?.status, 'noKey');
    assert.match(openai?.detail ?? '', /Set API Key/);
    const tabs = await waitFor(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'Quorum: Providers'), 'the Providers tab');
    assert.ok(tabs);
  });

  it('shows an unreachable endpoint as unreachable, naming the provider', async () => {
    const api = await quorumApi();
    const port = await closedPort();
    const restore = await withSetting('quorum.providers.openaiCompatible', [
      ...currentCompat(), { id: 'down', name: 'Down endpoint', baseUrl: `http://127.0.0.1:${port}/v1` },
    ]);
    try {
      await vscode.commands.executeCommand('quorum.showProviders');
      const row = await waitForRow(api, 'compat:down', (r) => r.status === 'unreachable', 'unreachable');
      assert.match(row.detail ?? '', /Down endpoint/);
      assert.match(row.detail ?? '', /base URL/);
    } finally {
      await restore();
    }
  });

  it('reports an endpoint that answers garbage as an error with a clear message', async () => {
    const api = await quorumApi();
    const garbage = await garbageServer();
    const restore = await withSetting('quorum.providers.openaiCompatible', [
      ...currentCompat(), { id: 'garbage', name: 'Garbage endpoint', baseUrl: `${garbage.url}/v1` },
    ]);
    try {
      await vscode.commands.executeCommand('quorum.showProviders');
      const row = await waitForRow(api, 'compat:garbage', (r) => r.status === 'error', 'error');
      assert.match(row.detail ?? '', /Garbage endpoint/);
      assert.ok(garbage.hits() > 0, 'the garbage endpoint was asked');
    } finally {
      await restore();
      await garbage.close();
    }
  });
});

function currentCompat(): unknown[] {
  return vscode.workspace.getConfiguration().get<unknown[]>('quorum.providers.openaiCompatible') ?? [];
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** Answers every request with 200 and an HTML page — a proxy or a wrong port, not an API. */
async function garbageServer(): Promise<{ url: string; hits(): number; close(): Promise<void> }> {
  let hits = 0;
  const server: Server = createServer((_req, res) => {
    hits++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('<html>this is not JSON</html>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits: () => hits,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
