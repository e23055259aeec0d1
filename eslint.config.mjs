// Lint: typescript-eslint's recommended rules, plus the layering rules of ARCHITECTURE.md:
// - src/core is the domain: no `vscode`, nothing from src/app, src/shared or the adapters;
// - src/app holds the use cases (the one request path, presenters): no `vscode`, no adapters;
// - src/shared and media/src are pure protocols and front ends: no `vscode`, no adapters.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const vscodeFree = { name: 'vscode', message: 'Pure layers never import vscode: put the adapter in src/vscode and pass a port in.' };
const noAdapters = { group: ['**/vscode/*', '**/extension'], message: 'Pure layers never depend on the VS Code adapters.' };
const coreLayer = {
  'no-restricted-imports': ['error', {
    paths: [vscodeFree],
    patterns: [noAdapters, { group: ['**/app/*', '**/shared/*'], message: 'src/core is the domain: it imports nothing from src/app or src/shared (presenters live in src/app/views).' }],
  }],
};
const pureLayer = { 'no-restricted-imports': ['error', { paths: [vscodeFree], patterns: [noAdapters] }] };

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', '.vscode-test/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  // src/cli (the quorum-eval CLI) runs under plain Node: no `vscode`, no adapters.
  { files: ['src/app/**/*.ts', 'src/shared/**/*.ts', 'src/cli/**/*.ts', 'media/src/**/*.ts'], rules: pureLayer },
  { files: ['src/core/**/*.ts'], rules: coreLayer },
  // House style: one concept per file, functions that fit on a screen. Counted like `wc -l`.
  {
    files: ['src/**/*.ts', 'media/src/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }],
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: false, skipComments: false, IIFEs: true }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', fetch: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', window: 'readonly', document: 'readonly', setInterval: 'readonly', clearInterval: 'readonly' } },
    rules: { 'no-restricted-syntax': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
);
