import { codeAnswer } from './codeAnswers';
import { detectIntent, type Intent, type JudgeCandidateText } from './intent';
import { confidenceFor, hashText, shortAnswerFor, shortAnswers } from './shortAnswers';

/**
 * The fakes' default answer to a request, by what it asks for (see intent.ts). Deterministic: the same
 * model and texts always give the same answer, so tests can rely on it and a demo looks like models that
 * understood the feature: valid JSON for the vote's confidence and judge contracts, code in one fenced
 * block for the code actions, short and mostly agreeing answers to yes/no and numeric questions.
 */
export function intentAnswer(model: string, prompt: string, context: readonly string[] = [prompt]): string {
  return answerTo(detectIntent(prompt, context), model, prompt);
}

function answerTo(intent: Intent, model: string, prompt: string): string {
  switch (intent.kind) {
    case 'judge':
      return judgeAnswer(intent.question, intent.candidates);
    case 'confidence':
      return JSON.stringify({ answer: bareAnswer(model, intent.question), confidence: confidenceFor(model, intent.question) });
    case 'code':
      return codeAnswer(intent.task, intent.code, intent.fenceTag);
    case 'short':
      return shortAnswerFor(model, intent.question);
    case 'greeting':
      return greeting(model, prompt);
    case 'prose':
      return proseAnswer(model, prompt);
  }
}

/** The answer a confidence voter puts in its JSON: short, without the trailing stop. */
function bareAnswer(model: string, question: string): string {
  const intent = detectIntent(question);
  if (intent.kind === 'short') return shortAnswerFor(model, question).replace(/\.$/u, '');
  return topicPhrase(question);
}

/**
 * A judge picks the candidate that says what most models say (the right answer of shortAnswers), else the
 * first; its rationale names why. Judges do not dissent: a panel of judges agrees, as it mostly does.
 */
function judgeAnswer(question: string, candidates: readonly JudgeCandidateText[]): string {
  const key = (text: string) => text.toLowerCase().replace(/[^a-z0-9.]+/gu, ' ').replace(/\.(\s|$)/gu, '$1').trim();
  const intent = detectIntent(question);
  const right = intent.kind === 'short' ? key(shortAnswers(question).right) : key(topicPhrase(question));
  const pick = candidates.find((c) => key(c.answer) === right) ?? candidates[0];
  const label = pick?.label ?? 'A';
  const others = candidates.filter((c) => c.label !== label).map((c) => c.label);
  const rationale = others.length === 0
    ? `Candidate ${label} answers the question directly and correctly.`
    : `Candidate ${label} answers the question correctly and directly; ${others.join(', ')} ${others.length === 1 ? 'gets' : 'get'} it wrong or hedge.`;
  return JSON.stringify({ winner: label, rationale });
}

/** Byte for byte the fakes' historical answer, which many tests (and fault cut points) rely on. */
function greeting(model: string, prompt: string): string {
  return `Hello from ${model}. You asked: "${asked(prompt)}". This is a scripted answer from the Quorum fake provider.`;
}

function asked(prompt: string): string {
  return prompt.replace(/\s+/g, ' ').trim().slice(0, 80);
}

/** A few words that name what the question is about ("circuit breaker does"), for phrases and headings. */
function topicPhrase(question: string): string {
  const words = question.replace(/[^\p{L}\p{N}\s-]/gu, ' ').split(/\s+/u)
    .filter((w) => w.length > 2 && !STOP_WORDS.has(w.toLowerCase()));
  return words.slice(0, 4).join(' ') || 'the question';
}

const STOP_WORDS = new Set(['the', 'what', 'which', 'who', 'how', 'why', 'when', 'does', 'and', 'for', 'with', 'that', 'this',
  'explain', 'tell', 'about', 'are', 'you', 'can', 'please', 'give', 'name', 'describe', 'into', 'from', 'your']);

const OPENINGS = [
  'In short: it comes down to a few trade-offs.',
  'Here is the gist, then the details that matter in practice.',
  'The short version first, then when it matters.',
];

/**
 * Plausible prose: the question echoed (tests look for `You asked: "…"`), then a structured answer about
 * its topic. Each model words its opening differently, as real models do.
 */
function proseAnswer(model: string, prompt: string): string {
  const topic = topicPhrase(prompt);
  const opening = OPENINGS[hashText(model) % OPENINGS.length] ?? OPENINGS[0];
  return [
    `You asked: "${asked(prompt)}". ${opening}`,
    '',
    `**${topic}** is best understood by what it is for, how it works, and where it stops helping:`,
    '',
    `1. **What it is for** — the problem ${topic} solves, and the cost of not solving it.`,
    '2. **How it works** — the moving parts, in the order they act, and the one invariant that holds them together.',
    '3. **Where it stops helping** — the edge cases and the signs that a different approach fits better.',
    '',
    'If you share the code or the setting you have in mind, I can make this concrete.',
    '',
    `_${model} · a demo answer from the Quorum fake provider._`,
  ].join('\n');
}
