// Starts and stops the two servers the real-VS-Code tiers talk to: the loopback fake providers and
// code-server (a real workbench + Node 24 extension host) wired to them through its settings.
// Each runs in its own process group (setsid) so stopping it also stops its children: killing only
// code-server's main process leaves its file watcher orphaned. Whatever is still running when this
// process exits is killed then.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { cacheDir, codeServerEntry, node24, node24BinDir, repoRoot } from './toolchain.mjs';

const fakesCli = path.join(repoRoot, 'out', 'test', 'fakes', 'cli.js');

/**
 * A fresh state folder `.vscode-test/state/<name>` for one run (logs, profile, workspace).
 * It is wiped when the next run with the same name starts, not on stop, so a failed run's logs
 * can still be read.
 */
export function prepareStateDir(name) {
  const dir = path.join(cacheDir, 'state', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Starts `out/test/fakes/cli.js`; resolves once it prints its JSON line of base URLs. `tokensPerSecond`
 * paces the streamed answers (the demo); unset, they stream as fast as possible (the test tiers).
 */
export async function startFakes(stateDir, { tokensPerSecond } = {}) {
  const logFile = path.join(stateDir, 'fakes.log');
  const pace = tokensPerSecond === undefined ? [] : ['--tokens-per-second', String(tokensPerSecond)];
  const child = startGroup(node24, [fakesCli, '--port', '0', ...pace], { cwd: repoRoot, env: process.env }, logFile, { stdout: false });
  const { url, baseUrls } = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Error('no JSON line within 20 s')), 20_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      lines.close();
      child.stdout.pipe(createWriteStream(logFile, { flags: 'a' }));
      try {
        resolve(JSON.parse(line));
      } catch {
        reject(new Error(`printed ${JSON.stringify(line)} instead of its JSON line`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with code ${code}`));
    });
  }).catch((error) => {
    stopGroup(child.pid);
    throw new Error(`fake providers did not start (${error.message}); see ${logFile}:\n${tail(logFile)}`, { cause: error });
  });
  return { url, baseUrls, stop: () => stopGroup(child.pid) };
}

/**
 * Settings that keep a headless workbench quiet and deterministic. Every value is already in the form this
 * VS Code migrates to: a window that finds an old form ("extensions.autoUpdate": false, the theme
 * "Default Dark Modern") rewrites the user settings.json as it opens, and while the file is rewritten the
 * extension hosts of open windows can read it without quorum.models (the "settings lost after a spec" race).
 */
export function workbenchSettings() {
  return {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': 'off',
    'extensions.ignoreRecommendations': true,
    'security.workspace.trust.enabled': false,
    'chat.disableAIFeatures': true,
    'workbench.colorTheme': 'Dark Modern',
  };
}

/** Quorum's provider settings, pointed at the fakes. */
export function providerSettings(fakes) {
  return {
    'quorum.providers.openai.baseUrl': fakes.baseUrls.openai,
    'quorum.providers.anthropic.baseUrl': fakes.baseUrls.anthropic,
    'quorum.providers.gemini.baseUrl': fakes.baseUrls.gemini,
    'quorum.providers.openaiCompatible': [
      { id: 'fake', name: 'Local fake (OpenAI-compatible)', baseUrl: fakes.baseUrls.openaiCompatible },
    ],
  };
}

/**
 * Starts code-server on 127.0.0.1 with all its state under `stateDir`, optionally with a VSIX
 * installed first, and resolves once it answers `/healthz`. `env` reaches the extension host.
 * `--vscode-option enable-smoke-test-driver` makes the built workbench honour the URL `payload`
 * (dev extension and tests path, see {@link payloadUrl}); without it the payload is ignored.
 * `settings` are added to the user settings.
 */
export async function startCodeServer({ stateDir, fakes, vsix, port, env: extraEnv = {}, settings = {} }) {
  const dirs = Object.fromEntries(
    ['config', 'data', 'cache', 'tmp', 'user-data/User', 'user-data/Machine', 'extensions', 'workspace']
      .map((name) => [name, path.join(stateDir, name)]),
  );
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  const listenPort = port ?? (await freePort());
  const configFile = path.join(dirs.config, 'config.yaml');
  writeFileSync(configFile, `bind-addr: 127.0.0.1:${listenPort}\nauth: none\ncert: false\n`);
  writeSettings(dirs['user-data/User'], { ...workbenchSettings(), ...settings });
  // The extension host is remote from the browser's point of view, and a remote window ignores
  // machine-scoped settings (the provider URLs are `machine-overridable`) in the user settings:
  // they belong in the remote machine's settings.
  writeSettings(dirs['user-data/Machine'], providerSettings(fakes));

  const env = {
    ...environmentWithoutOuterVsCode(),
    // Keep code-server's ~/.config, ~/.local/share, device id, IPC sockets and compile cache in here.
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_CACHE_HOME: dirs.cache,
    TMPDIR: dirs.tmp,
    // No extension gallery: the default (open-vsx.org) is unreachable offline and only adds errors.
    EXTENSIONS_GALLERY: '{}',
    // "Started by the `code` CLI, so this already is the user's shell environment": otherwise the
    // server runs the login shell (`bash -il`) to read it, so the tests would depend on ~/.bashrc
    // and whatever that does (pyenv rehash, …) would write to $HOME. (`--force-disable-user-env`
    // is not enough: the terminal host ignores it.)
    VSCODE_CLI: '1',
    // Reaches the extension host, so integration tests can queue fault scenarios.
    QUORUM_TEST_FAKES_URL: fakes.url,
    PATH: `${node24BinDir}${path.delimiter}${process.env.PATH ?? ''}`,
    ...extraEnv,
  };
  const profileArgs = ['--config', configFile, '--user-data-dir', path.join(stateDir, 'user-data'), '--extensions-dir', dirs.extensions];
  if (vsix) {
    const install = spawnSync(node24, [codeServerEntry, ...profileArgs, '--install-extension', vsix], { env, encoding: 'utf8' });
    if (install.status !== 0) throw new Error(`installing ${vsix} into code-server failed:\n${install.stdout}${install.stderr}`);
  }

  const logFile = path.join(stateDir, 'code-server.log');
  const args = [
    codeServerEntry, ...profileArgs,
    '--bind-addr', `127.0.0.1:${listenPort}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    // The default grace (3 hours) keeps the extension host of a closed page alive that long.
    '--reconnection-grace-time', '30',
    '--vscode-option', 'enable-smoke-test-driver',
    dirs.workspace,
  ];
  const child = startGroup(node24, args, { cwd: stateDir, env }, logFile);
  const url = `http://127.0.0.1:${listenPort}/`;
  try {
    await waitForHealth(url, child);
  } catch (error) {
    stopGroup(child.pid);
    throw new Error(`code-server did not start (${error.message}); see ${logFile}:\n${tail(logFile)}`, { cause: error });
  }
  // What a spec restores before it starts, so no spec depends on what an earlier one left in the settings.
  const knownSettings = [dirs['user-data/User'], dirs['user-data/Machine']].map((dir) => {
    const file = path.join(dir, 'settings.json');
    return { file, content: readFileSync(file, 'utf8') };
  });
  return { url, port: listenPort, workspace: dirs.workspace, stateDir, logFile, knownSettings, stop: () => stopGroup(child.pid) };
}

/**
 * The workbench URL that loads an extension from a folder on the server, the way
 * `--extensionDevelopmentPath` does on the desktop, and with `extensionTestsPath` runs its tests.
 */
export function payloadUrl(server, { extensionDevelopmentPath, extensionTestsPath, folder }) {
  const host = new URL(server.url).host;
  const remote = (file) => `vscode-remote://${host}${file}`;
  const payload = [['extensionDevelopmentPath', remote(extensionDevelopmentPath)], ['skipWelcome', 'true']];
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  return `${server.url}?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Writes `<dir>/settings.json`. */
export function writeSettings(dir, settings) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
}

/** The last lines of a log file, for error messages. */
export function tail(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

// Running from a VS Code terminal leaks that VS Code's IPC hooks into the environment; code-server
// would then talk to the outer editor instead of itself.
function environmentWithoutOuterVsCode() {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VSCODE_') && key !== 'ELECTRON_RUN_AS_NODE'));
}

// Leaders of the groups started here and not stopped yet; a group outlives its leader's exit.
const runningGroups = new Set();
process.once('exit', killRunningGroups);

/** Spawns `command` as the leader of a new session (detached = setsid), output into `logFile`. */
function startGroup(command, args, options, logFile, { stdout = true } = {}) {
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  if (stdout) child.stdout.pipe(log);
  child.stderr.pipe(log);
  runningGroups.add(child.pid);
  return child;
}

/** SIGTERM to the whole group, SIGKILL whatever is left after 5 s. */
async function stopGroup(pid) {
  runningGroups.delete(pid);
  if (!signalGroup(pid, 'SIGTERM')) return;
  for (let waited = 0; waited < 5_000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (!signalGroup(pid, 0)) return;
  }
  signalGroup(pid, 'SIGKILL');
}

function killRunningGroups() {
  for (const pid of runningGroups) signalGroup(pid, 'SIGKILL');
}

/** Signals every process in the group; false when none is left. */
function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

async function waitForHealth(url, child) {
  let exitCode;
  child.once('exit', (code) => (exitCode = code));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`exited with code ${exitCode}`);
    try {
      if ((await fetch(new URL('healthz', url))).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('no answer on /healthz within 60 s');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
