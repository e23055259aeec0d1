import type { ChatMessage } from '../types';
import { detectCode } from './codeDetection';
import type { CodeFacts } from './codeDetection';
import { CODE_TALK, CUE_PRECEDENCE, CUES } from './classifyRules';
import type { CueType } from './classifyRules';
import { scoreComplexity } from './complexity';
import type { ExpectedOutput, RouteRequest, TaskFeatures, TaskProfile, TaskType } from './taskProfile';
import { IMAGE_TOKEN_ESTIMATE, estimateMessageTokens } from './tokenEstimate';

/** Output budget assumed when the request sets none, in tokens: a long chat answer or a page of code. */
export const DEFAULT_OUTPUT_BUDGET_TOKENS = 1_024;
/** From this many prompt tokens (~6,000 words) a prompt is a long document unless it is a code task. */
export const LONG_DOCUMENT_TOKENS = 8_000;
/**
 * The asking words of a prompt sit at its start or end; for long prompts only this many chars of each
 * are matched against the cue tables, which keeps classification in microseconds on any input size.
 */
export const INSTRUCTION_WINDOW_CHARS = 700;

const JSON_ASK = /\b(?:in|as|into|to|return|returns|output|respond with|reply with|valid|strict|a|an)\s+(?:a\s+|an\s+|valid\s+|strict\s+|only\s+)?json\b|\bjson (?:object|array|format|only|lines)\b/;
const LABEL_ASK = /\b(?:one word|single word|yes or no|only the (?:label|category|class)|just the (?:label|category))\b/;

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

/** The user's asking words: fences removed, lower-cased, only the head and tail of a long prompt. */
function instructionWindow(prose: string): string {
  const text = prose.length <= 2 * INSTRUCTION_WINDOW_CHARS
    ? prose
    : `${prose.slice(0, INSTRUCTION_WINDOW_CHARS)}\n…\n${prose.slice(-INSTRUCTION_WINDOW_CHARS)}`;
  return text.toLowerCase();
}

/**
 * The best cue: highest weight, then the earliest in the text (the ask usually leads: "write a function
 * to classify…" is code), then `CUE_PRECEDENCE`. A cue that needs code counts only as a weak hint when
 * the prompt neither contains nor talks about code ("fix the typo in this sentence").
 */
function bestCue(instruction: string, codeInPlay: boolean): CueHit | undefined {
  let best: CueHit | undefined;
  for (const cue of CUES) {
    const match = cue.pattern.exec(instruction);
    if (match === null) continue;
    const weight = cue.needsCode === true && !codeInPlay ? 1 : cue.weight;
    const hit: CueHit = { type: cue.type, weight, index: match.index, evidence: cue.evidence };
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

function decideOutput(type: TaskType, instruction: string, system: string): ExpectedOutput {
  if (JSON_ASK.test(instruction) || JSON_ASK.test(system)) return 'json';
  if (type === 'classification' || LABEL_ASK.test(instruction)) return 'label';
  if (type === 'extraction') return 'extraction';
  return 'freeText';
}

/**
 * Classifies a request from its messages alone: pure, deterministic, and bounded in time (the tokenizer
 * samples long text, cue patterns see at most 2 × `INSTRUCTION_WINDOW_CHARS` chars, the code scan at most
 * `DENSITY_SCAN_LINES` lines). `evidence` lists the facts that decided the verdict, for "why this model?".
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

  const promptTokens = estimateMessageTokens(messages);
  const images = countImages(messages);
  const code = detectCode(lastUser, request.languageId);
  const instruction = instructionWindow(code.prose);
  const codeInPlay = code.hasCode || CODE_TALK.test(instruction);
  const cue = bestCue(instruction, codeInPlay);
  const type = decideType(images, promptTokens, code, cue);
  const expectedOutput = decideOutput(type, instruction, system);
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
    type, instruction, images, codeLines: code.codeLines, json: expectedOutput === 'json',
    textTokens: promptTokens - images * IMAGE_TOKEN_ESTIMATE,
  });
  evidence.push(...complexity.evidence);

  const features: TaskFeatures = {
    promptTokens,
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
