import { canonicalLedgerRecord, type LedgerRecord } from './ledgerRecord';

/** Strings longer than this are rarely repeated (free-text reasons); sharing them would only cost. */
const MAX_SHARED_CHARS = 200;
/** Bounds the table itself: past this many distinct strings, new ones are kept unshared. */
const MAX_ENTRIES = 50_000;

/**
 * Puts records into the form the in-memory index keeps, for memory and query speed at 100k records:
 * - equal strings are shared: `JSON.parse` gives every record its own copy of `workspace`, `provider`,
 *   `model`, `feature` and the route reason, nearly all repeats of a few dozen values;
 * - every record gets the same keys in the same order (absent optionals as `undefined`), so they share
 *   one hidden class and the query loops stay monomorphic. `JSON.stringify` still omits the `undefined`s.
 */
export class LedgerCompactor {
  private readonly table = new Map<string, string>();

  /** A new object; the input is not changed. */
  record(r: LedgerRecord): LedgerRecord {
    return canonicalLedgerRecord(r, this.share);
  }

  private readonly share = (value: string): string => {
    const known = this.table.get(value);
    if (known !== undefined) return known;
    if (value.length <= MAX_SHARED_CHARS && this.table.size < MAX_ENTRIES) this.table.set(value, value);
    return value;
  };
}
