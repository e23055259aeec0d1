/**
 * A bounded number of calls in flight per key (a provider), the rest queued first come, first served.
 *
 * Why: a burst (a batch, Compare over many files, a load test) that opens hundreds of streams at once
 * saturates this process itself — every chunk of every stream competes for one event loop — and then
 * the streams time out for reasons that are ours, not the provider's. Queued calls have not left yet, so
 * their first-token deadline has not started (the runner starts an attempt only once it holds a slot).
 */

/** Calls one provider may have in flight at once; more wait in line. Plenty for one user's editor. */
export const DEFAULT_MAX_IN_FLIGHT_PER_PROVIDER = 16;

/** Gives the slot back; calling it again does nothing. */
export type ReleaseSlot = () => void;

interface Waiter {
  readonly grant: (release: ReleaseSlot) => void;
}

interface Lane {
  active: number;
  readonly queue: Waiter[];
}

export class InFlightLimiter {
  private readonly lanes = new Map<string, Lane>();

  /** @param maxPerKey calls in flight per key, at least 1. */
  constructor(private readonly maxPerKey: number = DEFAULT_MAX_IN_FLIGHT_PER_PROVIDER) {
    if (!(maxPerKey >= 1)) throw new RangeError(`maxPerKey must be at least 1, got ${maxPerKey}`);
  }

  /** A slot now if one is free (and nobody is waiting for one), else `undefined`; no promise on the fast path. */
  tryAcquire(key: string): ReleaseSlot | undefined {
    const lane = this.lane(key);
    if (lane.active >= this.maxPerKey || lane.queue.length > 0) return undefined;
    lane.active += 1;
    return this.releaser(key, lane);
  }

  /**
   * Waits in line for a slot. Resolves the release function, or `undefined` when `maxWaitMs` passed first;
   * rejects with the signal's reason when `signal` aborts while waiting (the place in line is given up).
   */
  acquire(key: string, signal: AbortSignal, maxWaitMs: number): Promise<ReleaseSlot | undefined> {
    const now = this.tryAcquire(key);
    if (now !== undefined) return Promise.resolve(now);
    if (signal.aborted) return Promise.reject(signal.reason);
    const lane = this.lane(key);
    return new Promise<ReleaseSlot | undefined>((resolve, reject) => {
      const leave = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        const at = lane.queue.indexOf(waiter);
        if (at >= 0) lane.queue.splice(at, 1);
        this.tidy(key, lane);
      };
      const onAbort = (): void => {
        leave();
        reject(signal.reason);
      };
      const waiter: Waiter = {
        grant: (release) => {
          leave();
          resolve(release);
        },
      };
      const timer = setTimeout(() => {
        leave();
        resolve(undefined);
      }, Math.max(0, maxWaitMs));
      signal.addEventListener('abort', onAbort, { once: true });
      lane.queue.push(waiter);
    });
  }

  /** Calls in flight for `key` now. */
  inFlight(key: string): number {
    return this.lanes.get(key)?.active ?? 0;
  }

  /** Calls waiting for a slot of `key` now. */
  waiting(key: string): number {
    return this.lanes.get(key)?.queue.length ?? 0;
  }

  private lane(key: string): Lane {
    let lane = this.lanes.get(key);
    if (lane === undefined) {
      lane = { active: 0, queue: [] };
      this.lanes.set(key, lane);
    }
    return lane;
  }

  private releaser(key: string, lane: Lane): ReleaseSlot {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = lane.queue[0];
      // The slot passes straight to the first in line: `active` stays, so nobody can overtake it.
      if (next !== undefined) next.grant(this.releaser(key, lane));
      else {
        lane.active -= 1;
        this.tidy(key, lane);
      }
    };
  }

  /** An idle lane is dropped, so keys that come and go (endpoints) cost nothing once quiet. */
  private tidy(key: string, lane: Lane): void {
    if (lane.active === 0 && lane.queue.length === 0 && this.lanes.get(key) === lane) this.lanes.delete(key);
  }
}
