// Runs mocha (BDD, spec reporter) in a child Node process and reads the counts off its summary
// ("  12 passing (40ms)", "  1 pending", "  2 failing"), showing its output as it comes.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './toolchain.mjs';

const mochaCli = path.join(repoRoot, 'node_modules', 'mocha', 'bin', 'mocha.js');

/**
 * Resolves with `{ passed, failed, skipped }`; rejects when mocha did not get as far as a summary
 * (no test files, a file that does not load), so that is never mistaken for zero tests.
 */
export function runMocha({ specs, timeoutMs, env = {} }) {
  const args = [mochaCli, '--ui', 'bdd', '--reporter', 'spec', '--timeout', String(timeoutMs), ...specs];
  if (process.env.CI) args.push('--forbid-only');
  // process.execPath: the harness entry points run under the project's Node 24.
  const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const counts = {};
  let pending = '';
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    const lines = (pending + chunk).split('\n');
    pending = lines.pop();
    for (const line of lines) {
      const summary = /^\s*(\d+) (passing|failing|pending)\b/.exec(line);
      if (summary) counts[summary[2]] = Number(summary[1]);
    }
  });
  child.stderr.pipe(process.stderr);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (counts.passing === undefined) return reject(new Error(`mocha exited with code ${code} before reporting results`));
      const result = { passed: counts.passing, failed: counts.failing ?? 0, skipped: counts.pending ?? 0 };
      if (code !== 0 && result.failed === 0) return reject(new Error(`mocha exited with code ${code} although no test failed`));
      resolve(result);
    });
  });
}
