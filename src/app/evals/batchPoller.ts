import type { Clock } from '../../core/ports';
import type { BatchQueue } from './batchQueue';

/** The host's one-shot timer: runs `fn` after `ms`; the returned function cancels it. */
export type SetTimer = (ms: number, fn: () => void) => () => void;

/**
 * Keeps the queue polled: one timer, set for the queue's next due read and moved whenever the queue changes (a job
 * added, cancelled, read). The queue owns the backoff; this only wakes it. Returns the stop (for the host's disposal).
 * @param onError told when a tick throws (a bug: the queue turns vendor failures into job problems); polling goes on
 */
export function startBatchPolling(queue: BatchQueue, clock: Clock, setTimer: SetTimer, onError: (error: unknown) => void = () => undefined): () => void {
  let cancelTimer: (() => void) | undefined;
  let stopped = false;
  const schedule = (): void => {
    cancelTimer?.();
    cancelTimer = undefined;
    const due = queue.nextDueAt();
    if (stopped || due === undefined) return;
    cancelTimer = setTimer(Math.max(0, due - clock.now()), () => {
      cancelTimer = undefined;
      queue.tick().catch(onError).finally(schedule);
    });
  };
  const unsubscribe = queue.onChange(schedule);
  schedule();
  return () => {
    stopped = true;
    unsubscribe();
    cancelTimer?.();
  };
}
