import { extractCode } from '../editor/codeExtraction';
import { normaliseAnswer } from '../ensemble/vote/normalise';
import { boundedTest, compileBoundedRegex } from './boundedRegex';
import { jsonSchemaProblem } from './jsonSchemaCheck';
import type { EvalCheck } from './suiteSchema';

/** One check's verdict on one answer; `detail` explains a failure (shown next to the case). */
export interface CheckResult {
  readonly type: EvalCheck['type'];
  readonly pass: boolean;
  readonly detail?: string;
}

/**
 * Syntax errors of a TS/JS source (syntax only, nothing runs), or `undefined` when no parser is available — then
 * a `code-compiles` check fails saying so, rather than passing unchecked. The CLI passes the TypeScript parser.
 */
export type SyntaxChecker = (code: string, language: 'ts' | 'tsx' | 'js' | 'jsx') => readonly string[] | undefined;

export interface CheckPorts {
  readonly syntax?: SyntaxChecker;
}

const LANGUAGE_IDS = { ts: 'typescript', tsx: 'typescriptreact', js: 'javascript', jsx: 'javascriptreact' } as const;

/**
 * Runs one check that needs no model (every type but `judge`, which the runner grades through the request path).
 * Pure and deterministic for the same ports.
 */
export function runCheck(check: Exclude<EvalCheck, { type: 'judge' }>, answer: string, ports: CheckPorts = {}): CheckResult {
  const verdict = (pass: boolean, detail: string): CheckResult => (pass ? { type: check.type, pass } : { type: check.type, pass, detail });
  const fold = (s: string): string => ('ignoreCase' in check && check.ignoreCase === true ? s.toLowerCase() : s);
  switch (check.type) {
    case 'equals':
      return verdict(fold(answer.trim()) === fold(check.value.trim()), `expected exactly ${quote(check.value)}, got ${quote(answer)}`);
    case 'contains':
      return verdict(fold(answer).includes(fold(check.value)), `does not contain ${quote(check.value)}`);
    case 'not-contains':
      return verdict(!fold(answer).includes(fold(check.value)), `contains ${quote(check.value)}`);
    case 'regex': {
      const compiled = compileBoundedRegex(check.value, check.flags);
      if (compiled.regex === undefined) return verdict(false, `regex not run: ${compiled.error}`);
      return verdict(boundedTest(compiled.regex, answer), `does not match /${check.value}/`);
    }
    case 'json-schema': {
      const problem = jsonSchemaProblem(answer, check.value);
      return verdict(problem === undefined, problem ?? '');
    }
    case 'code-compiles':
      return codeCompiles(check.value, answer, ports.syntax);
    case 'similar': {
      const expected = normaliseAnswer(check.value);
      return verdict(expected !== '' && normaliseAnswer(answer) === expected, `not the same answer as ${quote(check.value)} once normalised`);
    }
  }
}

function codeCompiles(language: 'ts' | 'tsx' | 'js' | 'jsx', answer: string, syntax: SyntaxChecker | undefined): CheckResult {
  const fail = (detail: string): CheckResult => ({ type: 'code-compiles', pass: false, detail });
  let code: string;
  try {
    code = extractCode(answer, LANGUAGE_IDS[language]).code;
  } catch {
    return fail('the answer holds no code');
  }
  const errors = syntax?.(code, language);
  if (errors === undefined) return fail('no TypeScript parser here to check the syntax (run it from the quorum-eval CLI)');
  return errors.length === 0 ? { type: 'code-compiles', pass: true } : fail(`syntax errors: ${errors.slice(0, 3).join('; ')}`);
}

/** A value in a failure explanation, cut to a readable length. */
function quote(text: string): string {
  const one = text.replace(/\s+/gu, ' ').trim();
  return JSON.stringify(one.length > 80 ? `${one.slice(0, 77)}…` : one);
}
