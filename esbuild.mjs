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
 * Heavy modules loaded on first use get bundles of their own, so activation neither parses nor runs
 * them: the vendor adapters with their SDKs (~1.5 MB; ~75 ms of compile at activation otherwise) and the
 * o200k tokenizer's rank tables. The extension bundle requires them by these file names.
 */
const outOfLine = { vendorAdapters: './providers.js', o200kTokenizer: './tokenizer.js' };
const loadOutOfLine = {
  name: 'load-out-of-line',
  setup(build) {
    build.onResolve({ filter: /\/(vendorAdapters|o200kTokenizer)$/ }, (args) => ({
      path: outOfLine[args.path.split('/').pop()],
      external: true,
    }));
  },
};

const extension = {
  ...node,
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
  plugins: [loadOutOfLine],
  // Emit require() for the lazy import: plain CommonJS loading inside the extension host, no ESM loader.
  supported: { 'dynamic-import': false },
};
const providers = { ...node, entryPoints: ['src/core/providers/vendorAdapters.ts'], outfile: 'dist/providers.js' };
const tokenizer = { ...node, entryPoints: ['src/core/routing/o200kTokenizer.ts'], outfile: 'dist/tokenizer.js' };
/**
 * `quorum-eval`, the evals CLI for CI (`node dist/quorum-eval.js .quorum/evals --models …`): the same src/core and
 * src/app code under plain Node, self-contained (SDKs, tokenizer and the TypeScript parser for `code-compiles`
 * inside), so it runs from the built extension folder without node_modules.
 */
const evalCli = { ...node, external: [], entryPoints: ['src/cli/quorumEval.ts'], outfile: 'dist/quorum-eval.js', banner: { js: '#!/usr/bin/env node' } };

/**
 * One bundle per webview, so a view ships only what it renders (the Providers view needs no markdown). They
 * and the stylesheet get a folder of their own: the only one a webview may load from (localResourceRoots).
 */
const webview = {
  ...common,
  entryPoints: {
    providers: 'media/src/providersMain.ts', answer: 'media/src/answerMain.ts', panel: 'media/src/panelMain.ts', conversation: 'media/src/conversationMain.ts',
  },
  outdir: 'dist/webview',
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
};

async function copyStyles() {
  await mkdir('dist/webview', { recursive: true });
  await copyFile('media/main.css', 'dist/webview/webview.css');
}

if (watch) {
  const contexts = await Promise.all([extension, providers, tokenizer, evalCli, webview].map((options) => esbuild.context(options)));
  await copyStyles();
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[esbuild] watching for changes');
} else {
  const results = await Promise.all([
    esbuild.build({ ...extension, metafile: true }),
    esbuild.build({ ...providers, metafile: true }),
    esbuild.build(tokenizer),
    esbuild.build(webview),
    esbuild.build(evalCli),
  ]);
  await copyStyles();
  if (process.argv.includes('--analyze')) {
    for (const result of results.slice(0, 2)) console.log(await esbuild.analyzeMetafile(result.metafile));
  }
}
