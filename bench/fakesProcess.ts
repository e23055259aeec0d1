// The loopback fakes in a process of their own (test/fakes/cli.ts), so their work does not compete with
// the measured process for its event loop: what a real provider looks like to the extension host.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Scenario, VendorId } from '../test/fakes/scenario';

export interface FakesProcess {
  readonly baseUrls: Readonly<Record<VendorId, string>>;
  /** Queues scenarios (POST /__fake/scenarios). */
  enqueue(scenarios: readonly Scenario[]): Promise<void>;
  close(): Promise<void>;
}

/** Starts `out/test/fakes/cli.js` and waits for its one line of base URLs. */
export async function startFakesProcess(): Promise<FakesProcess> {
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, '..', 'test', 'fakes', 'cli.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (first) => {
      lines.close();
      resolve(first);
    });
    child.once('exit', (code) => reject(new Error(`the fakes exited (${code}) before listening`)));
  });
  const { url, baseUrls } = JSON.parse(line) as { url: string; baseUrls: Record<VendorId, string> };
  return {
    baseUrls,
    enqueue: async (scenarios) => {
      // In slices: one huge JSON body would only measure the fakes' parser.
      for (let i = 0; i < scenarios.length; i += 500) {
        const response = await fetch(`${url}/__fake/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(scenarios.slice(i, i + 500)) });
        if (!response.ok) throw new Error(`queueing scenarios failed: ${response.status}`);
      }
    },
    close: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
