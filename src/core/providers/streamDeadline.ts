import type { StreamTimeouts } from './provider';

export type DeadlineKind = 'firstToken' | 'idle';

/**
 * The first-token and idle deadlines of one stream, kept with a single lazily re-armed timer.
 *
 * Re-arming a timer for every chunk (`clearTimeout` + `setTimeout`) was one of the largest costs of the
 * driver: clearing the only timer of a duration makes Node drop that duration's timer list, and the next
 * `setTimeout` rebuilds it and re-inserts it into the timer heap. Here a chunk only reads the clock; the
 * timer, when it fires, checks whether the deadline really passed and otherwise sleeps for what is left.
 *
 * Only time spent waiting for the vendor counts: between `pause()` and the next `wait()` (the consumer
 * handling events) the clock of the idle deadline is stopped, as before.
 */
export class StreamDeadline {
  /** `performance.now()` at which the current wait expires. */
  private dueAt: number;
  private kind: DeadlineKind = 'firstToken';
  private waiting = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the pending timer fires (`Infinity` when none is pending). */
  private timerAt = Infinity;

  /** Starts the first-token deadline now. `onExpire` is called at most once, while a wait is under way. */
  constructor(
    private readonly timeouts: StreamTimeouts,
    private readonly onExpire: (kind: DeadlineKind, ms: number) => void,
  ) {
    this.dueAt = performance.now() + timeouts.firstTokenMs;
  }

  /**
   * A wait for the vendor begins (headers or the next chunk). Once the answer `progressed`, the idle
   * deadline starts over from now; before that, the first-token deadline still counts from the start.
   */
  wait(progressed: boolean): void {
    const now = performance.now();
    if (progressed) {
      this.kind = 'idle';
      this.dueAt = now + this.timeouts.idleMs;
    }
    this.waiting = true;
    // A pending timer that fires by the deadline re-checks it then, so only a deadline earlier than the timer
    // needs a new one (the slack absorbs rounding to whole milliseconds). The first timer is set for the
    // shorter of the two timeouts: it re-checks early rather than being replaced when the idle deadline starts.
    if (this.timerAt > this.dueAt + 1) {
      this.schedule(progressed ? this.dueAt - now : Math.min(this.dueAt - now, this.timeouts.idleMs));
    }
  }

  /** The vendor answered: until the next `wait()`, time does not count. */
  pause(): void {
    this.waiting = false;
  }

  stop(): void {
    this.waiting = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    const delay = Math.max(0, Math.ceil(ms));
    this.timerAt = performance.now() + delay;
    this.timer = setTimeout(this.fire, delay);
  }

  private readonly fire = (): void => {
    this.timer = undefined;
    this.timerAt = Infinity;
    // Not waiting: the consumer holds the stream; the next `wait()` arms a timer again.
    if (!this.waiting) return;
    const left = this.dueAt - performance.now();
    // Node may fire up to a millisecond early against `performance.now()`: sleep for the rest.
    if (left > 0) {
      this.schedule(left);
      return;
    }
    this.waiting = false;
    this.onExpire(this.kind, this.kind === 'firstToken' ? this.timeouts.firstTokenMs : this.timeouts.idleMs);
  };
}
