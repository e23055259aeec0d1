/**
 * A small glob matcher for `quorum.privacy.localOnlyGlobs`, over workspace-relative paths with `/` separators.
 *
 * Written here rather than using `path.matchesGlob`, which is experimental on the Node 22 line that VS Code's
 * extension host runs and whose case rules follow the platform. Privacy rules must behave the same everywhere.
 *
 * Syntax: `**` any number of path segments (including none), `*` any characters within one segment, `?` one
 * character within a segment, `{a,b}` alternatives (may nest and contain wildcards). Everything else is literal,
 * including `[` and `]`.
 *
 * Two deliberate departures from strict globbing, both towards matching *more*, because a miss here sends a
 * private file to a cloud provider:
 * - matching ignores case (a file system may treat `Secrets/` and `secrets/` as the same folder);
 * - a glob without `/` matches the file name at any depth, as in `.gitignore` (`*.env` matches `app/prod.env`).
 */

const cache = new Map<string, RegExp>();
/** Globs come from settings, so the set is small; the bound only stops a pathological caller from growing it. */
const CACHE_LIMIT = 256;

/** True when the workspace-relative `path` matches `glob`. Backslashes and a leading `./` or `/` are ignored. */
export function matchesGlob(path: string, glob: string): boolean {
  return globToRegExp(glob).test(normalisePath(path));
}

/** The first `(file, glob)` pair that matches, or `undefined`. */
export function findGlobMatch(
  files: readonly string[],
  globs: readonly string[],
): { readonly file: string; readonly glob: string } | undefined {
  if (globs.length === 0) return undefined;
  for (const file of files) {
    const path = normalisePath(file);
    for (const glob of globs) {
      if (globToRegExp(glob).test(path)) return { file, glob };
    }
  }
  return undefined;
}

/** The anchored, case-insensitive expression for a glob; compiled once per distinct glob. */
export function globToRegExp(glob: string): RegExp {
  let compiled = cache.get(glob);
  if (compiled === undefined) {
    const normalised = normalisePath(glob);
    const body = compile(normalised.includes('/') ? normalised : `**/${normalised}`, 0, false).source;
    compiled = new RegExp(`^${body}$`, 'i');
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(glob, compiled);
  }
  return compiled;
}

function normalisePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/|\/)+/, '');
}

interface Compiled {
  readonly source: string;
  /** Index just after the last character consumed. */
  readonly end: number;
}

/**
 * Translates `glob` from index `start`. Inside braces (`inBraces`), stops at an unnested `,` or `}` so the
 * caller can join the alternatives; an unclosed `{` is taken literally.
 */
function compile(glob: string, start: number, inBraces: boolean): Compiled {
  let source = '';
  let i = start;
  while (i < glob.length) {
    const char = glob[i] ?? '';
    if (inBraces && (char === ',' || char === '}')) return { source, end: i };
    if (char === '*' && glob[i + 1] === '*') {
      const atSegmentStart = i === 0 || glob[i - 1] === '/';
      const next = glob[i + 2];
      if (atSegmentStart && next === '/') {
        source += '(?:[^/]*/)*'; // `**/`: zero or more whole segments
        i += 3;
      } else if (atSegmentStart && next === undefined) {
        source += '.*'; // trailing `**`: everything below
        i += 2;
      } else {
        source += '[^/]*'; // `a**b` is just a wildcard within the segment
        i += 2;
      }
    } else if (char === '*') {
      source += '[^/]*';
      i += 1;
    } else if (char === '?') {
      source += '[^/]';
      i += 1;
    } else if (char === '{') {
      const group = compileBraces(glob, i);
      source += group.source;
      i = group.end;
    } else {
      source += char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      i += 1;
    }
  }
  return { source, end: i };
}

function compileBraces(glob: string, open: number): Compiled {
  const alternatives: string[] = [];
  let i = open + 1;
  for (;;) {
    const part = compile(glob, i, true);
    alternatives.push(part.source);
    if (part.end >= glob.length) return { source: '\\{', end: open + 1 }; // unclosed: a literal brace
    i = part.end + 1;
    if (glob[part.end] === '}') return { source: `(?:${alternatives.join('|')})`, end: i };
  }
}
