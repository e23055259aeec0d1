/**
 * How much time this process's event loop lost, measured by a timer drift probe: a timer due every
 * `intervalMs` that fires late fired late because the loop was busy (our own work, GC, a saturated
 * extension host). The lateness adds up to the time nothing else — a socket's data, a deadline — could
 * be handled either. Cheap: one unref'd interval timer and two clock reads per tick.
 */
export interface LoopLag {
  /** Lost ms since the probe started, growing monotonically; includes the stall under way right now. */
  lostMs(): number;
}

/** Probe period, in ms: short enough to see stalls of a fraction of a first-token deadline. */
export const LOOP_LAG_INTERVAL_MS = 50;

export class EventLoopLag implements LoopLag {
  private lost = 0;
  private expected = 0;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly intervalMs: number = LOOP_LAG_INTERVAL_MS) {}

  /** Starts probing (idempotent); the timer never keeps the process alive. */
  start(): this {
    if (this.timer !== undefined) return this;
    this.expected = performance.now() + this.intervalMs;
    this.timer = setInterval(this.tick, this.intervalMs);
    this.timer.unref?.();
    return this;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  lostMs(): number {
    // A stall still under way (the probe's tick is overdue) counts too: a deadline firing at the end of a
    // long stall runs before the probe's overdue tick can record it.
    const overdue = this.timer === undefined ? 0 : Math.max(0, performance.now() - this.expected);
    return this.lost + overdue;
  }

  private readonly tick = (): void => {
    const now = performance.now();
    if (now > this.expected) this.lost += now - this.expected;
    this.expected = now + this.intervalMs;
  };
}

/**
 * Whether a timeout is better blamed on this process than on the provider: the loop lost at least
 * `LOCAL_OVERLOAD_SHARE` of the attempt's duration (and at least `LOCAL_OVERLOAD_FLOOR_MS`). Below that a
 * deadline fires close to on time and the provider really was silent; above it the answer may well have
 * been sitting in a socket buffer while the loop was busy, so the timeout says nothing about the provider.
 */
export function lagExplainsTimeout(lostDuringMs: number, attemptMs: number): boolean {
  return lostDuringMs >= LOCAL_OVERLOAD_FLOOR_MS && lostDuringMs >= attemptMs * LOCAL_OVERLOAD_SHARE;
}

/** See `lagExplainsTimeout`: a share of the attempt's wall time (0..1). */
export const LOCAL_OVERLOAD_SHARE = 0.1;
/** See `lagExplainsTimeout`, in ms: normal GC pauses and chunk handling stay below it. */
export const LOCAL_OVERLOAD_FLOOR_MS = 50;
