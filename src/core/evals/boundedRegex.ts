import { MAX_REGEX_INPUT } from './suiteSchema';

/**
 * A suite's `regex` check must not hang a run: a pattern that can backtrack exponentially is refused before it
 * runs, and the answer it runs on is cut to `MAX_REGEX_INPUT` characters (the bound on the work of the rest).
 * The refusal is a conservative syntactic test: a quantified group that itself holds a quantifier (`(a+)+`,
 * `(\w*\s?)*`, `(x{2,})+`), or a back-reference. Some safe patterns look like these and are refused too
 * (`\w+(?:\s\w+)*`): say them with a character class instead (`[\w\s]+`).
 */

/** A group whose body holds a quantifier, followed by a quantifier: `( … + … )*`. */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*(?:[+*]|\{\d+,?\d*\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,\d*\})/u;
const BACK_REFERENCE = /\\[1-9]|\\k</u;

export type CompiledRegex = { readonly regex: RegExp; readonly error?: undefined } | { readonly regex?: undefined; readonly error: string };

/** Compiles a check's pattern, or says why it will not run it. */
export function compileBoundedRegex(pattern: string, flags = ''): CompiledRegex {
  if (BACK_REFERENCE.test(pattern)) return { error: 'back-references are not allowed (they can make matching exponential)' };
  if (nestedQuantifier(pattern)) return { error: 'a repeated group that itself repeats (like (a+)+) can make matching exponential; rewrite it' };
  try {
    return { regex: new RegExp(pattern, flags.includes('u') ? flags : `${flags}u`) };
  } catch (error) {
    return { error: `invalid pattern: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Whether `regex` matches `text`, cut to the first `MAX_REGEX_INPUT` characters. */
export function boundedTest(regex: RegExp, text: string): boolean {
  return regex.test(text.length > MAX_REGEX_INPUT ? text.slice(0, MAX_REGEX_INPUT) : text);
}

function nestedQuantifier(pattern: string): boolean {
  // Check every group from the innermost out: drop each matched inner group and look again.
  let rest = pattern;
  for (let i = 0; i < 50; i += 1) {
    if (NESTED_QUANTIFIER.test(rest)) return true;
    const next = rest.replace(/\((?:[^()\\]|\\.)*\)([+*?]|\{\d+,?\d*\})?/u, (_group, quantifier: string | undefined) => (quantifier !== undefined && quantifier !== '?' ? 'x+' : 'x'));
    if (next === rest) return false;
    rest = next;
  }
  return false;
}
