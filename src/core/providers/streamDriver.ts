import { ProviderError } from '../errors';
import type { StreamEvent } from '../types';
import { DEFAULT_STREAM_TIMEOUTS, type StreamTimeouts } from './provider';
import { StreamDeadline, type DeadlineKind } from './streamDeadline';

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

class DeadlineExceeded extends Error {
  constructor(readonly kind: DeadlineKind, readonly ms: number) {
    super(`${kind} deadline of ${ms} ms exceeded`);
  }
}

/**
 * Runs a vendor stream under Quorum's rules:
 * - first-token deadline from the request start, idle deadline while waiting for each later chunk
 *   (only text and `finish` count as progress, so keep-alives cannot hold a dead stream open);
 * - aborting `signal` aborts the HTTP request and throws reason `aborted`;
 * - a stream that ends without a `finish` event is `malformedResponse`, never a silent success;
 * - so is a `stop` with no answer text at all (an empty answer).
 *
 * Every chunk of every answer passes through here, so per-call and per-chunk work is kept small: no
 * `AbortSignal.any`, no `Promise.race`, one timer per call (`StreamDeadline`). `route.overhead` and
 * `provider.stream_overhead.*` in bench/ measure it.
 */
export async function* driveStream<Chunk>(
  spec: VendorStream<Chunk>,
  options: { signal: AbortSignal; timeouts?: Partial<StreamTimeouts> },
): AsyncGenerator<StreamEvent, void, undefined> {
  const caller = options.signal;
  const { signal, abort, forward, deadline, unlessAborted, release } = linkAbort(caller, options.timeouts);

  let iterator: AsyncIterator<Chunk> | undefined;
  /** The SDK iterator ended by itself: the response was read to its end and the connection is released. */
  let drained = false;
  let progressed = false;
  let finished = false;
  let answered = false;
  try {
    if (caller.aborted) throw caller.reason;
    caller.addEventListener('abort', forward, { once: true });
    deadline.wait(false);
    const iterable = await unlessAborted(spec.open(signal));
    iterator = iterable[Symbol.asyncIterator]();
    for (;;) {
      if (signal.aborted) throw signal.reason;
      deadline.wait(progressed);
      const step = await unlessAborted(iterator.next());
      deadline.pause();
      if (step.done) {
        drained = true;
        break;
      }
      for (const event of spec.translate(step.value)) {
        // Nothing may follow the terminal signal; empty text is not progress.
        if (finished || (event.type === 'text-delta' && event.text === '')) continue;
        if (event.type !== 'usage') progressed = true;
        answered ||= event.type === 'text-delta';
        finished = isEnd(spec, event, answered);
        yield event;
      }
    }
    // OpenAI and Anthropic iterators end silently when aborted: an abort is never a success.
    if (signal.aborted) throw signal.reason;
    for (const event of spec.flush?.() ?? []) {
      if (finished) break;
      finished = isEnd(spec, event, answered);
      yield event;
    }
    if (!finished) throw truncated(spec);
  } catch (error) {
    throw toProviderError(spec, caller, signal, error);
  } finally {
    deadline.stop();
    release();
    caller.removeEventListener('abort', forward);
    // A drained response has nothing left to cancel (aborting it anyway cost an Error with its stack and an
    // abort cascade through the SDK and undici on every call). Anything else — the consumer stopped early,
    // a failure, a deadline — must not leave the HTTP request running.
    if (!drained) {
      if (!signal.aborted) abort(new Error('stream closed'));
      iterator?.return?.().catch(() => undefined);
    }
  }
}

interface AbortLink {
  readonly signal: AbortSignal;
  abort(reason: unknown): void;
  readonly forward: () => void;
  readonly deadline: StreamDeadline;
  unlessAborted<T>(pending: Promise<T>): Promise<T>;
  release(): void;
}

/**
 * The signal the SDK gets: our own, which a caller abort (via `forward`) and the deadlines abort. A plain
 * listener costs far less than `AbortSignal.any`, which sets up weak references and a finalization-registry
 * entry on every call.
 */
function linkAbort(caller: AbortSignal, timeouts: Partial<StreamTimeouts> | undefined): AbortLink {
  const ours = new AbortController();
  const signal = ours.signal;
  /** Rejects the wait under way, if any: the SDK may not settle it by itself once aborted. */
  let interrupt: ((reason: unknown) => void) | undefined;
  const abort = (reason: unknown): void => {
    ours.abort(reason);
    interrupt?.(signal.reason);
  };
  const forward = (): void => abort(caller.reason);
  const deadline = new StreamDeadline({ ...DEFAULT_STREAM_TIMEOUTS, ...timeouts }, (kind, ms) => abort(new DeadlineExceeded(kind, ms)));
  /** `pending`, or the abort reason as soon as `signal` aborts (one promise, no `Promise.race` array). */
  const unlessAborted = <T>(pending: Promise<T>): Promise<T> => new Promise<T>((resolve, reject) => {
    interrupt = reject;
    pending.then(resolve, reject);
  });
  /** The stream is over: no wait is left to interrupt. */
  const release = (): void => {
    interrupt = undefined;
  };
  return { signal, abort, forward, deadline, unlessAborted, release };
}

function truncated<Chunk>(spec: VendorStream<Chunk>): ProviderError {
  return new ProviderError({
    reason: 'malformedResponse',
    provider: spec.provider,
    model: spec.model,
    message: `${spec.providerName} stream for ${spec.model} ended without its terminal signal (truncated answer).`,
  });
}

/** Whether `event` is the terminal signal; a `stop` with no answer text before it is an empty answer (thrown). */
function isEnd<Chunk>(spec: VendorStream<Chunk>, event: StreamEvent, answered: boolean): boolean {
  if (event.type !== 'finish') return false;
  if (event.reason === 'stop' && !answered) throw emptyAnswer(spec);
  return true;
}

/**
 * A `stop` with no answer text at all: the model said it was done but nothing reached the user (e.g. a dialect
 * whose text we could not read). Failing it lets the runner try again or elsewhere instead of showing nothing.
 */
function emptyAnswer<Chunk>(spec: VendorStream<Chunk>): ProviderError {
  return new ProviderError({
    reason: 'malformedResponse',
    provider: spec.provider,
    model: spec.model,
    providerCode: 'empty-answer',
    message: `${spec.providerName} finished without any answer text (${spec.model}).`,
  });
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
