// Loaded by VS Code as `extensionTestsPath` (code-server's URL payload, or @vscode/test-electron):
// runs every `*.test.js` under this folder with mocha inside the real extension host. Rejecting
// makes the extension host exit with a failure code.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const files = fs
    .readdirSync(__dirname, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js'))
    .sort();
  if (files.length === 0) throw new Error(`no integration tests (*.test.js) under ${__dirname}`);

  // QUORUM_TEST_GREP runs only the matching tests (a developer's loop; CI never sets it).
  const grep = process.env.QUORUM_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, forbidOnly: Boolean(process.env.CI), ...(grep ? { grep } : {}) });
  for (const file of files) mocha.addFile(path.join(__dirname, file));
  const stats = await new Promise<Mocha.Stats | undefined>((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats));
  });
  if (!stats) throw new Error('mocha reported no statistics');

  // The harness reads the counts from here: the reporter's text reaches it only as forwarded logs.
  const resultsFile = process.env.QUORUM_TEST_RESULTS_FILE;
  if (resultsFile) {
    const counts = { passed: stats.passes, failed: stats.failures, skipped: stats.pending };
    fs.writeFileSync(resultsFile, `${JSON.stringify(counts)}\n`);
  }
  if (stats.failures > 0) throw new Error(`${stats.failures} integration test(s) failed`);
}
