import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository's root: the folder of quorum's package.json, found walking up from here or the working directory. */
export function repoRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = start; ; dir = dirname(dir)) {
      const file = join(dir, 'package.json');
      if (existsSync(file)) {
        const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
        if (typeof parsed === 'object' && parsed !== null && 'contributes' in parsed && 'name' in parsed && parsed.name === 'quorum') {
          return dir;
        }
      }
      if (dirname(dir) === dir) break;
    }
  }
  throw new Error('package.json of quorum not found');
}

/** The repository's package.json, typed as the caller's view of it (only the fields a test reads). */
export function readManifest<T>(): T {
  return JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as T;
}
