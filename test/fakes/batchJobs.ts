import type { FakeServerOptions } from './fakeServer';
import { answerFor, usageFor, type FakeUsage } from './script';

/**
 * The batch job state machine the three vendor fakes share (OpenAI Batch, Anthropic Message Batches, Gemini batch
 * mode): deterministic, driven by polls rather than time, so a test says how many polls a job takes and which of
 * its requests fail, and never waits. Each fake renders these states and results in its own wire format.
 */

/** The scenario model that matches a batch-create request (`Scenario.model`), so a test can shape the next job. */
export const BATCH_SCENARIO_MODEL = 'batch';

/** How the next created job behaves (`Scenario.batch`). */
export interface BatchPlan {
  /** Status reads (retrieve / get) before the job ends; the first read already shows it running. Default 2. */
  readonly pollsToEnd?: number;
  /** The job expires instead of ending: the first half of its requests answered, the rest expired. */
  readonly expire?: boolean;
  /** Custom ids whose request fails (a server error inside the batch): partial failures. */
  readonly failIds?: readonly string[];
  /** The vendor refuses the whole batch (OpenAI validation fails, Gemini FAILED). */
  readonly refuse?: boolean;
}

export type FakeBatchPhase = 'pending' | 'running' | 'ended' | 'expired' | 'cancelling' | 'cancelled' | 'failed';

export interface FakeBatchRequest {
  readonly customId: string;
  readonly model: string;
  /** Texts of the request's messages (system included), for the scripted answer and usage. */
  readonly texts: readonly string[];
}

export type FakeBatchOutcome =
  | { readonly kind: 'answer'; readonly request: FakeBatchRequest; readonly text: string; readonly usage: FakeUsage }
  | { readonly kind: 'error' | 'expired' | 'cancelled'; readonly request: FakeBatchRequest };

export interface FakeBatch {
  readonly id: string;
  readonly model: string;
  readonly requests: readonly FakeBatchRequest[];
  readonly plan: BatchPlan;
  readonly createdAt: number;
  polls: number;
  /** Requests done when the cancel arrived (they keep their answers); `undefined` = not cancelled. */
  doneAtCancel?: number;
  /** Reads since the cancel: the first shows `cancelling`, later ones `cancelled`. */
  pollsSinceCancel: number;
}

export class FakeBatchStore {
  private readonly jobs = new Map<string, FakeBatch>();
  private next = 0;

  constructor(private readonly prefix: string) {}

  create(requests: readonly FakeBatchRequest[], plan: BatchPlan = {}): FakeBatch {
    this.next += 1;
    const batch: FakeBatch = {
      id: `${this.prefix}${String(this.next).padStart(6, '0')}`, model: requests[0]?.model ?? 'unknown', requests, plan, createdAt: 1_765_000_000 + this.next, polls: 0, pollsSinceCancel: 0,
    };
    this.jobs.set(batch.id, batch);
    return batch;
  }

  get(id: string): FakeBatch | undefined {
    return this.jobs.get(id);
  }

  /** A status read: advances the job one step, then says where it is. */
  poll(batch: FakeBatch): FakeBatchPhase {
    if (batch.doneAtCancel !== undefined) batch.pollsSinceCancel += 1;
    else batch.polls += 1;
    return phaseOf(batch);
  }

  cancel(batch: FakeBatch): FakeBatchPhase {
    const phase = phaseOf(batch);
    if (phase === 'pending' || phase === 'running') batch.doneAtCancel = doneCount(batch);
    return phaseOf(batch);
  }
}

export function phaseOf(batch: FakeBatch): FakeBatchPhase {
  if (batch.doneAtCancel !== undefined) return batch.pollsSinceCancel === 0 ? 'cancelling' : 'cancelled';
  if (batch.polls === 0) return 'pending';
  if (batch.plan.refuse === true) return 'failed';
  if (batch.polls < (batch.plan.pollsToEnd ?? 2)) return 'running';
  return batch.plan.expire === true ? 'expired' : 'ended';
}

/** Requests finished so far: none before the first read, all at the end, in proportion between. */
export function doneCount(batch: FakeBatch): number {
  const phase = phaseOf(batch);
  const n = batch.requests.length;
  if (phase === 'ended') return n;
  if (phase === 'expired') return Math.ceil(n / 2);
  if (phase === 'cancelling' || phase === 'cancelled') return batch.doneAtCancel ?? 0;
  if (phase === 'running') return Math.floor((n * batch.polls) / (batch.plan.pollsToEnd ?? 2));
  return 0;
}

/** What each request of a finished (or cancelled, or expired) job produced, in submission order. */
export function outcomes(batch: FakeBatch, options: FakeServerOptions, answerText?: string): FakeBatchOutcome[] {
  const phase = phaseOf(batch);
  const done = doneCount(batch);
  const failing = new Set(batch.plan.failIds ?? []);
  return batch.requests.map((request, index): FakeBatchOutcome => {
    if (index >= done) return { kind: phase === 'expired' ? 'expired' : 'cancelled', request };
    if (failing.has(request.customId)) return { kind: 'error', request };
    const text = answerText ?? answerFor(request.model, request.texts.at(-1) ?? '', options.answers);
    return { kind: 'answer', request, text, usage: usageFor(request.texts, text) };
  });
}

/** Counts of a job as the vendors report them. */
export function countsOf(batch: FakeBatch): { total: number; answered: number; failed: number; expired: number; cancelled: number; processing: number } {
  const phase = phaseOf(batch);
  const final = phase === 'ended' || phase === 'expired' || phase === 'cancelled';
  const done = doneCount(batch);
  const failing = new Set(batch.plan.failIds ?? []);
  const failed = batch.requests.slice(0, done).filter((r) => failing.has(r.customId)).length;
  const rest = batch.requests.length - done;
  return {
    total: batch.requests.length, answered: done - failed, failed,
    expired: final && phase === 'expired' ? rest : 0, cancelled: final && phase === 'cancelled' ? rest : 0, processing: final ? 0 : rest,
  };
}

/** Plain texts of a list of chat-like messages (string content or text parts). */
export function messageTexts(messages: unknown): string[] {
  if (!Array.isArray(messages)) return [];
  return messages.map((m: unknown) => {
    const record = typeof m === 'object' && m !== null ? m as Record<string, unknown> : {};
    const content = record.content ?? record.parts;
    if (typeof content === 'string') return content;
    if (!Array.isArray(content)) return '';
    return content.map((part: unknown) => {
      const p = typeof part === 'object' && part !== null ? part as Record<string, unknown> : {};
      return typeof p.text === 'string' ? p.text : '';
    }).join('');
  });
}
