/**
 * What a request to a fake provider asks for, read from its text the way a model would read it, so the
 * demo's answers fit the feature that asked: the vote's JSON contracts, the code actions' one fenced
 * block, short answers to yes/no and numeric questions. Pure and deterministic: the same texts give the
 * same intent.
 */

export type CodeTask = 'fix' | 'refactor' | 'tests' | 'docs';

export type Intent =
  /** A Vote judge: `{"winner", "rationale"}` over the fenced candidates. */
  | { readonly kind: 'judge'; readonly question: string; readonly candidates: readonly JudgeCandidateText[] }
  /** A confidence-weighted voter or a cascade step (or its re-ask): `{"answer", "confidence"}`. */
  | { readonly kind: 'confidence'; readonly question: string }
  /** Code back in one fenced block; `code` is the code the prompt carries, when it carries some. */
  | { readonly kind: 'code'; readonly task: CodeTask; readonly code?: string; readonly fenceTag: string }
  /** A yes/no or numeric question: a short answer that clusters in a majority vote. */
  | { readonly kind: 'short'; readonly question: string }
  | { readonly kind: 'greeting' }
  | { readonly kind: 'prose' };

export interface JudgeCandidateText {
  readonly label: string;
  readonly answer: string;
}

// The markers of Quorum's own prompts (src/core/ensemble/vote/judge.ts and confidence.ts).
const JUDGE_MARKER = '{"winner":';
const CONFIDENCE_MARKERS = ['"confidence": <number from 0 to 1', 'Reply again with ONLY the JSON object {"answer"'];
const REASK_START = 'That reply could not be used';

/**
 * The intent of a request whose last user message is `prompt`; `context` is every text the request
 * carries (system, earlier turns, the prompt), where the vote's instructions live.
 */
export function detectIntent(prompt: string, context: readonly string[] = [prompt]): Intent {
  const all = [...context, prompt];
  if (all.some((t) => t.includes(JUDGE_MARKER))) return judgeIntent(prompt);
  if (all.some((t) => CONFIDENCE_MARKERS.some((m) => t.includes(m)))) return { kind: 'confidence', question: questionOf(prompt, context) };
  const task = codeTask(all);
  if (task !== undefined) return { kind: 'code', task, ...codeIn(prompt) };
  if (isShortQuestion(prompt)) return { kind: 'short', question: prompt.trim() };
  if (/^\s*(hi|hello|hey|good (morning|afternoon|evening)|say hello)\b/iu.test(prompt)) return { kind: 'greeting' };
  return { kind: 'prose' };
}

function judgeIntent(prompt: string): Intent {
  const candidates = [...prompt.matchAll(/<<<CANDIDATE ([A-Z])>>>\n([\s\S]*?)\n<<<END \1>>>/gu)]
    .map((m) => ({ label: m[1] ?? 'A', answer: (m[2] ?? '').trim() }));
  const question = /Question:\n([\s\S]*?)\n\s*<<<CANDIDATE/u.exec(prompt)?.[1]?.trim() ?? '';
  return { kind: 'judge', question, candidates };
}

/** The user's question behind a confidence request: the last text that is not an instruction, a re-ask or a JSON reply. */
function questionOf(prompt: string, context: readonly string[]): string {
  const all = [...context, prompt];
  // The text just before a re-ask is the model's own bad reply, not the question.
  const texts = all.filter((t, i) => !CONFIDENCE_MARKERS.some((m) => t.includes(m)) && !t.startsWith(REASK_START)
    && !(all[i + 1]?.startsWith(REASK_START) ?? false) && !t.includes('ONLY a JSON object') && !/^\s*[{`]/u.test(t));
  return (texts.at(-1) ?? prompt).trim();
}

// Quorum's code-action requests (src/core/editor/promptTemplates.ts), then what a person would type.
const ACTION_REQUESTS: readonly (readonly [RegExp, CodeTask])[] = [
  [/^Fix the (?:selected code|code in <code>|bugs)/mu, 'fix'],
  [/^Refactor the (?:selected code|code in <code>)/mu, 'refactor'],
  [/^Write unit tests for the/mu, 'tests'],
  [/^Add documentation comments to the/mu, 'docs'],
];
const TYPED_REQUESTS: readonly (readonly [RegExp, CodeTask])[] = [
  [/\b(?:write|add|generate|create)\b[^.?!\n]{0,30}\btests?\b/iu, 'tests'],
  [/\b(?:document|add (?:doc(?:umentation)? )?comments|docstrings?|jsdoc)\b/iu, 'docs'],
  [/\b(?:refactor|clean up|simplify|rewrite)\b/iu, 'refactor'],
  [/\b(?:fix|debug|repair|correct)\b/iu, 'fix'],
];

function codeTask(texts: readonly string[]): CodeTask | undefined {
  for (const [pattern, task] of ACTION_REQUESTS) if (texts.some((t) => pattern.test(t))) return task;
  // What the person typed, without the code it carries ("// TODO: fix" in the code asks for nothing).
  const typed = (texts.at(-1) ?? '').replace(/(`{3,})[^\n]*\n[\s\S]*?\n\1/gu, '').replace(/<code[^>]*>[\s\S]*?<\/code>/gu, '');
  for (const [pattern, task] of TYPED_REQUESTS) if (pattern.test(typed)) return task;
  return undefined;
}

/** The code a prompt carries: the selection of a code action, else its first fenced block. */
export function codeIn(prompt: string): { code?: string; fenceTag: string } {
  const selected = /## Selected code\n(`{3,})([^\n`]*)\n([\s\S]*?)\n\1/u.exec(prompt);
  if (selected) return { code: selected[3] ?? '', fenceTag: selected[2] ?? '' };
  const xml = /<code language="([^"]*)">\n([\s\S]*?)\n<\/code>/u.exec(prompt);
  if (xml) return { code: xml[2] ?? '', fenceTag: fenceTagOf(xml[1] ?? '') };
  const fenced = /(`{3,})([^\n`]*)\n([\s\S]*?)\n\1/u.exec(prompt);
  if (fenced) return { code: fenced[3] ?? '', fenceTag: (fenced[2] ?? '').trim() };
  return { fenceTag: 'ts' };
}

function fenceTagOf(languageId: string): string {
  const tags: Record<string, string> = { typescript: 'ts', javascript: 'js', python: 'python', typescriptreact: 'tsx', javascriptreact: 'jsx' };
  return tags[languageId] ?? languageId;
}

const YES_NO_START = /^\s*(?:is|are|does|do|can|could|should|would|will|was|were|has|have|did)\b/iu;
const NUMERIC = /\b(?:how (?:many|much|old|long|far)|which is (?:larger|bigger|greater|smaller|higher|lower)|what is \d|what's \d)\b|\d\s*[-+*/×x]\s*\d/iu;

/** A question whose answer is a word or a number: yes/no, arithmetic, "which is larger", "how many". */
function isShortQuestion(prompt: string): boolean {
  const text = prompt.trim();
  if (text.length > 400 || text.includes('```')) return false;
  return /\byes or no\b/iu.test(text) || (YES_NO_START.test(text) && text.includes('?')) || NUMERIC.test(text);
}
