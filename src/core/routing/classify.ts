import type { ChatMessage } from '../types';
import { PROSE_WINDOW_CHARS, detectCode } from './codeDetection';
import type { CodeFacts } from './codeDetection';
import { CUE_PRECEDENCE, CUES, MARKERS } from './classifyRules';
import type { Cue, CueType, Marker, TriggeredPattern } from './classifyRules';
import { scoreComplexity } from './complexity';
import { compileTriggerScanner } from './triggerScanner';
import type { ExpectedOutput, RouteRequest, TaskFeatures, TaskProfile, TaskType } from './taskProfile';
import { IMAGE_TOKEN_ESTIMATE, quickMessageTokens } from './tokenEstimate';

/** Output budget assumed when the request sets none, in tokens: a long chat answer or a page of code. */
export const DEFAULT_OUTPUT_BUDGET_TOKENS = 1_024;
/** From this many prompt tokens (~6,000 words) a prompt is a long document unless it is a code task. */
export const LONG_DOCUMENT_TOKENS = 8_000;

// Checked only when the text contains "json" (see `MARKERS`).
const JSON_ASK = /\b(?:in|as|into|to|return|returns|output|respond with|reply with|valid|strict|a|an)\s+(?:a\s+|an\s+|valid\s+|strict\s+|only\s+)?json\b|\bjson (?:object|array|format|only|lines)\b/;

const CUE_SET: ReadonlySet<TriggeredPattern> = new Set<TriggeredPattern>(CUES);
const MARKER_OF: ReadonlyMap<TriggeredPattern, Marker> = new Map(
  (Object.keys(MARKERS) as Marker[]).map((name) => [MARKERS[name] as TriggeredPattern, name]),
);
const scan = compileTriggerScanner<TriggeredPattern>([...CUES, ...MARKER_OF.keys()]);

/** What one pass over the asking words found: each cue's first match, and which markers occur (with their text). */
interface Reading {
  readonly cues: readonly { readonly cue: Cue; readonly index: number }[];
  readonly markers: ReadonlyMap<Marker, string>;
}

function read(instruction: string): Reading {
  const cues: { cue: Cue; index: number }[] = [];
  const markers = new Map<Marker, string>();
  for (const { item, index, text } of scan(instruction)) {
    if (CUE_SET.has(item)) cues.push({ cue: item as Cue, index });
    const marker = MARKER_OF.get(item);
    if (marker !== undefined) markers.set(marker, text);
  }
  return { cues, markers };
}

interface CueHit {
  readonly type: CueType;
  readonly weight: number;
  readonly index: number;
  readonly evidence: string;
}

function textOf(message: ChatMessage): string {
  if (typeof message.content === 'string') return message.content;
  let text = '';
  for (const part of message.content) if (part.type === 'text') text += (text ? '\n' : '') + part.text;
  return text;
}

function countImages(messages: readonly ChatMessage[]): number {
  let images = 0;
  for (const message of messages) {
    if (typeof message.content === 'string') continue;
    for (const part of message.content) if (part.type === 'image') images++;
  }
  return images;
}

/** A system prompt's words as cues see them: lower-cased, only the head and tail of a long one. */
function instructionWindow(prose: string): string {
  const text = prose.length <= 2 * PROSE_WINDOW_CHARS
    ? prose
    : `${prose.slice(0, PROSE_WINDOW_CHARS)}\n…\n${prose.slice(-PROSE_WINDOW_CHARS)}`;
  return text.toLowerCase();
}

/**
 * The best cue: highest weight, then the earliest in the text (the ask usually leads: "write a function
 * to classify…" is code), then `CUE_PRECEDENCE`. A cue that needs code counts only as a weak hint when
 * the prompt neither contains nor talks about code ("fix the typo in this sentence").
 */
function bestCue(reading: Reading, codeInPlay: boolean): CueHit | undefined {
  let best: CueHit | undefined;
  for (const { cue, index } of reading.cues) {
    const weight = cue.needsCode === true && !codeInPlay ? 1 : cue.weight;
    const hit: CueHit = { type: cue.type, weight, index, evidence: cue.evidence };
    if (best === undefined || beats(hit, best)) best = hit;
  }
  return best;
}

function beats(a: CueHit, b: CueHit): boolean {
  if (a.weight !== b.weight) return a.weight > b.weight;
  if (a.index !== b.index) return a.index < b.index;
  return CUE_PRECEDENCE.indexOf(a.type) < CUE_PRECEDENCE.indexOf(b.type);
}

