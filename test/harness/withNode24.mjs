// Runs a command with the project's Node 24 first on PATH, installing it first if needed:
//   node test/harness/withNode24.mjs vsce package …
// The SDKs and vsce need Node ≥ 22 while the system Node may be older; every `#!/usr/bin/env node`
// script (npm, vsce, tsc, mocha) started from here runs under Node 24.
import { spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureNode24, node24, node24BinDir } from './toolchain.mjs';

/** Resolves with the command's exit code. */
export async function runWithNode24(command, args) {
  await ensureNode24();
  const child = spawn(command, args, {
    stdio: 'inherit',
    env: { ...process.env, PATH: `${node24BinDir}${path.delimiter}${process.env.PATH ?? ''}` },
  });
  // The child shares our terminal, so Ctrl-C reaches it directly: wait for it to end and pass its
  // exit code on. A SIGTERM sent to us alone is relayed.
  const ignoreInterrupt = () => {};
  const relayTerminate = () => child.kill('SIGTERM');
  process.on('SIGINT', ignoreInterrupt);
  process.on('SIGTERM', relayTerminate);
  return new Promise((resolve, reject) => {
    child.on('error', (error) => reject(new Error(`cannot run ${command}: ${error.message}`)));
    child.on('exit', (code, signal) => {
      process.off('SIGINT', ignoreInterrupt);
      process.off('SIGTERM', relayTerminate);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

/**
 * For the harness entry points: when not already under the project's Node 24, runs this same
 * script again under it and exits with its code; otherwise returns at once.
 */
export async function continueUnderNode24() {
  if (runningNode24()) return;
  process.exit(await runWithNode24('node', [...process.execArgv, ...process.argv.slice(1)]));
}

function runningNode24() {
  try {
    return realpathSync(process.execPath) === realpathSync(node24);
  } catch {
    return false;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [command, ...args] = process.argv.slice(2);
  if (!command) {
    console.error('usage: node test/harness/withNode24.mjs <command> [args…]');
    process.exit(2);
  }
  try {
    process.exit(await runWithNode24(command, args));
  } catch (error) {
    console.error(`[withNode24] ${error.message}`);
    process.exit(1);
  }
}
