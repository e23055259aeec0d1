/**
 * Where generated tests should live: a name next to the source file following the language's usual test
 * naming, so the untitled document the Tests action opens can be saved without renaming.
 */

// Languages whose convention is a prefix or suffix on the file's base name; others get ".test" before
// the extension (the JS/TS convention, and harmless elsewhere).
const CONVENTIONS: Readonly<Record<string, (base: string, ext: string) => string>> = {
  python: (base, ext) => `test_${base}${ext}`,
  go: (base, ext) => `${base}_test${ext}`,
  java: (base, ext) => `${base}Test${ext}`,
  kotlin: (base, ext) => `${base}Test${ext}`,
  csharp: (base, ext) => `${base}Tests${ext}`,
  ruby: (base, ext) => `${base}_spec${ext}`,
  rust: (base, ext) => `${base}_test${ext}`,
  php: (base, ext) => `${base}Test${ext}`,
};

/**
 * The suggested test file path for `fileName` (same folder, `/` or `\` separators kept), e.g.
 * `src/math.ts` → `src/math.test.ts`, `pkg/util.py` → `pkg/test_util.py`, `Foo.java` → `FooTest.java`.
 * `undefined` when there is no file name (an untitled document).
 */
export function suggestTestFileName(fileName: string | undefined, languageId: string): string | undefined {
  if (fileName === undefined || fileName.trim() === '') return undefined;
  const slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
  const dir = fileName.slice(0, slash + 1);
  const name = fileName.slice(slash + 1);
  const dot = name.lastIndexOf('.');
  const base = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  const convention = CONVENTIONS[languageId];
  return dir + (convention !== undefined ? convention(base, ext) : `${base}.test${ext}`);
}
