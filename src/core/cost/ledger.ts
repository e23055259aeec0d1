/**
 * The spend ledger of one workspace: append-only JSONL files, one per UTC month (`YYYY-MM.jsonl`), in a
 * folder of its own under the extension's global storage, plus an in-memory index the queries run over
 * (`ledgerQueries.ts`).
 *
 * Safe with several windows on one workspace: every append is one O_APPEND write of a whole line (the
 * FileStore contract), each process keeps the byte offset it has read each file up to, and `refresh()`
 * reads what the others appended since, dropping ids it already holds. Crash-safe: a reader consumes
 * only complete lines, skips (and counts) lines that are not valid records, and a torn tail left by a
 * killed writer is fenced off by the next append (see `append`) — earlier records are never touched.
 */
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Clock, FileStore, Logger } from '../ports';
import { silentLogger, systemClock } from '../ports';
import { ledgerRecordSchema, parseLedgerLine, serializeLedgerRecord } from './ledgerRecord';
import type { LedgerRecord } from './ledgerRecord';
import { readCompleteLines } from './jsonlTail';
import { LedgerCompactor } from './ledgerCompactor';

export interface LedgerOptions {
  /** This workspace's folder, `<globalStorage>/ledger/<workspaceLedgerKey(...)>`; created when missing. */
  readonly dir: string;
  /** Stored in every record's `workspace` field. */
  readonly workspace: string;
  readonly store: FileStore;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Record ids; random UUIDs by default. Tests pass their own to know them in advance. */
  readonly newId?: () => string;
}

/** What a caller supplies; the ledger fills `workspace`, and `id`/`ts` (now, epoch ms) when absent. */
export type LedgerDraft = Omit<LedgerRecord, 'id' | 'ts' | 'workspace'> & { readonly id?: string; readonly ts?: number };

export interface LedgerStats {
  /** Records in memory (unique ids, all files of the live folder). */
  readonly records: number;
  /** Lines skipped since the last (re)load because they were not valid records: torn or hand-edited. */
  readonly invalidLines: number;
  /** Monthly files read. */
  readonly files: number;
}

const MONTH_FILE = /^\d{4,}-\d{2}\.jsonl$/;
const ARCHIVE_PREFIX = 'archive-';
/** Holds files while `archive()` moves them; renamed to `archive-…` once all are in. */
const ARCHIVING_PREFIX = 'archiving-';
const NEWLINE = 0x0a;

/** A stable folder name for a workspace (its folder or `.code-workspace` URI): no path characters. */
export function workspaceLedgerKey(workspaceUri: string): string {
  return createHash('sha256').update(workspaceUri).digest('hex').slice(0, 16);
}

/** The file a record goes to: its UTC month, so the name never depends on the machine's time zone. */
export function ledgerFileName(ts: number): string {
  return `${new Date(ts).toISOString().slice(0, 7)}.jsonl`;
}

export class Ledger {
  private readonly store: FileStore;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly newId: () => string;
  private readonly listeners = new Set<() => void>();
  private compactor = new LedgerCompactor();
  private list: LedgerRecord[] = [];
  private ids = new Set<string>();
  /** Per monthly file: bytes consumed, up to and including the last complete line's `\n`. */
  private offsets = new Map<string, number>();
  /** Files this process has checked end in `\n` (or wrote a whole line to last). */
  private cleanEnd = new Set<string>();
  private knownArchives = new Set<string>();
  private invalidLines = 0;
  /** Bumped whenever the index is emptied, so an append that straddled an archive does not re-add its record. */
  private generation = 0;
  /** Serialises refresh and archive: both move offsets, and two reads from one offset would double-count. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly options: LedgerOptions) {
    this.store = options.store;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.newId = options.newId ?? randomUUID;
  }

  /** Creates the folder when missing and loads every record in it. */
  static async open(options: LedgerOptions): Promise<Ledger> {
    const ledger = new Ledger(options);
    await options.store.mkdir(options.dir);
    await ledger.refresh();
    return ledger;
  }

  /** Every record, in the order this process learned of them. Do not mutate; it is the live index. */
  records(): readonly LedgerRecord[] {
    return this.list;
  }

  stats(): LedgerStats {
    return { records: this.list.length, invalidLines: this.invalidLines, files: this.offsets.size };
  }

  /** Called after records were added or the ledger was archived (by this window or, seen on refresh, another). */
  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /**
   * Writes one record; resolves with it (as `records()` holds it) once the OS has it: it then survives
   * this process being killed, not a power cut (no fsync per call). Rejects, writing nothing, a record
   * that would not read back valid (NaN, negative tokens…); rejects when the write fails.
   */
  async append(draft: LedgerDraft): Promise<LedgerRecord> {
    const record: LedgerRecord = { ...draft, id: draft.id ?? this.newId(), ts: draft.ts ?? this.clock.now(), workspace: this.options.workspace };
    const checked = ledgerRecordSchema.safeParse(record);
    if (!checked.success) throw new Error(`Invalid ledger record ${record.id}: ${checked.error.message}`);
    const file = ledgerFileName(record.ts);
    const line = serializeLedgerRecord(record);
    const generation = this.generation;
    try {
      await this.write(file, line);
    } catch {
      // The folder may have been removed under us (storage cleared): recreate it and try once more. A
      // first try that left part of a line is fenced off; one that wrote it all is deduplicated by id.
      await this.store.mkdir(this.options.dir);
      await this.write(file, line);
    }
    // Our own line is read again on the next refresh and dropped there by id. If the index was emptied
    // meanwhile (an archive), the line may sit in an archived file: let a refresh decide from disk.
    if (generation !== this.generation) void this.refresh().catch((error: unknown) => this.logger.warn('Ledger refresh failed', error));
    const added = generation === this.generation ? this.add(checked.data) : undefined;
    if (added !== undefined) this.fire();
    return added ?? this.compactor.record(checked.data);
  }

