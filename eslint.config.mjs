// Lint: typescript-eslint's recommended rules, plus the layering rule of DESIGN.md:
// src/core, src/shared and media/src are pure and never import `vscode` (or the adapters that do).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const pureLayer = {
  'no-restricted-imports': ['error', {
    paths: [{ name: 'vscode', message: 'Pure layers never import vscode: put the adapter in src/vscode and pass a port in.' }],
    patterns: [{ group: ['**/vscode/*', '**/extension'], message: 'Pure layers never depend on the VS Code adapters.' }],
  }],
};

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
  { files: ['src/core/**/*.ts', 'src/shared/**/*.ts', 'media/src/**/*.ts'], rules: pureLayer },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', fetch: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', window: 'readonly', document: 'readonly', setInterval: 'readonly', clearInterval: 'readonly' } },
    rules: { 'no-restricted-syntax': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
);
