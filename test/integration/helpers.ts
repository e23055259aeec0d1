import * as vscode from 'vscode';
import type { QuorumApi } from '../../src/extension';
import type { QuorumTestHooks } from '../../src/testing/testHooks';
import type { ProviderRow } from '../../src/shared/providersProtocol';
import type { RecordedRequest, Scenario } from '../fakes/scenario';

export const EXTENSION_ID = 'quorum-labs.quorum';

/** The extension's test hooks (exported only outside production mode, as in these runs). */
export async function quorumApi(): Promise<QuorumTestHooks> {
  const extension = vscode.extensions.getExtension<QuorumApi>(EXTENSION_ID);
  if (extension === undefined) throw new Error(`${EXTENSION_ID} is not installed in this extension host`);
  const api = await extension.activate();
  if (api.testing === undefined) throw new Error(`${EXTENSION_ID} runs in production mode: no test hooks`);
  return api.testing;
}

/** Polls until `probe` returns a value other than undefined/false, or fails with the last state. */
export async function waitFor<T>(probe: () => T | undefined | false, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The ledger's record count once it reached `expected` (records are appended asynchronously), or what it is
 * at the deadline — which only bounds a failure, generous for a loaded machine.
 */
export async function recordCountReaching(api: QuorumTestHooks, expected: number, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let count = await api.spendReady();
  while (count !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    count = await api.spendReady();
  }
  return count;
}

/** The fakes the harness started for this run (env set on the code-server process). */
export function fakesUrl(): string {
  const url = process.env.QUORUM_TEST_FAKES_URL;
  if (!url) throw new Error('QUORUM_TEST_FAKES_URL is not set: run the integration tier through npm test');
  return url;
}

export async function fakeRequests(): Promise<RecordedRequest[]> {
  const response = await fetch(`${fakesUrl()}/__fake/requests`);
  return (await response.json()) as RecordedRequest[];
}

export async function resetFakes(): Promise<void> {
  await fetch(`${fakesUrl()}/__fake/scenarios`, { method: 'DELETE' });
}

export async function queueScenario(...scenarios: Scenario[]): Promise<void> {
  await fetch(`${fakesUrl()}/__fake/scenarios`, { method: 'POST', body: JSON.stringify(scenarios), headers: { 'content-type': 'application/json' } });
}

/** Waits until the Providers view has been sent a row for `id` that satisfies `accept`. */
export function waitForRow(api: QuorumTestHooks, id: string, accept: (row: ProviderRow) => boolean, what: string): Promise<ProviderRow> {
  return waitFor(() => api.lastProvidersSnapshot()?.providers.find((r) => r.id === id && accept(r)), `${id} ${what}`);
}

/** Sets a global setting for the duration of a test; returns a function that restores it. */
export async function withSetting(key: string, value: unknown): Promise<() => Promise<void>> {
  const config = vscode.workspace.getConfiguration();
  const before = config.inspect(key)?.globalValue;
  await config.update(key, value, vscode.ConfigurationTarget.Global);
  return async () => vscode.workspace.getConfiguration().update(key, before, vscode.ConfigurationTarget.Global);
}

/**
 * Mocha hooks for a suite that talks to the fakes: stores `keys` and applies `settings` before it, resets
 * the fakes' scenarios after each test, and restores everything after it. Returns `withSetting` for
 * settings a single test changes (restored with the rest).
 */
export function useFakeProviders(keys: Readonly<Record<string, string>>, settings: Readonly<Record<string, unknown>>): (key: string, value: unknown) => Promise<void> {
  const restores: (() => Promise<void>)[] = [];
  before(async () => {
    for (const [provider, key] of Object.entries(keys)) await vscode.commands.executeCommand('quorum.setApiKey', { provider, key, test: false });
    for (const [key, value] of Object.entries(settings)) restores.push(await withSetting(key, value));
  });
  afterEach(async () => {
    await resetFakes();
  });
  after(async () => {
    for (const restore of restores.splice(0).reverse()) await restore();
    for (const provider of Object.keys(keys)) await vscode.commands.executeCommand('quorum.removeApiKey', { provider, confirm: false });
  });
  return async (key, value) => void restores.push(await withSetting(key, value));
}
