import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Clock, FileStore, Logger } from '../ports';
import { silentLogger, systemClock } from '../ports';
import { readCompleteLines } from '../cost/jsonlTail';
import { dataSentEntrySchema, type DataSentDraft, type DataSentEntry } from './dataSent';

/**
 * The data-sent log of one workspace: append-only JSONL, one file per UTC day (`YYYY-MM-DD.jsonl`), in a folder
 * of its own under the extension's global storage — the spend ledger's machinery (`FileStore`, one O_APPEND
 * write per line, complete lines only on read), so several windows can write it at once and a crash loses at
 * most the line being written. Bounded: files older than `maxAgeDays` and, past `maxBytes`, the oldest files
 * are removed. It is read on demand (when the user opens it), so it costs no memory while Quorum runs.
 */
export interface DataSentLogOptions {
  /** `<globalStorage>/dataSent/<workspaceLedgerKey(...)>`; created when missing. */
  readonly dir: string;
  /** FileStore with `remove`, which pruning needs. */
  readonly store: FileStore & { remove(path: string): Promise<void> };
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Days kept (default 30). */
  readonly maxAgeDays?: number;
  /** Bytes kept over all files (default 5 MB); the newest day is always kept. */
  readonly maxBytes?: number;
  readonly newId?: () => string;
}

const DAY_FILE = /^(\d{4,}-\d{2}-\d{2})\.jsonl$/;
const DAY_MS = 86_400_000;
const NEWLINE = 0x0a;

export class DataSentLog {
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly newId: () => string;
  /** Files this process knows end with a newline (checked once, or written by us last). */
  private readonly cleanEnd = new Set<string>();
  private lastPruneDay = '';

  private constructor(private readonly options: DataSentLogOptions) {
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.newId = options.newId ?? randomUUID;
  }

  static async open(options: DataSentLogOptions): Promise<DataSentLog> {
    const log = new DataSentLog(options);
    await options.store.mkdir(options.dir);
    await log.prune();
    return log;
  }

  /** Writes one entry (now, a fresh id); resolves once the OS has it. Prunes once a day. */
  async append(draft: DataSentDraft): Promise<DataSentEntry> {
    const entry: DataSentEntry = { ...draft, id: this.newId(), ts: this.clock.now() };
    const path = join(this.options.dir, dayFile(entry.ts));
    // A line torn by a killed writer must not swallow ours: start on a fresh line when the file does not end in one.
    const fence = (await this.endsClean(path)) ? '' : '\n';
    await this.options.store.append(path, `${fence}${JSON.stringify(entry)}\n`);
    this.cleanEnd.add(path);
    if (dayFile(entry.ts) !== this.lastPruneDay) await this.prune();
    return entry;
  }

  /** Every stored entry, oldest first (by time); torn or invalid lines are skipped. */
  async entries(): Promise<DataSentEntry[]> {
    const entries: DataSentEntry[] = [];
    for (const file of await this.files()) {
      await readCompleteLines(this.options.store, join(this.options.dir, file), 0, (text) => {
        for (const line of text.split('\n')) {
          if (line.trim() === '') continue;
          const parsed = safeJson(line);
          const checked = dataSentEntrySchema.safeParse(parsed);
          if (checked.success) entries.push(checked.data);
        }
      });
    }
    return entries.sort((a, b) => a.ts - b.ts);
  }

  /** Removes files past the age cap, then the oldest files while the total is over the size cap. */
  async prune(): Promise<void> {
    const now = this.clock.now();
    this.lastPruneDay = dayFile(now);
    const oldest = dayFile(now - (this.options.maxAgeDays ?? 30) * DAY_MS);
    const files = await this.files();
    let kept = files.filter((file) => file >= oldest);
    for (const file of files) if (file < oldest) await this.remove(file);
    const sizes = await Promise.all(kept.map(async (file) => (await this.options.store.size(join(this.options.dir, file))) ?? 0));
    let total = sizes.reduce((sum, size) => sum + size, 0);
    const maxBytes = this.options.maxBytes ?? 5 * 1024 * 1024;
    while (total > maxBytes && kept.length > 1) {
      total -= sizes.shift() ?? 0;
      await this.remove(kept[0] ?? '');
      kept = kept.slice(1);
    }
  }

  private async files(): Promise<string[]> {
    return (await this.options.store.list(this.options.dir)).filter((name) => DAY_FILE.test(name)).sort();
  }

  private async remove(file: string): Promise<void> {
    try {
      await this.options.store.remove(join(this.options.dir, file));
    } catch (error) {
      this.logger.warn(`Data sent log: could not remove ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async endsClean(path: string): Promise<boolean> {
    if (this.cleanEnd.has(path)) return true;
    const size = await this.options.store.size(path);
    if (size === undefined || size === 0) return true;
    const last = await this.options.store.read(path, size - 1, 1);
    return last[0] === NEWLINE;
  }
}

/** The file an entry goes to: its UTC day. */
export function dayFile(ts: number): string {
  return `${new Date(ts).toISOString().slice(0, 10)}.jsonl`;
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
