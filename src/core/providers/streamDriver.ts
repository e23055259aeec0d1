import { ProviderError } from '../errors';
import type { StreamEvent } from '../types';
import { DEFAULT_STREAM_TIMEOUTS, type StreamTimeouts } from './provider';

/**
 * What one vendor adapter tells the driver. The driver owns everything vendors share: deadlines,
 * cancellation, "no terminal signal = failure", and turning whatever was thrown into a `ProviderError`.
 */
export interface VendorStream<Chunk> {
  readonly provider: string;
  readonly providerName: string;
  readonly model: string;
  /** Sends the request; resolves once response headers arrived. Must pass `signal` to the SDK. */
  open(signal: AbortSignal): Promise<AsyncIterable<Chunk>>;
  /** Maps one SDK chunk to events; may throw a `ProviderError` (e.g. an error object inside the stream). */
  translate(chunk: Chunk): readonly StreamEvent[];
  /**
   * Called once after the SDK iterator ended by itself: events still held back (usually `finish`).
   * May throw a `ProviderError` when what arrived is incomplete (e.g. OpenAI's usage chunk is missing).
   */
  flush?(): readonly StreamEvent[];
  /** Maps anything the SDK threw to a `ProviderError` (by class, status and structured type). */
  classify(error: unknown): ProviderError;
}

type TimeoutKind = 'firstToken' | 'idle';

class DeadlineExceeded extends Error {
  constructor(readonly kind: TimeoutKind, readonly ms: number) {
    super(`${kind} deadline of ${ms} ms exceeded`);
  }
}

/**
 * Runs a vendor stream under Quorum's rules:
 * - first-token deadline from the request start, idle deadline while waiting for each later chunk
 *   (only text and `finish` count as progress, so keep-alives cannot hold a dead stream open);
 * - aborting `signal` aborts the HTTP request and throws reason `aborted`;
 * - a stream that ends without a `finish` event is `malformedResponse`, never a silent success.
 */
export async function* driveStream<Chunk>(
  spec: VendorStream<Chunk>,
  options: { signal: AbortSignal; timeouts?: Partial<StreamTimeouts> },
): AsyncGenerator<StreamEvent, void, undefined> {
  const timeouts = { ...DEFAULT_STREAM_TIMEOUTS, ...options.timeouts };
  const ours = new AbortController();
  const signal = AbortSignal.any([options.signal, ours.signal]);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (kind: TimeoutKind, ms: number): void => {
    clearTimeout(timer);
    timer = setTimeout(() => ours.abort(new DeadlineExceeded(kind, ms)), Math.max(0, ms));
  };
  let rejectOnAbort: (reason: unknown) => void = () => undefined;
  const aborted = new Promise<never>((_, reject) => (rejectOnAbort = reject));
  aborted.catch(() => undefined);
  const onAbort = (): void => rejectOnAbort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });

  const started = Date.now();
  let iterator: AsyncIterator<Chunk> | undefined;
  let progressed = false;
  let finished = false;
  try {
    if (signal.aborted) throw signal.reason;
    arm('firstToken', timeouts.firstTokenMs);
    const iterable = await Promise.race([spec.open(signal), aborted]);
    iterator = iterable[Symbol.asyncIterator]();
    for (;;) {
      if (progressed) arm('idle', timeouts.idleMs);
      else arm('firstToken', timeouts.firstTokenMs - (Date.now() - started));
      const step = await Promise.race([iterator.next(), aborted]);
      clearTimeout(timer);
      if (step.done) break;
      for (const event of spec.translate(step.value)) {
        if (finished) continue; // nothing may follow the terminal signal
        if ((event.type === 'text-delta' && event.text !== '') || event.type === 'finish') progressed = true;
        if (event.type === 'text-delta' && event.text === '') continue;
        if (event.type === 'finish') finished = true;
        yield event;
      }
    }
    // OpenAI and Anthropic iterators end silently when aborted: an abort is never a success.
    if (signal.aborted) throw signal.reason;
    for (const event of spec.flush?.() ?? []) {
      if (finished) break;
      if (event.type === 'finish') finished = true;
      yield event;
    }
    if (!finished) {
      throw new ProviderError({
        reason: 'malformedResponse',
        provider: spec.provider,
        model: spec.model,
        message: `${spec.providerName} stream for ${spec.model} ended without its terminal signal (truncated answer).`,
      });
    }
  } catch (error) {
    throw toProviderError(spec, options.signal, ours.signal, error);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
    if (!finished || !ours.signal.aborted) ours.abort(new Error('stream closed'));
    iterator?.return?.().catch(() => undefined);
  }
}

function toProviderError<Chunk>(
  spec: VendorStream<Chunk>,
  callerSignal: AbortSignal,
  ourSignal: AbortSignal,
  error: unknown,
): ProviderError {
  const deadline = ourSignal.reason;
  if (ourSignal.aborted && deadline instanceof DeadlineExceeded) {
    const what = deadline.kind === 'firstToken' ? 'no answer started' : 'the answer stalled';
    return new ProviderError({
      reason: 'timeout',
      provider: spec.provider,
      model: spec.model,
      providerCode: deadline.kind === 'firstToken' ? 'first-token-timeout' : 'idle-timeout',
      message: `${spec.providerName} timed out: ${what} within ${formatSeconds(deadline.ms)} (${spec.model}).`,
      cause: error,
    });
  }
  if (callerSignal.aborted) {
    return new ProviderError({
      reason: 'aborted',
      provider: spec.provider,
      model: spec.model,
      message: `Request to ${spec.providerName} (${spec.model}) was cancelled.`,
      cause: error,
    });
  }
  if (error instanceof ProviderError) return error;
  return spec.classify(error);
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