/**
 * Task type, in this explicit precedence:
 * 1. images attached → `multimodal` (a vision model is required whatever the ask);
 * 2. prompt ≥ `LONG_DOCUMENT_TOKENS` → `longDocument`, unless code is present and the ask is a code task
 *    (a long file to fix is still code review, with complexity raised by its size);
 * 3. the best word cue of weight ≥ 2 (see `bestCue`);
 * 4. otherwise `chat` (questions, conversation, advice).
 */
function decideType(images: number, promptTokens: number, code: CodeFacts, cue: CueHit | undefined): TaskType {
  if (images > 0) return 'multimodal';
  const cueType = cue !== undefined && cue.weight >= 2 ? cue.type : undefined;
  if (promptTokens >= LONG_DOCUMENT_TOKENS) {
    const codeTask = cueType === 'codeReview' || cueType === 'codeGeneration';
    return code.hasCode && codeTask ? cueType : 'longDocument';
  }
  return cueType ?? 'chat';
}

function asksJson(text: string): boolean {
  return text.includes('json') && JSON_ASK.test(text);
}

function decideOutput(type: TaskType, instruction: string, reading: Reading, system: string): ExpectedOutput {
  if (asksJson(instruction) || asksJson(system)) return 'json';
  if (type === 'classification' || reading.markers.has('labelAsk')) return 'label';
  if (type === 'extraction') return 'extraction';
  return 'freeText';
}

/**
 * Classifies a request from its messages alone: pure, deterministic, and bounded in time whatever the input
 * size — the token count works within a fixed budget of chars (`quickMessageTokens`), code detection
 * within its scan budgets, and the cue and marker patterns read the asking words (at most
 * 2 × `PROSE_WINDOW_CHARS` chars) in one triggered pass. `evidence` lists the facts that decided the
 * verdict, for "why this model?".
 */
export function classify(request: RouteRequest): TaskProfile {
  const { messages } = request;
  let lastUser = '';
  let system = '';
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message === undefined) continue;
    if (message.role === 'user' && lastUser === '') lastUser = textOf(message);
    else if (message.role === 'system') system = instructionWindow(textOf(message)) + '\n' + system;
  }

  const { tokens: promptTokens, errorBound } = quickMessageTokens(messages);
  const images = countImages(messages);
  const code = detectCode(lastUser, request.languageId);
  const instruction = code.prose.toLowerCase();
  const reading = read(instruction);
  const codeInPlay = code.hasCode || reading.markers.has('codeTalk');
  const cue = bestCue(reading, codeInPlay);
  const type = decideType(images, promptTokens, code, cue);
  const expectedOutput = decideOutput(type, instruction, reading, system);
  const outputBudget = request.maxOutputTokens ?? DEFAULT_OUTPUT_BUDGET_TOKENS;
  const requiredContextTokens = promptTokens + outputBudget;

  const evidence: string[] = [`~${promptTokens.toLocaleString('en-US')} tokens`];
  if (images > 0) evidence.push(images === 1 ? '1 image attached' : `${images} images attached`);
  if (type === 'longDocument') evidence.push('very long input');
  if (cue !== undefined && cue.weight >= 2 && (type === cue.type || type === 'longDocument')) evidence.push(cue.evidence);
  if (type === 'chat') evidence.push('no specific task cue: question or conversation');
  evidence.push(...code.evidence);
  if (expectedOutput === 'json') evidence.push('asks for JSON');
  else if (expectedOutput === 'label') evidence.push('expects a short label');

  const complexity = scoreComplexity({
    type, instruction, markers: reading.markers, images, codeLines: code.codeLines, json: expectedOutput === 'json',
    textTokens: promptTokens - images * IMAGE_TOKEN_ESTIMATE,
  });
  evidence.push(...complexity.evidence);

  const features: TaskFeatures = {
    promptTokens,
    promptTokensErrorBound: errorBound,
    hasCode: code.hasCode,
    hasImages: images > 0,
    requiredContextTokens,
    expectedOutput,
    ...(code.language !== undefined ? { codeLanguage: code.language } : {}),
  };
  return {
    type,
    complexity: complexity.complexity,
    features,
    needs: { vision: images > 0, json: expectedOutput === 'json', contextTokens: requiredContextTokens },
    evidence,
    source: 'heuristic',
  };
}
