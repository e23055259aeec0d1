import type { ChatMessage } from '../types';

/**
 * Mid-stream failover by **continuation** (not restart-with-separator): the user keeps the text already
 * shown, and the next model is asked to write the rest. We chose it because a restart would either show
 * the answer twice (two models' versions one after the other) or throw away text the user may already be
 * reading; a continuation keeps one answer and costs only the rest of it. The hand-over is visible: the
 * runner emits `continued-by` and the UI marks "continued by <model>" at that point.
 *
 * Models do not always obey "do not repeat": some restart the answer or repeat the last sentence, so the
 * continuation's opening is compared with the shown text and any overlap is dropped (`OverlapTrimmer`).
 */

/** Sent as the last user turn; says what happened so the model neither apologises nor starts over. */
export const CONTINUE_INSTRUCTION =
  'Your previous reply was cut off by a connection error. Continue it exactly where it stopped: do not repeat ' +
  'any of it, do not comment or add a preface, just write the rest.';

/** The original conversation + the partial answer as the assistant's turn + the instruction to continue. */
export function continuationMessages(messages: readonly ChatMessage[], partial: string): ChatMessage[] {
  return [...messages, { role: 'assistant', content: partial }, { role: 'user', content: CONTINUE_INSTRUCTION }];
}

/** An overlap shorter than this (in characters) is taken as a coincidence ("the" + "theory"), not a repeat. */
export const MIN_OVERLAP_CHARS = 4;

/**
 * Drops the start of a continuation that repeats the end of the shown text. It holds back only what could
 * still turn out to be a repeat — while the continuation's opening matches some suffix of the shown text —
 * and releases everything as soon as no longer match is possible, so a real continuation streams at once.
 *
 * An overlap counts when it is at least `MIN_OVERLAP_CHARS` long and begins at a word boundary of the
 * shown text (or with whitespace), so a word the model merely happens to start with is kept. A model that
 * restarts from the very beginning is the longest such overlap (the whole shown text) and is dropped too.
 */
export class OverlapTrimmer {
  private buffer = '';
  private checked = 0;
  private best = 0;
  private alive: number[];
  private resolved: boolean;

  constructor(private readonly shown: string, minOverlap: number = MIN_OVERLAP_CHARS) {
    const n = shown.length;
    this.alive = [];
    for (let k = Math.max(1, minOverlap); k <= n; k += 1) {
      const start = n - k;
      if (start === 0 || isSpace(shown[start - 1]) || isSpace(shown[start])) this.alive.push(k);
    }
    this.resolved = this.alive.length === 0;
  }

  /** Feeds one delta; returns the text that is safe to show now (possibly ''). */
  push(delta: string): string {
    if (this.resolved) return delta;
    this.buffer += delta;
    const n = this.shown.length;
    for (let i = this.checked; i < this.buffer.length && this.alive.length > 0; i += 1) {
      const char = this.buffer[i];
      const next: number[] = [];
      for (const k of this.alive) {
        if (k <= i) this.best = Math.max(this.best, k);
        else if (this.shown[n - k + i] === char) next.push(k);
      }
      this.alive = next;
    }
    this.checked = this.buffer.length;
    const pending: number[] = [];
    for (const k of this.alive) {
      if (k <= this.buffer.length) this.best = Math.max(this.best, k);
      else pending.push(k);
    }
    this.alive = pending;
    return this.alive.length === 0 ? this.release() : '';
  }

  /** The continuation ended: what is still held back, minus the overlap confirmed so far. */
  end(): string {
    return this.resolved ? '' : this.release();
  }

  private release(): string {
    this.resolved = true;
    const out = this.buffer.slice(this.best);
    this.buffer = '';
    return out;
  }
}

function isSpace(char: string | undefined): boolean {
  return char !== undefined && /\s/u.test(char);
}
