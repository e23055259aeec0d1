/**
 * promptfoo's common subset (`promptfooconfig.yaml`: `prompts`, `tests` with `vars` and `assert`) mapped onto our
 * suite format, so a team can reuse what it has. Assertion types outside the subset are reported, not guessed at.
 */

/** promptfoo assertion type → our check (`icontains` is `contains` ignoring case; `is-json` a schema-less `json-schema`). */
const ASSERT_TYPES: Readonly<Record<string, (value: unknown) => Record<string, unknown>>> = {
  equals: (value) => ({ type: 'equals', value }),
  contains: (value) => ({ type: 'contains', value }),
  icontains: (value) => ({ type: 'contains', value, ignoreCase: true }),
  'not-contains': (value) => ({ type: 'not-contains', value }),
  'not-icontains': (value) => ({ type: 'not-contains', value, ignoreCase: true }),
  regex: (value) => ({ type: 'regex', value }),
  'is-json': (value) => (value === undefined ? { type: 'json-schema' } : { type: 'json-schema', value }),
  'llm-rubric': (value) => ({ type: 'judge', value }),
};

/** The promptfoo assertion types we accept. */
export const PROMPTFOO_ASSERT_TYPES: readonly string[] = Object.keys(ASSERT_TYPES);

/** Whether a parsed document looks like a promptfoo config rather than one of our suites. */
export function isPromptfooConfig(doc: unknown): doc is Record<string, unknown> {
  return isRecord(doc) && Array.isArray(doc['tests']) && doc['cases'] === undefined;
}

/** A promptfoo problem, at a path of the ORIGINAL document (so the caller can give its line). */
export interface PromptfooProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * Our suite's raw shape from a promptfoo config: the first of `prompts` becomes the template, each test a case
 * (`description` its id), each `assert` a check. `feature` must be given (promptfoo has none) — as a top-level
 * `feature:` key, which promptfoo ignores. `threshold` is read the same way.
 */
export function fromPromptfoo(doc: Record<string, unknown>): { readonly suite: Record<string, unknown>; readonly problems: readonly PromptfooProblem[] } {
  const problems: PromptfooProblem[] = [];
  const prompts = doc['prompts'];
  const prompt = typeof prompts === 'string' ? prompts : Array.isArray(prompts) && typeof prompts[0] === 'string' ? prompts[0] : undefined;
  if (Array.isArray(prompts) && prompts.length > 1) problems.push({ path: ['prompts'], message: 'only one prompt is supported: run each prompt as its own suite' });
  const tests = (doc['tests'] as unknown[]).map((test, i) => {
    if (!isRecord(test)) return test;
    const asserts = Array.isArray(test['assert']) ? test['assert'] : [];
    const checks = asserts.flatMap((a, j) => {
      const map = isRecord(a) && typeof a['type'] === 'string' ? ASSERT_TYPES[a['type']] : undefined;
      if (map === undefined || !isRecord(a)) {
        problems.push({ path: ['tests', i, 'assert', j, 'type'], message: `is not supported; use one of ${PROMPTFOO_ASSERT_TYPES.join(', ')}` });
        return [];
      }
      return [map(a['value'])];
    });
    const id = typeof test['description'] === 'string' ? test['description'] : undefined;
    return { ...(id !== undefined ? { id } : {}), ...(test['vars'] !== undefined ? { vars: test['vars'] } : {}), checks };
  });
  const suite: Record<string, unknown> = {
    feature: doc['feature'],
    cases: tests,
    ...(prompt !== undefined ? { prompt } : {}),
    ...(typeof doc['description'] === 'string' ? { description: doc['description'] } : {}),
    ...(doc['threshold'] !== undefined ? { threshold: doc['threshold'] } : {}),
  };
  return { suite, problems };
}

/** Maps a path of our suite's shape back to the promptfoo document's (cases → tests, checks → assert). */
export function promptfooPath(path: readonly (string | number)[]): (string | number)[] {
  return path.map((part, i) => (i === 0 && part === 'cases' ? 'tests' : i === 2 && part === 'checks' ? 'assert' : part));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
