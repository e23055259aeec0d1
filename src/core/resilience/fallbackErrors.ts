import type { ProviderError, ProviderErrorReason } from '../errors';
import type { ModelRef } from '../types';
import { describeReason } from './fallbackPolicy';
import type { AttemptRecord } from './runEvents';

interface FallbackErrorInit {
  readonly attempts: readonly AttemptRecord[];
  /** Answer text already shown to the user before the run ended (kept on screen, marked interrupted). */
  readonly partialText: string;
  readonly lastError?: ProviderError;
}

/** A run that ended without a finished answer; carries every attempt for the ledger and the panel. */
export abstract class FallbackError extends Error {
  readonly attempts: readonly AttemptRecord[];
  readonly partialText: string;
  readonly lastError?: ProviderError;

  protected constructor(message: string, init: FallbackErrorInit) {
    super(message, init.lastError === undefined ? undefined : { cause: init.lastError });
    this.attempts = init.attempts;
    this.partialText = init.partialText;
    this.lastError = init.lastError;
  }
}

/** Every model of the chain failed, was skipped, or the run's deadline passed. */
export class FallbackExhaustedError extends FallbackError {
  constructor(init: FallbackErrorInit & { readonly deadlineMs?: number }) {
    super(exhaustedMessage(init.attempts, init.deadlineMs), init);
    this.name = 'FallbackExhaustedError';
  }
}

/**
 * The policy said another model would not help (invalid request, request too large, content policy), or
 * the user cancelled. The message is the provider's own (it names what to fix).
 */
export class FallbackStoppedError extends FallbackError {
  readonly reason: ProviderErrorReason;

  constructor(init: FallbackErrorInit & { readonly lastError: ProviderError }) {
    super(init.lastError.reason === 'aborted' ? 'Cancelled.' : init.lastError.message, init);
    this.name = 'FallbackStoppedError';
    this.reason = init.lastError.reason;
  }
}

/** "No model could answer. openai/gpt-x: overloaded (503) ×3; anthropic/claude: skipped (no API key)." */
function exhaustedMessage(attempts: readonly AttemptRecord[], deadlineMs: number | undefined): string {
  const byModel = new Map<string, { ref: ModelRef; parts: string[] }>();
  for (const attempt of attempts) {
    const key = `${attempt.ref.provider}/${attempt.ref.model}`;
    const entry = byModel.get(key) ?? { ref: attempt.ref, parts: [] };
    entry.parts.push(describeAttempt(attempt));
    byModel.set(key, entry);
  }
  const lines = [...byModel.entries()].map(([key, { parts }]) => `${key}: ${collapse(parts).join(', ')}`);
  const head = deadlineMs === undefined
    ? 'No model could answer.'
    : `No model answered within the ${Math.round(deadlineMs / 100) / 10} s limit.`;
  return lines.length === 0 ? `${head} The fallback chain was empty.` : `${head} ${lines.join('; ')}.`;
}

function describeAttempt(attempt: AttemptRecord): string {
  if (attempt.outcome === 'skipped') return `skipped (${attempt.note ?? 'unavailable'})`;
  if (attempt.reason === undefined) return attempt.outcome;
  return attempt.status === undefined ? describeReason(attempt.reason) : `${describeReason(attempt.reason)} (${attempt.status})`;
}

/** Repeated identical outcomes (retries) as "x ×3". */
function collapse(parts: readonly string[]): string[] {
  const out: { text: string; count: number }[] = [];
  for (const part of parts) {
    const last = out.at(-1);
    if (last !== undefined && last.text === part) last.count += 1;
    else out.push({ text: part, count: 1 });
  }
  return out.map((p) => (p.count === 1 ? p.text : `${p.text} ×${p.count}`));
}
