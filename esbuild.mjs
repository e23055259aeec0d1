// Two bundles: the extension host (Node, CommonJS, `vscode` external) and the webview front end (browser).
// `--production` minifies and drops sourcemaps; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  legalComments: production ? 'none' : 'inline',
  logLevel: 'info',
};

const extension = {
  ...common,
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['vscode'],
  // The SDKs ship both module formats; prefer the CommonJS `main` so one copy of each lands in the bundle.
  mainFields: ['main', 'module'],
};

const webview = {
  ...common,
  entryPoints: ['media/src/main.ts'],
  outfile: 'dist/webview.js',
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
};

async function copyStyles() {
  await mkdir('dist', { recursive: true });
  await copyFile('media/main.css', 'dist/webview.css');
}

if (watch) {
  const contexts = await Promise.all([esbuild.context(extension), esbuild.context(webview)]);
  await copyStyles();
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[esbuild] watching for changes');
} else {
  const results = await Promise.all([esbuild.build({ ...extension, metafile: true }), esbuild.build(webview)]);
  await copyStyles();
  if (process.argv.includes('--analyze')) console.log(await esbuild.analyzeMetafile(results[0].metafile));
}
