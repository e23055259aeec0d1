import { parseJsonReply } from '../ensemble/vote/jsonReply';
import type { ChatMessage } from '../types';
import type { CheckResult } from './evalChecks';

/** Most output tokens a rubric grade may use: a verdict and one sentence. */
export const RUBRIC_MAX_OUTPUT_TOKENS = 300;

/** What the judge model is asked: the rubric, the case's prompt and the answer; a JSON verdict back. */
export function rubricMessages(rubric: string, prompt: string, answer: string): ChatMessage[] {
  return [
    {
      role: 'system',
      content: 'You grade one answer against a rubric. Reply with only a JSON object: {"pass": true|false, "reason": "<one sentence>"}. '
        + 'Pass only when the answer meets every point of the rubric.',
    },
    { role: 'user', content: `Rubric:\n${rubric}\n\nPrompt the answer was given:\n${prompt}\n\nAnswer to grade:\n${answer}` },
  ];
}

/** The judge's reply as a check result; an unreadable reply fails the check (and says so). */
export function rubricVerdict(reply: string): CheckResult {
  const parsed = parseJsonReply(reply);
  const value = parsed.ok ? parsed.value : undefined;
  if (typeof value !== 'object' || value === null || typeof (value as { pass?: unknown }).pass !== 'boolean') {
    return { type: 'judge', pass: false, detail: 'the judge gave no readable verdict' };
  }
  const { pass, reason } = value as { pass: boolean; reason?: unknown };
  const why = typeof reason === 'string' && reason.trim() !== '' ? reason.trim().slice(0, 300) : undefined;
  return pass ? { type: 'judge', pass } : { type: 'judge', pass, detail: why ?? 'does not meet the rubric' };
}
