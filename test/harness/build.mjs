// Builds what every tier runs: the extension bundles (`node esbuild.mjs` → dist/, development
// flavour with sourcemaps) and the TypeScript tests, fakes and benchmarks (`tsc -p .` → out/).
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './toolchain.mjs';

/** Throws when a step fails; its compiler output has already been shown. */
export function build() {
  // A stale out/ would still hold the compiled tests of moved or deleted sources, and mocha would run them.
  rmSync(path.join(repoRoot, 'out'), { recursive: true, force: true });
  for (const args of [['esbuild.mjs'], [path.join('node_modules', 'typescript', 'bin', 'tsc'), '-p', '.']]) {
    // process.execPath: the harness entry points run under the project's Node 24.
    const result = spawnSync(process.execPath, args, { cwd: repoRoot, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`\`node ${args.join(' ')}\` failed`);
  }
}

/**
 * What `npm start` needs, without compiling every test: the extension bundles and the fakes' CLI as one
 * esbuild bundle (a second or two, where `tsc -p .` takes a minute or more on a busy 2-core machine).
 * Asynchronous, so it runs while the toolchain installs.
 */
export async function buildForStart() {
  await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error('`node esbuild.mjs` failed'))));
  });
  const esbuild = await import('esbuild');
  await esbuild.build({
    absWorkingDir: repoRoot,
    entryPoints: ['test/fakes/cli.ts'],
    outfile: path.join('out', 'test', 'fakes', 'cli.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}
