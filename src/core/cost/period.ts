/**
 * Names of calendar periods for budget alerts, in the user's local time: "today" ends at local midnight, not
 * UTC midnight. Pure: the caller passes the instant and the UTC offset in force, so tests need no time zone.
 * (Time ranges for totals come from the ledger's `periodRange`, which also handles daylight-saving changes.)
 */

const MINUTE_MS = 60_000;

/** Largest offset from UTC any zone uses, in minutes (UTC+14 in Kiribati; the most negative is UTC-12). */
const MAX_OFFSET_MIN = 14 * 60;

/** Identifiers of the periods an instant falls in, e.g. `{ day: 'day:2026-11-22', month: 'month:2026-11' }`. */
export interface PeriodKeys {
  readonly day: string;
  readonly month: string;
}

/**
 * Keys of the local day and month that contain `nowMs`.
 * @param nowMs instant, ms since the epoch
 * @param utcOffsetMin minutes EAST of UTC in force at `nowMs` (local = UTC + offset: Berlin in winter 60,
 *   New York in winter -300). The opposite sign of `Date#getTimezoneOffset`; see `localUtcOffsetMin`.
 * @throws RangeError for a non-finite instant or an offset beyond ±14 h (only a caller bug produces those)
 */
export function periodKeys(nowMs: number, utcOffsetMin: number): PeriodKeys {
  const { year, month, day } = localDate(nowMs, utcOffsetMin);
  const yyyy = String(year).padStart(4, '0');
  const mm = String(month + 1).padStart(2, '0');
  const dd = String(day).padStart(2, '0');
  return { day: `day:${yyyy}-${mm}-${dd}`, month: `month:${yyyy}-${mm}` };
}

/**
 * The offset `periodKeys` wants for this process's time zone at `nowMs`: minutes east of UTC. Not pure (it
 * reads the process time zone), so only the composition root should call it; tests pass offsets directly.
 */
export function localUtcOffsetMin(nowMs: number): number {
  // getTimezoneOffset() is UTC - local; `0 -` turns a -0 into 0.
  return 0 - new Date(nowMs).getTimezoneOffset();
}

function localDate(nowMs: number, utcOffsetMin: number): { year: number; month: number; day: number } {
  if (!Number.isFinite(nowMs)) throw new RangeError(`The instant must be a finite number of ms since the epoch, got ${nowMs}.`);
  if (!Number.isFinite(utcOffsetMin) || Math.abs(utcOffsetMin) > MAX_OFFSET_MIN) {
    throw new RangeError(`The UTC offset must be a number of minutes between -840 and 840, got ${utcOffsetMin}.`);
  }
  // Shifting the instant by the offset makes the UTC calendar fields read as local ones.
  const local = new Date(nowMs + utcOffsetMin * MINUTE_MS);
  if (Number.isNaN(local.getTime())) throw new RangeError(`The instant ${nowMs} is outside the dates JavaScript can represent.`);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth(), day: local.getUTCDate() };
}
