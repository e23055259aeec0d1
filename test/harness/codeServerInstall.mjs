// Installs code-server from npm without compiling what a loopback browser workbench never loads.
//
// code-server's own postinstall runs `npm install --omit=dev` in lib/vscode with every install script:
// node-gyp compiles sqlite3, kerberos, ssh2's and cpu-features' crypto, deviceid, fs-copyfile and the
// Windows-only addons (built as empty shells on Linux) — about 9 of the 12 minutes a first start took
// on a busy 2-core machine. Here npm installs with `--ignore-scripts` and then runs only the install
// scripts of the addons the server, its extension host and its terminal load:
//   @vscode/spdlog           the log files (extension host, Output channels)      compiled, ~1 min
//   @vscode/native-watchdog  the extension host ends when its parent dies         compiled, seconds
//   node-pty                 the integrated terminal                              prebuilt for linux-x64
// @parcel/watcher (file watching) and argon2 (code-server's password auth) load prebuilt binaries that
// npm installs without scripts. Everything else VS Code requires lazily behind a try/catch (sqlite3 and
// fs-copyfile in the agent host, kerberos for proxy authentication, deviceid for telemetry, ssh2's
// optional native crypto), and nothing here uses it.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';

/** Packages under lib/vscode whose install scripts run (a compile, or a check for a prebuilt binary). */
export const BUILT_ADDONS = ['@vscode/spdlog', '@vscode/native-watchdog', 'node-pty'];

/**
 * Installs `code-server@version` into `dir` (which has a package.json) with the steps of its postinstall,
 * minus the native modules nothing here loads. `env` is npm's environment (Node 24 first on PATH).
 */
export async function installCodeServer(dir, version, env) {
  const logFile = path.join(dir, 'install.log');
  const run = (cwd, args) => runNpm(cwd, args, env, logFile);
  await run(dir, ['install', '--save-exact', '--no-audit', '--no-fund', '--ignore-scripts', `code-server@${version}`]);
  const vscodeDir = path.join(dir, 'node_modules', 'code-server', 'lib', 'vscode');
  await run(vscodeDir, ['install', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts']);
  linkScript(path.join(vscodeDir, 'bin', 'remote-cli'), 'code-linux.sh', 'code-server');
  linkScript(path.join(vscodeDir, 'bin', 'helpers'), 'browser-linux.sh', 'browser.sh');
  const extensionsDir = path.join(vscodeDir, 'extensions');
  // The compile (CPU) and the built-in extensions' download (network) overlap.
  await Promise.all([
    run(vscodeDir, ['rebuild', '--foreground-scripts', ...BUILT_ADDONS]),
    (async () => {
      await run(extensionsDir, ['install', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts']);
      // The extensions folder's own postinstall trims its TypeScript copy; plain JS, no compiler.
      await runCommand('node', ['./postinstall.mjs'], extensionsDir, env, logFile);
    })(),
  ]);
  const missing = BUILT_ADDONS.filter((name) => !addonBuilt(path.join(vscodeDir, 'node_modules', name)));
  if (missing.length > 0) throw new Error(`code-server's ${missing.join(', ')} did not build; see ${logFile}`);
}

/** The link code-server's postinstall makes (`symlink_bin_script`): `<dir>/<name>` → the Linux script. */
function linkScript(dir, target, name) {
  const link = path.join(dir, name);
  rmSync(link, { force: true });
  symlinkSync(target, link);
}

function addonBuilt(packageDir) {
  return existsSync(path.join(packageDir, 'build', 'Release')) || existsSync(path.join(packageDir, 'prebuilds', 'linux-x64'));
}

function runNpm(cwd, args, env, logFile) {
  return runCommand('npm', args, cwd, env, logFile);
}

/** Runs one step with its output appended to `logFile` (its tail is in the error when the step fails). */
function runCommand(command, args, cwd, env, logFile) {
  const output = createWriteStream(logFile, { flags: 'a' });
  const step = `(cd ${cwd} && ${command} ${args.join(' ')})`;
  const started = Date.now();
  output.write(`\n$ ${step}\n`);
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(output, { end: false });
  child.stderr.pipe(output, { end: false });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      // Each step's time, to see where a slow first start went.
      output.end(`$ ${step}: exit ${code} after ${((Date.now() - started) / 1000).toFixed(0)} s\n`, () => {
        if (code === 0) return resolve();
        const tail = readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
        reject(new Error(`\`${command} ${args.join(' ')}\` in ${cwd} failed (exit ${code}); last lines of ${logFile}:\n${tail}`));
      });
    });
  });
}
