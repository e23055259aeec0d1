import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import type { ChatMessage } from '../types';
import { COMPLEXITIES, TASK_TYPES } from './taskProfile';
import type { Complexity, RouteRequest, TaskProfile, TaskType } from './taskProfile';

/** The classifier model's deadline, in ms; the issue caps it at 1.5 s so routing never waits longer. */
export const MAX_CLASSIFIER_TIMEOUT_MS = 1_500;
export const DEFAULT_CLASSIFIER_CACHE_SIZE = 256;
/** Chars of the user's message shown to the classifier model (head and tail): enough to see the ask. */
export const CLASSIFIER_EXCERPT_CHARS = 2_000;

export interface ModelClassifierOptions {
  /**
   * Asks the cheapest model that may take `request` (its eligibility: allowed providers, local-only files, keys);
   * resolves to its raw text answer. Wired in `app/askEngine.ts`.
   */
  readonly ask: (prompt: string, signal: AbortSignal, request: RouteRequest) => Promise<string>;
  /** Deadline per question, in ms; clamped to `MAX_CLASSIFIER_TIMEOUT_MS`. */
  readonly timeoutMs?: number;
  /** Verdicts kept, least recently used evicted first. */
  readonly cacheSize?: number;
}

/** Refines a heuristic profile with the model's type and complexity; never rejects. */
export type ClassifyWithModel = (request: RouteRequest, heuristic: TaskProfile, signal: AbortSignal) => Promise<TaskProfile>;

interface Verdict {
  readonly type: TaskType;
  readonly complexity: Complexity;
}

const verdictSchema = z.object({ type: z.enum(TASK_TYPES as [TaskType, ...TaskType[]]), complexity: z.enum(COMPLEXITIES as [Complexity, ...Complexity[]]) });

function lastUserText(messages: readonly ChatMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message?.role !== 'user') continue;
    if (typeof message.content === 'string') return message.content;
    return message.content.map((part) => (part.type === 'text' ? part.text : '[image]')).join('\n');
  }
  return '';
}

function excerpt(text: string): string {
  if (text.length <= CLASSIFIER_EXCERPT_CHARS) return text;
  const head = Math.floor(CLASSIFIER_EXCERPT_CHARS * 0.75);
  return `${text.slice(0, head)}\n[… ${text.length - CLASSIFIER_EXCERPT_CHARS} chars omitted …]\n${text.slice(-(CLASSIFIER_EXCERPT_CHARS - head))}`;
}

/**
 * The classifier prompt. Size and attachments come from the heuristics (the model cannot count tokens),
 * rounded so that near-identical requests share a cache entry.
 */
export function buildClassifierPrompt(request: RouteRequest, heuristic: TaskProfile): string {
  const kTokens = Math.max(1, Math.round(heuristic.features.promptTokens / 1_000));
  const facts = [
    `size: ~${kTokens}k tokens`,
    heuristic.features.hasImages ? 'images attached' : 'no images',
    heuristic.features.hasCode ? `code attached${heuristic.features.codeLanguage ? ` (${heuristic.features.codeLanguage})` : ''}` : 'no code',
  ].join('; ');
  return [
    'Classify the request below for model routing. Reply with only a JSON object: {"type": "...", "complexity": "..."}.',
    `type: one of ${TASK_TYPES.join(', ')}. codeReview covers fixing, reviewing and debugging code; longDocument is a question about a very long input; multimodal means images are attached.`,
    'complexity: simple (one short step a small model does well), standard (several steps or a page of input), complex (many constraints, large inputs, proofs, subtle bugs).',
    `Facts: ${facts}.`,
    'Request:',
    '<<<',
    excerpt(lastUserText(request.messages)),
    '>>>',
  ].join('\n');
}

/** Parses the model's answer: tolerates a code fence or words around the JSON object; `undefined` if invalid. */
export function parseVerdict(answer: string): Verdict | undefined {
  const start = answer.indexOf('{');
  const end = answer.lastIndexOf('}');
  if (start === -1 || end <= start) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(answer.slice(start, end + 1));
  } catch {
    return undefined;
  }
  const parsed = verdictSchema.safeParse(raw);
  return parsed.success ? { type: parsed.data.type, complexity: parsed.data.complexity } : undefined;
}

function abortPromise(signal: AbortSignal): Promise<undefined> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve(undefined);
    else signal.addEventListener('abort', () => resolve(undefined), { once: true });
  });
}

interface InFlight {
  readonly verdict: Promise<Verdict | undefined>;
  readonly controller: AbortController;
  waiters: number;
}

/**
 * The optional LLM classifier (`quorum.routing.classifier: "model"`). Asks once per distinct prompt
 * (sha256 of the prompt text; concurrent callers share one question), within `timeoutMs`, and falls
 * back to the heuristic profile on any failure: timeout, abort, rejection, bad JSON or an unknown label.
 * Only type and complexity come from the model; features and needs always come from the heuristics.
 */
export function createModelClassifier(options: ModelClassifierOptions): ClassifyWithModel {
  const timeoutMs = Math.min(options.timeoutMs ?? MAX_CLASSIFIER_TIMEOUT_MS, MAX_CLASSIFIER_TIMEOUT_MS);
  const cacheSize = Math.max(0, options.cacheSize ?? DEFAULT_CLASSIFIER_CACHE_SIZE);
  const cache = new Map<string, Verdict>();
  const inFlight = new Map<string, InFlight>();

  function remember(key: string, verdict: Verdict): void {
    if (cacheSize === 0) return;
    cache.delete(key);
    cache.set(key, verdict);
    if (cache.size > cacheSize) {
      const oldest = cache.keys().next();
      if (oldest.done !== true) cache.delete(oldest.value);
    }
  }

  function question(key: string, prompt: string, request: RouteRequest): InFlight {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error('classifier timeout')), timeoutMs);
    // `ask` may ignore the signal, so the deadline is also enforced by racing it.
    const answered = options.ask(prompt, controller.signal, request).then(parseVerdict, () => undefined);
    const verdict = Promise.race([answered, abortPromise(controller.signal)]).then((v) => {
      clearTimeout(timer);
      inFlight.delete(key);
      if (v !== undefined) remember(key, v);
      return v;
    });
    return { verdict, controller, waiters: 0 };
  }

  return async (request, heuristic, signal) => {
    if (signal.aborted) return heuristic;
    const prompt = buildClassifierPrompt(request, heuristic);
    const key = createHash('sha256').update(prompt).digest('hex');

    let verdict = cache.get(key);
    if (verdict !== undefined) {
      remember(key, verdict);
    } else {
      let flight = inFlight.get(key);
      if (flight === undefined) {
        flight = question(key, prompt, request);
        inFlight.set(key, flight);
      }
      const shared = flight;
      shared.waiters++;
      verdict = await Promise.race([shared.verdict, abortPromise(signal)]);
      shared.waiters--;
      // The last interested caller gone: stop paying for an answer nobody will read.
      if (signal.aborted && shared.waiters === 0) shared.controller.abort(new Error('classifier aborted'));
    }

    return withVerdict(heuristic, verdict);
  };
}

/** The heuristic profile with the model's type and complexity, when it gave them. */
function withVerdict(heuristic: TaskProfile, verdict: Verdict | undefined): TaskProfile {
  if (verdict === undefined) return heuristic;
  return {
    ...heuristic,
    type: verdict.type,
    complexity: verdict.complexity,
    evidence: [`classifier model: ${verdict.type}, ${verdict.complexity}`, ...heuristic.evidence],
    source: 'model',
  };
}
