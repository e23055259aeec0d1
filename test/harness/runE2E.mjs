// End-to-end tier: packages the extension exactly as it ships (`npm run package` → quorum.vsix),
// installs that VSIX into a fresh code-server wired to the fake providers, and runs the Playwright
// specs of test/e2e (mocha in Node) against the real workbench in headless Chromium. Testing the
// VSIX rather than the dev folder proves the bundle and .vscodeignore.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { prepareStateDir, startCodeServer, startFakes } from './codeServer.mjs';
import { runMocha } from './runMocha.mjs';
import { cacheDir, repoRoot } from './toolchain.mjs';

const vsix = path.join(repoRoot, 'quorum.vsix');

/**
 * The keyless local fake is the only provider in the e2e window. Its models get prices here (as a user
 * would for a hosted endpoint), so the spend meter shows dollars rather than "unknown"; high ones, so a
 * fake's few dozen tokens (~$0.016 a call) move the meter's visible digits.
 */
const E2E_SETTINGS = {
  'quorum.models': [
    { provider: 'compat:fake', id: 'llama3.2:latest', inputPerMTok: 200, outputPerMTok: 600 },
    { provider: 'compat:fake', id: 'qwen2.5-coder:7b', inputPerMTok: 300, outputPerMTok: 900 },
    // Not in the fake's listing (which holds two chat models): a third, user-added model for Compare and Vote.
    { provider: 'compat:fake', id: 'phi3:mini', displayName: 'phi3:mini', inputPerMTok: 100, outputPerMTok: 400 },
    // A fourth (and the dearest, so routing never picks it): Compare's four columns at 700 px (demo.e2e.test.ts).
    { provider: 'compat:fake', id: 'mistral:7b', displayName: 'mistral:7b', inputPerMTok: 400, outputPerMTok: 1200 },
  ],
};

export async function runE2E() {
  const stateDir = prepareStateDir('e2e');
  await packageVsix();
  const fakes = await startFakes(stateDir);
  try {
    const server = await startCodeServer({ stateDir, fakes, vsix, settings: E2E_SETTINGS });
    try {
      return await runMocha({
        // QUORUM_E2E_SPEC=askBestModel runs one spec file, for a developer's loop (npm test runs them all).
        specs: [process.env.QUORUM_E2E_SPEC ? `out/test/e2e/${process.env.QUORUM_E2E_SPEC}.e2e.test.js` : 'out/test/e2e/**/*.e2e.test.js'],
        timeoutMs: 120_000,
        env: {
          QUORUM_E2E_WORKBENCH_URL: `${server.url}?folder=${encodeURIComponent(server.workspace)}`,
          QUORUM_TEST_FAKES_URL: fakes.url,
          QUORUM_E2E_KNOWN_SETTINGS: JSON.stringify(server.knownSettings),
          // test/e2e/workbench.ts makes its Chromium profiles in os.tmpdir().
          TMPDIR: path.join(stateDir, 'tmp'),
        },
      });
    } finally {
      await server.stop();
    }
  } finally {
    await fakes.stop();
  }
}

function packageVsix() {
  rmSync(vsix, { force: true });
  console.log('[e2e] npm run package');
  // The nested npm keeps its cache and logs inside .vscode-test like every other tool here.
  const env = { ...process.env, npm_config_cache: path.join(cacheDir, 'npm-cache') };
  const child = spawn('npm', ['run', '--silent', 'package'], { cwd: repoRoot, env, stdio: ['ignore', 'inherit', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`npm run package failed (exit ${code})`))));
  });
}
