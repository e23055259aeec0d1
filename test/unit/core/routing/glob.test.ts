import assert from 'node:assert/strict';
import { findGlobMatch, matchesGlob } from '../../../../src/core/routing/glob';

const TABLE: readonly (readonly [glob: string, path: string, matches: boolean])[] = [
  // `**` spans any number of segments, including none
  ['**/secrets/**', 'secrets/a.txt', true],
  ['**/secrets/**', 'app/secrets/db/key.pem', true],
  ['**/secrets/**', 'app/secretsx/a.txt', false],
  ['**/secrets/**', 'app/my-secrets/a.txt', false],
  ['src/**/*.key', 'src/a.key', true],
  ['src/**/*.key', 'src/a/b/c.key', true],
  ['src/**/*.key', 'lib/src/a.key', false],
  ['**', 'any/depth/at/all.txt', true],
  ['a**b', 'axxb', true],
  ['a**b', 'ax/b', false],
  // `*` and `?` stay within one segment
  ['config/*.env', 'config/prod.env', true],
  ['config/*.env', 'config/sub/prod.env', false],
  ['config/*.env', 'x/config/prod.env', false],
  ['?.txt', 'a.txt', true],
  ['?.txt', 'ab.txt', false],
  ['data/?/x', 'data//x', false],
  // a glob without a slash matches the file name at any depth (as in .gitignore)
  ['*.env', 'prod.env', true],
  ['*.env', 'app/config/prod.env', true],
  ['*.env', 'prod.env.bak', false],
  ['.env', 'app/.env', true],
  ['*', 'a/.hidden', true],
  // braces
  ['**/*.{pem,key}', 'certs/server.key', true],
  ['**/*.{pem,key}', 'certs/server.crt', false],
  ['{a,b}/**', 'b/x.txt', true],
  ['{a,b}/**', 'c/x.txt', false],
  ['{a,{b,c}d}/x', 'cd/x', true],
  ['{a,*.tmp}', 'dir/file.tmp', true],
  // everything else is literal
  ['a.b', 'axb', false],
  ['[x].txt', '[x].txt', true],
  ['[x].txt', 'x.txt', false],
  ['{open', 'dir/{open', true],
  ['(a|b)+', 'a', false],
  // case is ignored, and so are backslashes and a leading ./ or /
  ['**/secrets/**', 'App/Secrets/A.txt', true],
  ['secrets/**', './secrets/a.txt', true],
  ['secrets/**', '/secrets/a.txt', true],
  ['secrets/**', 'secrets\\nested\\a.txt', true],
  ['secrets\\**', 'secrets/a.txt', true],
];

describe('matchesGlob', () => {
  for (const [glob, path, matches] of TABLE) {
    it(`${matches ? 'matches' : 'does not match'} ${path} with ${glob}`, () => {
      assert.equal(matchesGlob(path, glob), matches);
    });
  }
});

describe('findGlobMatch', () => {
  it('returns the first file and the first glob that match it', () => {
    const files = ['README.md', 'app/.env', 'secrets/key.pem'];
    assert.deepEqual(findGlobMatch(files, ['**/secrets/**', '*.env']), { file: 'app/.env', glob: '*.env' });
  });

  it('returns undefined when nothing matches or there are no globs', () => {
    assert.equal(findGlobMatch(['src/a.ts'], ['**/secrets/**']), undefined);
    assert.equal(findGlobMatch(['secrets/a'], []), undefined);
    assert.equal(findGlobMatch([], ['**']), undefined);
  });
});
