import { intentAnswer } from './intentAnswers';
import type { UsageExtras } from './scenario';

/** A canned answer: the first entry whose `model` and `promptIncludes` both match wins. */
export interface ScriptedAnswer {
  readonly model?: string;
  readonly promptIncludes?: string;
  readonly text: string;
}

/**
 * Deterministic answer text for a request: a scripted answer when one matches, else one that fits what the
 * request asks for (intentAnswers.ts). `prompt` is the last user message; `context` every text the request
 * carries (system, earlier turns), where the vote's JSON instructions live.
 */
export function answerFor(model: string, prompt: string, script: readonly ScriptedAnswer[] = [], context: readonly string[] = [prompt]): string {
  const hit = script.find((s) => (s.model === undefined || s.model === model)
    && (s.promptIncludes === undefined || prompt.includes(s.promptIncludes)));
  if (hit) return hit.text;
  return intentAnswer(model, prompt, context);
}

/** Models that stream faster than the base pace, as small models do. */
const FAST_MODEL = /nano|mini|haiku|flash|lite|luna|small/iu;

/**
 * The pace of one answer in output tokens a second: `base` (the fake's `tokensPerSecond`, unset = no
 * pacing, as the tests run) for a large model, 1.6× that for a small one.
 */
export function paceFor(model: string, base: number | undefined): number | undefined {
  if (base === undefined || base <= 0) return undefined;
  return FAST_MODEL.test(model) ? base * 1.6 : base;
}

/** Splits text into token-like pieces (a word with its leading space), so chunk count ≈ output tokens. */
export function tokenize(text: string): string[] {
  return text.match(/\s*\S+/gu) ?? (text === '' ? [] : [text]);
}

/** Rough, deterministic prompt token count: ~4 characters a token plus a small per-message overhead. */
export function promptTokens(texts: readonly string[]): number {
  return texts.reduce((sum, t) => sum + Math.ceil(t.length / 4) + 3, 3);
}

export interface FakeUsage {
  /** All prompt tokens, including cached and cache-write tokens. */
  readonly input: number;
  readonly cached: number;
  readonly cacheWrite: number;
  /** Visible output tokens (chunks of the answer). */
  readonly output: number;
  readonly reasoning: number;
}

export function usageFor(promptTexts: readonly string[], answer: string, extras: UsageExtras = {}): FakeUsage {
  const cached = extras.cachedInputTokens ?? 0;
  const cacheWrite = extras.cacheWriteTokens ?? 0;
  return {
    input: promptTokens(promptTexts) + cached + cacheWrite,
    cached,
    cacheWrite,
    output: tokenize(answer).length,
    reasoning: extras.reasoningTokens ?? 0,
  };
}

/** Small seeded PRNG (mulberry32) so slicing and jitter are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
