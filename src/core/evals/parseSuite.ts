import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { fillTemplate } from './promptTemplate';
import { fromPromptfoo, isPromptfooConfig, promptfooPath } from './promptfooSuite';
import { suiteSchema, type EvalCase, type EvalSuite } from './suiteSchema';

/** One problem in a suite file, where an editor can show it: 1-based line and column. */
export interface SuiteProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export type ParsedSuite = { readonly suite: EvalSuite; readonly problems?: undefined } | { readonly suite?: undefined; readonly problems: readonly SuiteProblem[] };

type Path = readonly (string | number)[];

/**
 * Parses one suite file (ours or promptfoo's subset) into a validated suite, or every problem found with its
 * file:line:column. Pure: the caller reads the file.
 * @param file the path shown in problems (and whose base name is the suite id when it names none)
 */
export function parseSuite(file: string, source: string): ParsedSuite {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number, message: string): SuiteProblem => {
    const pos = lines.linePos(offset);
    return { file, line: pos.line, column: pos.col, message };
  };
  if (doc.errors.length > 0) return { problems: doc.errors.map((e) => at(e.pos[0], e.message.split('\n')[0] ?? e.message)) };
  const raw: unknown = doc.toJS({ maxAliasCount: 50 });
  const promptfoo = isPromptfooConfig(raw);
  const mapped = promptfoo ? fromPromptfoo(raw) : { suite: raw, problems: [] };
  const locate = (path: Path, message: string): SuiteProblem => at(offsetOf(doc, promptfoo ? promptfooPath(path) : path), `${pathText(path)}${message}`);
  const problems = mapped.problems.map((p) => at(offsetOf(doc, p.path), `${pathText(p.path)}${p.message}`));
  const result = suiteSchema.safeParse(mapped.suite);
  if (!result.success) {
    for (const issue of result.error.issues) {
      problems.push(locate(issue.path as Path, issue.message));
    }
    return { problems: dedupe(problems) };
  }
  if (problems.length > 0) return { problems };
  const data = result.data;
  const cases: EvalCase[] = [];
  data.cases.forEach((c, i) => {
    const filled = c.prompt !== undefined ? { text: c.prompt, missing: [] } : data.prompt !== undefined ? fillTemplate(data.prompt, c.vars ?? {}) : undefined;
    if (filled === undefined) problems.push(locate(['cases', i], 'needs a prompt (or the suite a prompt template)'));
    else if (filled.missing.length > 0) problems.push(locate(['cases', i], `has no value for {{${filled.missing.join('}}, {{')}}}`));
    cases.push({ id: c.id ?? `case-${i + 1}`, prompt: filled?.text ?? '', files: c.files ?? [], images: c.images ?? [], checks: c.checks });
  });
  const ids = new Set<string>();
  cases.forEach((c, i) => (ids.has(c.id) ? problems.push(locate(['cases', i], `repeats the case id "${c.id}"`)) : ids.add(c.id)));
  if (problems.length > 0) return { problems };
  const suite: EvalSuite = {
    id: data.id ?? suiteIdOf(file), feature: data.feature, threshold: data.threshold, cases,
    ...(data.description !== undefined ? { description: data.description } : {}),
    ...(data.system !== undefined ? { system: data.system } : {}),
    ...(data.maxOutputTokens !== undefined ? { maxOutputTokens: data.maxOutputTokens } : {}),
    ...(data.judge !== undefined ? { judge: data.judge } : {}),
  };
  return { suite };
}

/** Formats a problem as editors and CI logs link it: `file:line:column: message`. */
export function problemText(problem: SuiteProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.message}`;
}

/** The file's base name without `.yaml`/`.yml` (and a promptfoo `promptfooconfig` stays as it is). */
function suiteIdOf(file: string): string {
  const base = file.split(/[\\/]/u).pop() ?? file;
  return base.replace(/\.ya?ml$/iu, '');
}

/** Start offset of the deepest node of `path` the document has (the whole document when none). */
function offsetOf(doc: Document, path: Path): number {
  for (let depth = path.length; depth > 0; depth -= 1) {
    const node: unknown = doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range !== undefined && node.range !== null) return node.range[0];
  }
  return doc.contents?.range?.[0] ?? 0;
}

function pathText(path: Path): string {
  return path.length === 0 ? '' : `${path.join('.')}: `;
}

function dedupe(problems: readonly SuiteProblem[]): SuiteProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(problemText(p)) && (seen.add(problemText(p)), true));
}
