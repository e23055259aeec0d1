// `npm start`: the extension from this folder in a real VS Code (code-server) you open in your
// browser, with every provider pointed at the loopback fakes. Runs until Ctrl-C.
//   node test/harness/start.mjs [--port N]
// It opens a copy of demo/workspace (a few files with a bug to fix) and the "Get started with Quorum"
// walkthrough. The extension is loaded from the repository (as the desktop's Extension Development Host does),
// not from a VSIX: rebuild (`npm run watch` in another terminal) and run "Developer: Reload Window"
// to see a change.
import { cpSync } from 'node:fs';
import path from 'node:path';
import { buildForStart } from './build.mjs';
import { payloadUrl, prepareStateDir, startCodeServer, startFakes } from './codeServer.mjs';
import { ensureToolchain, repoRoot } from './toolchain.mjs';
import { continueUnderNode24 } from './withNode24.mjs';

/** Output tokens a second of a large model in the demo; small models stream 1.6× faster (test/fakes/script.ts). */
const DEMO_TOKENS_PER_SECOND = 45;

await continueUnderNode24();
const portFlag = process.argv.indexOf('--port');
const port = portFlag > 0 ? Number(process.argv[portFlag + 1]) : undefined;
if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
  console.error('usage: node test/harness/start.mjs [--port N]');
  process.exit(2);
}

let stateDir, fakes, server;
try {
  // The extension builds while code-server installs (a first start's long step).
  await Promise.all([ensureToolchain(), buildForStart()]);
  stateDir = prepareStateDir('start');
  // A fresh copy of the sample workspace each run: a fix applied in the demo never touches the repository.
  cpSync(path.join(repoRoot, 'demo', 'workspace'), path.join(stateDir, 'workspace'), { recursive: true });
  // Answers stream at a pace a reader sees as a real model's (the test tiers run the fakes unpaced).
  fakes = await startFakes(stateDir, { tokensPerSecond: DEMO_TOKENS_PER_SECOND });
  // QUORUM_DEMO: the extension opens its walkthrough on first start (src/vscode/demoWalkthrough.ts).
  server = await startCodeServer({ stateDir, fakes, port, env: { QUORUM_DEMO: '1' } });
} catch (error) {
  console.error(`[start] ${error.message}`);
  process.exit(1); // whatever did start is stopped on exit (codeServer.mjs)
}
const url = payloadUrl(server, { extensionDevelopmentPath: repoRoot, folder: server.workspace });

console.log(`
Quorum in code-server — open this URL in a browser:

  ${url}

Fake providers (control API: ${fakes.url}/__fake/…):
${Object.entries(fakes.baseUrls).map(([name, baseUrl]) => `  ${name.padEnd(18)} ${baseUrl}`).join('\n')}

Logs and state: ${stateDir}
Press Ctrl-C to stop.`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping code-server and the fake providers …');
    await Promise.all([server.stop(), fakes.stop()]);
    process.exit(0);
  });
}
