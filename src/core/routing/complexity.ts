import { CONSTRAINT_MARKERS, HARD_TOPICS, LIST_LINE, SEQUENCE_MARKERS, STEP_VERBS } from './classifyRules';
import type { Marker } from './classifyRules';
import type { Complexity, TaskType } from './taskProfile';

/** What complexity is judged from; `instruction` is the lower-cased asking text (fences removed). */
export interface ComplexityInput {
  readonly type: TaskType;
  readonly instruction: string;
  /** The markers found in `instruction`, with the text each matched (classifyRules.ts `MARKERS`). */
  readonly markers: ReadonlyMap<Marker, string>;
  /** Prompt tokens without the flat image estimates. */
  readonly textTokens: number;
  readonly images: number;
  readonly codeLines: number;
  /** The answer must be JSON. */
  readonly json: boolean;
}

export interface ComplexityVerdict {
  readonly complexity: Complexity;
  readonly evidence: readonly string[];
}

/** Points at or below this are `simple`; at or above `COMPLEX_FROM` are `complex`; between, `standard`. */
export const SIMPLE_UP_TO = 1;
export const COMPLEX_FROM = 4;

function distinctMatches(text: string, pattern: RegExp): number {
  const seen = new Set<string>();
  for (const match of text.matchAll(pattern)) seen.add(match[0]);
  return seen.size;
}

/** Paragraphs people write their ask in: the first (up to `ASK_PARAGRAPH_CHARS`) and a short last one. */
export const ASK_PARAGRAPH_CHARS = 800;

function askingText(instruction: string): string {
  const paragraphs = instruction.split(/\n[ \t]*\n/);
  const first = (paragraphs[0] ?? '').slice(0, ASK_PARAGRAPH_CHARS);
  const last = paragraphs.length > 1 ? (paragraphs[paragraphs.length - 1] ?? '') : '';
  // A closing ask is short ("What is the notice period?"); a long last paragraph is the pasted data itself.
  return last.length > 0 && last.length <= ASK_PARAGRAPH_CHARS / 2 ? `${first}\n\n${last}` : first;
}

function countMatches(text: string, pattern: RegExp): number {
  let n = 0;
  for (const _ of text.matchAll(pattern)) n++;
  return n;
}

/** Proofs, formal logic and many-quantity word problems are harder than their length suggests. */
function reasoningPoints(instruction: string, markers: ReadonlyMap<Marker, string>, evidence: string[]): number {
  let points = 0;
  if (markers.has('proof')) { points += 2; evidence.push('asks for a proof'); }
  if (markers.has('logic')) { points += 1; evidence.push('formal logic'); }
  if (countMatches(instruction, /\d+(?:[.:,]\d+)?/g) >= 4) { points += 1; evidence.push('several quantities'); }
  return points;
}

/** Lines that list data items; only looked for when the text has enough lines to hold five. */
function countListLines(instruction: string): number {
  let lines = 0;
  for (let i = instruction.indexOf('\n'); i !== -1 && lines < 4; i = instruction.indexOf('\n', i + 1)) lines++;
  return lines < 4 ? 0 : countMatches(instruction, LIST_LINE);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Complexity as a points score, each point with its reason: input size, distinct asks (multi-step),
 * constraints on the answer, code size, hard topics and many items raise it; "one word"/"briefly" lower it.
 * Long documents are at least `standard` (the window must be large) and `complex` when the question
 * needs analysis across the document rather than a lookup.
 */
export function scoreComplexity(input: ComplexityInput): ComplexityVerdict {
  const { instruction, markers } = input;
  const evidence: string[] = [];
  let points = 0;

  if (input.type === 'longDocument') {
    const analytic = markers.get('analytic');
    if (analytic !== undefined) return { complexity: 'complex', evidence: [`analysis across the document ("${analytic}")`] };
    return { complexity: 'standard', evidence: ['lookup in a long document'] };
  }

  // Size: a page of input (≈ 400 tokens) or ~30 lines of code already needs a capable model. Input and
  // code size overlap (pasted code is input), so the larger of the two counts, not their sum.
  // Past ~8,000 tokens or ~600 lines of code, size alone makes a task complex.
  const inputPoints = input.textTokens >= 8_000 ? 4 : input.textTokens >= 3_000 ? 3 : input.textTokens >= 400 ? 2 : 0;
  const codePoints = input.codeLines >= 600 ? 4 : input.codeLines >= 150 ? 3 : input.codeLines >= 30 ? 2 : input.codeLines >= 8 ? 1 : 0;
  if (inputPoints > 0 || codePoints > 0) {
    points += Math.max(inputPoints, codePoints);
    evidence.push(codePoints > inputPoints ? `${input.codeLines} lines of code` : inputPoints >= 4 ? 'very large input' : inputPoints >= 3 ? 'long input' : 'a page or more of input');
  }

  // Asks, constraints and topics are read from the asking paragraphs only: words inside pasted data
  // ("Next, hiring…" in a transcript) are not asks.
  const asking = askingText(instruction);
  const steps = distinctMatches(asking, STEP_VERBS) + distinctMatches(asking, SEQUENCE_MARKERS);
  if (steps >= 4) { points += 2; evidence.push(`multi-step (${steps} asks)`); }
  else if (steps >= 2) { points += 1; evidence.push(`${steps} asks`); }

  const constraints = distinctMatches(asking, CONSTRAINT_MARKERS) + countRequirementList(asking);
  if (constraints >= 2) {
    points += constraints >= 6 ? 3 : constraints >= 4 ? 2 : 1;
    evidence.push(plural(constraints, 'constraint'));
  }

  const hard = distinctMatches(asking, HARD_TOPICS);
  if (hard > 0) { points += Math.min(2, hard); evidence.push(plural(hard, 'hard topic')); }

  if (markers.has('manyItems') || markers.has('itemCount') || countListLines(instruction) >= 5) { points += 1; evidence.push('many items'); }
  if (input.images >= 3) { points += 1; evidence.push('several images'); }
  if (input.json) { points += 1; evidence.push('structured (JSON) output'); }
  if (input.type === 'codeGeneration' && input.codeLines > 0) { points += 1; evidence.push('rewrites given code'); }
  if (markers.has('showWork')) { points += 1; evidence.push('asks to show the reasoning'); }
  if (input.type === 'reasoning') points += reasoningPoints(instruction, markers, evidence);

  if (markers.has('simple')) { points -= 1; evidence.push('asks for a short answer'); }

  const complexity: Complexity = points <= SIMPLE_UP_TO ? 'simple' : points >= COMPLEX_FROM ? 'complex' : 'standard';
  return { complexity, evidence };
}

/**
 * Requirements listed in one breath ("with sorting, filtering by column, keyboard navigation, and …"):
 * each multi-word item after "with"/"including"/"covering"/a colon on the same line, beyond the first.
 * A list that opens with a quote is quoted data ("from: "John, 34, Lisbon""), not requirements.
 */
function countRequirementList(instruction: string): number {
  let extra = 0;
  for (const match of instruction.matchAll(/(?:\bwith|\bincluding|\bsupporting|\bhandle|\bcovering|:)[ \t]+([^.;:\n]{0,240})/g)) {
    const list = match[1] ?? '';
    if (/^["'“‘[]/.test(list)) continue;
    // Multi-word items are features ("an optional ttl per entry"); single words are field names or labels.
    const items = list.split(/,\s*(?:and\s+)?|\s+and\s+/);
    for (let i = 1; i < items.length; i++) if (/\S\s+\S/.test(items[i]?.trim() ?? '')) extra++;
  }
  return extra;
}
