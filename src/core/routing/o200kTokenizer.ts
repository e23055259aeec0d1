/**
 * The o200k_base tokenizer (gpt-tokenizer), behind a module of our own so the extension can bundle it
 * separately (`dist/tokenizer.js`, see esbuild.mjs): its rank tables are megabytes of JavaScript that
 * activation should neither parse nor run. Loaded on the first token estimate.
 */
// `import = require` so bundlers resolve the package's CommonJS ("require") export of this path; its
// `import` condition has no `cjs/*` entry.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import o200k = require('gpt-tokenizer/cjs/encoding/o200k_base');

export const countTokens: typeof o200k.countTokens = o200k.countTokens;
