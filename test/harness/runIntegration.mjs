// Integration tier: the mocha suites of test/integration run INSIDE a real extension host, with the
// extension loaded from this repository (its `dist/` build), as `--extensionDevelopmentPath` does.
//
// Host: code-server (real workbench, Node 24 remote extension host) driven by headless Chromium,
// which works offline. Where a desktop VS Code is available (VSCODE_EXECUTABLE, or online with a
// display to download and show one) the same suite runs through @vscode/test-electron instead.
// QUORUM_INTEGRATION_HOST=code-server|electron overrides the choice.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { lookup } from 'node:dns/promises';
import path from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import {
  payloadUrl, prepareStateDir, providerSettings, startCodeServer, startFakes, tail, workbenchSettings, writeSettings,
} from './codeServer.mjs';
import { cacheDir, chromiumPath, repoRoot } from './toolchain.mjs';

const extensionTestsPath = path.join(repoRoot, 'out', 'test', 'integration', 'index');
const testRunTimeoutMs = 5 * 60_000;
const verbose = process.env.VERBOSE === '1';
// Workbench chatter forwarded along with the test output; shown with VERBOSE=1.
const workbenchNoise =
  /^(Resolving connection token|Resolved connection token|Creating a socket|\[reconnection-grace-time\]|Updating additional builtin extensions cache|\[Service Worker\]|\[AgentHost|\[AccountPolicyGate\]|getaddrinfo ENOTFOUND|Canceled: Canceled|Ignoring fetching additional builtin extensions)/;

/**
 * Runs the suites; resolves with their counts, rejects when they could not run (no counts came
 * back), so an empty result is never mistaken for a pass.
 */
export async function runIntegration() {
  const stateDir = prepareStateDir('integration');
  const resultsFile = path.join(stateDir, 'results.json');
  const fakes = await startFakes(stateDir);
  try {
    const host = await chooseHost();
    console.log(`[integration] extension host: ${host}`);
    const run = host === 'electron' ? runInDesktopVsCode : runInCodeServer;
    const exitCode = await run({ stateDir, fakes, resultsFile });
    return readCounts(resultsFile, exitCode);
  } finally {
    await fakes.stop();
  }
}

async function chooseHost() {
  const forced = process.env.QUORUM_INTEGRATION_HOST;
  if (forced === 'code-server' || forced === 'electron') return forced;
  if (forced) throw new Error(`QUORUM_INTEGRATION_HOST must be code-server or electron, not ${forced}`);
  if (process.env.VSCODE_EXECUTABLE) return 'electron';
  // A downloaded VS Code needs a screen on Linux; @vscode/test-electron does not provide one.
  const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  return hasDisplay && (await canReach('update.code.visualstudio.com')) ? 'electron' : 'code-server';
}

async function canReach(hostname) {
  const timeout = new Promise((resolve) => setTimeout(resolve, 3_000, false));
  return Promise.race([lookup(hostname).then(() => true, () => false), timeout]);
}

async function runInCodeServer({ stateDir, fakes, resultsFile }) {
  const server = await startCodeServer({ stateDir, fakes, env: { QUORUM_TEST_RESULTS_FILE: resultsFile } });
  let browser;
  try {
    browser = await launchChromium(stateDir);
    const page = browser.pages()[0] ?? (await browser.newPage());
    let reportExit;
    const exited = new Promise((resolve) => (reportExit = resolve));
    // While extension tests run, the workbench hands every log line, including each console.*
    // call of the extension host (so mocha's reporter), to window.codeAutomationLog, and the
    // test run's exit code to window.codeAutomationExit.
    await page.exposeFunction('codeAutomationLog', (level, args) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      if (verbose || !workbenchNoise.test(line)) console.log(level === 'info' ? line : `[${level}] ${line}`);
    });
    await page.exposeFunction('codeAutomationExit', (code, logs) => {
      saveWorkbenchLogs(stateDir, logs);
      reportExit(code);
    });
    page.on('pageerror', (error) => console.log(`[pageerror] ${String(error).slice(0, 400)}`));
    if (verbose) page.on('console', (message) => console.log(`[browser ${message.type()}] ${message.text()}`));

    const url = payloadUrl(server, { extensionDevelopmentPath: repoRoot, extensionTestsPath, folder: server.workspace });
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    let timer;
    const timedOut = new Promise((resolve) => (timer = setTimeout(resolve, testRunTimeoutMs, 'timeout')));
    const exitCode = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (exitCode !== 0) await saveFailureScreenshot(page);
    if (exitCode === 'timeout') {
      throw new Error(`no result from the extension host within ${testRunTimeoutMs / 1000} s; code-server log:\n${tail(server.logFile)}`);
    }
    return exitCode;
  } finally {
    await browser?.close().catch(() => {});
    await server.stop();
  }
}

async function runInDesktopVsCode({ stateDir, fakes, resultsFile }) {
  const executable = process.env.VSCODE_EXECUTABLE || undefined;
  if (executable && !existsSync(executable)) throw new Error(`VSCODE_EXECUTABLE=${executable} does not exist`);
  const { runTests, TestRunFailedError } = await import('@vscode/test-electron');
  const userDataDir = path.join(stateDir, 'user-data');
  const workspace = path.join(stateDir, 'workspace');
  mkdirSync(workspace, { recursive: true });
  // A local window takes machine-scoped settings from the user settings.
  writeSettings(path.join(userDataDir, 'User'), { ...workbenchSettings(), ...providerSettings(fakes) });
  try {
    await runTests({
      vscodeExecutablePath: executable,
      cachePath: path.join(cacheDir, 'vscode-desktop'),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      extensionTestsEnv: { QUORUM_TEST_FAKES_URL: fakes.url, QUORUM_TEST_RESULTS_FILE: resultsFile },
      launchArgs: [workspace, '--disable-extensions', '--user-data-dir', userDataDir, '--extensions-dir', path.join(stateDir, 'extensions')],
    });
    return 0;
  } catch (error) {
    // A non-zero exit of VS Code: the counts (if any) are in the results file. Anything else
    // (a failed download, a missing executable) means the tests could not run.
    if (!(error instanceof TestRunFailedError)) throw error;
    return error.code ?? 1;
  }
}

function readCounts(resultsFile, exitCode) {
  let counts;
  try {
    counts = JSON.parse(readFileSync(resultsFile, 'utf8'));
  } catch {
    throw new Error(`the extension host exited with code ${exitCode} without reporting results (see the log above)`);
  }
  if (exitCode !== 0 && counts.failed === 0) {
    throw new Error(`the extension host exited with code ${exitCode} although no test failed`);
  }
  return counts;
}

/** Headless Debian Chromium with its profile (and XDG dirs) inside the run's state folder. */
function launchChromium(stateDir) {
  const profile = path.join(stateDir, 'chromium');
  return chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    env: { ...process.env, XDG_CONFIG_HOME: path.join(profile, 'xdg-config'), XDG_CACHE_HOME: path.join(profile, 'xdg-cache') },
    viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

function saveWorkbenchLogs(stateDir, logs) {
  for (const log of Array.isArray(logs) ? logs : []) {
    const file = path.join(stateDir, 'workbench-logs', log.relativePath);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, log.contents);
  }
}

async function saveFailureScreenshot(page) {
  const file = path.join(repoRoot, 'test-results', 'integration-failure.png');
  mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file }).then(() => console.log(`[integration] screenshot: ${file}`), () => {});
}