  private async write(file: string, line: string): Promise<void> {
    const path = join(this.options.dir, file);
    // A writer killed mid-line leaves a tail without "\n"; starting our line with one keeps our record
    // whole and on a line of its own. (If another window dies between this check and our write, the
    // reader recovers our record from the glued line: see parseLedgerLine.)
    const fence = (await this.endsClean(file, path)) ? '' : '\n';
    try {
      await this.store.append(path, fence + line);
    } catch (error) {
      this.cleanEnd.delete(file);
      throw error;
    }
    this.cleanEnd.add(file);
  }

  /**
   * Reads what was appended since the last call (by any process) and resolves with the number of new
   * records. Cheap when nothing changed (one listing and one size per monthly file): call it before
   * showing totals, on a file watcher or a timer. After another window archived, the index is rebuilt.
   */
  refresh(): Promise<number> {
    return this.serial(() => this.refreshNow());
  }

  /**
   * "Reset Workspace Spend": moves every monthly file into `archive-<time>/` inside the folder (nothing
   * is deleted) and empties the index. Resolves with the archive folder, or `undefined` when there was
   * nothing to archive. Other windows notice on their next refresh.
   */
  archive(): Promise<string | undefined> {
    return this.serial(async () => {
      const dir = this.options.dir;
      const files = (await this.store.list(dir)).filter((name) => MONTH_FILE.test(name));
      let target: string | undefined;
      if (files.length > 0) {
        const stamp = `${new Date(this.clock.now()).toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`;
        const staging = join(dir, ARCHIVING_PREFIX + stamp);
        await this.store.mkdir(staging);
        // Another window archiving at the same moment may have moved a file first: rename says false.
        for (const file of files) await this.store.rename(join(dir, file), join(staging, file));
        // The archive name appears only once every file is in, so a window that sees it and reloads
        // sees none of the archived records in the live folder.
        target = join(dir, ARCHIVE_PREFIX + stamp);
        await this.store.rename(staging, target);
        this.knownArchives.add(ARCHIVE_PREFIX + stamp);
        this.logger.info(`Ledger: archived ${files.length} file(s) to ${target}`);
      }
      this.reset();
      await this.refreshNow();
      this.fire();
      return target;
    });
  }

  private async refreshNow(): Promise<number> {
    const names = await this.store.list(this.options.dir);
    const archives = names.filter((name) => name.startsWith(ARCHIVE_PREFIX));
    let reload = archives.some((name) => !this.knownArchives.has(name));
    this.knownArchives = new Set(archives);
    const files = names.filter((name) => MONTH_FILE.test(name)).sort();
    const sizes = new Map<string, number>();
    for (const file of files) {
      const size = await this.store.size(join(this.options.dir, file));
      if (size !== undefined) sizes.set(file, size);
    }
    // A file we read that vanished or shrank was archived (or edited by hand): start over from disk.
    for (const [file, offset] of this.offsets) {
      const size = sizes.get(file);
      if (size === undefined || size < offset) reload = true;
    }
    const before = this.list.length;
    if (reload) this.reset();
    for (const [file, size] of sizes) {
      const offset = this.offsets.get(file) ?? 0;
      const path = join(this.options.dir, file);
      this.offsets.set(file, size > offset ? await readCompleteLines(this.store, path, offset, (text) => this.consume(text)) : offset);
    }
    const added = this.list.length - (reload ? 0 : before);
    if (reload || added > 0) this.fire();
    return added;
  }

  private consume(text: string): void {
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const record = parseLedgerLine(line);
      if (record === undefined) this.invalidLines++;
      else this.add(record);
    }
  }

  /** Adds a record, in its compact form, unless its id is known; returns what was added. */
  private add(record: LedgerRecord): LedgerRecord | undefined {
    if (this.ids.has(record.id)) return undefined;
    this.ids.add(record.id);
    const compact = this.compactor.record(record);
    this.list.push(compact);
    return compact;
  }

  private async endsClean(file: string, path: string): Promise<boolean> {
    if (this.cleanEnd.has(file)) return true;
    const size = await this.store.size(path);
    if (size === undefined || size === 0) return true;
    const last = await this.store.read(path, size - 1, 1);
    return last[0] === NEWLINE;
  }

  private reset(): void {
    this.list = [];
    this.ids = new Set();
    this.offsets = new Map();
    this.cleanEnd = new Set();
    this.compactor = new LedgerCompactor();
    this.invalidLines = 0;
    this.generation++;
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private fire(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch (error) {
        // A broken listener (UI) must not break recording.
        this.logger.error(error instanceof Error ? error : String(error));
      }
    }
  }
}
