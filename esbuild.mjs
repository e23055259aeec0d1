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

const node = {
  ...common,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['vscode'],
  // The SDKs ship both module formats; prefer the CommonJS `main` so one copy of each lands in the bundle.
  mainFields: ['main', 'module'],
};

/**
 * The vendor adapters and their SDKs (~1.5 MB) are a bundle of their own, required on the first provider
 * call: compiling them at activation would cost ~75 ms before any feature is used.
 */
const vendorsOutOfLine = {
  name: 'vendor-adapters-out-of-line',
  setup(build) {
    build.onResolve({ filter: /\/vendorAdapters$/ }, () => ({ path: './providers.js', external: true }));
  },
};

const extension = {
  ...node,
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
  plugins: [vendorsOutOfLine],
  // Emit require() for the lazy import: plain CommonJS loading inside the extension host, no ESM loader.
  supported: { 'dynamic-import': false },
};
const providers = { ...node, entryPoints: ['src/core/providers/vendorAdapters.ts'], outfile: 'dist/providers.js' };

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
  const contexts = await Promise.all([esbuild.context(extension), esbuild.context(providers), esbuild.context(webview)]);
  await copyStyles();
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[esbuild] watching for changes');
} else {
  const results = await Promise.all([
    esbuild.build({ ...extension, metafile: true }),
    esbuild.build({ ...providers, metafile: true }),
    esbuild.build(webview),
  ]);
  await copyStyles();
  if (process.argv.includes('--analyze')) {
    for (const result of results.slice(0, 2)) console.log(await esbuild.analyzeMetafile(result.metafile));
  }
}
