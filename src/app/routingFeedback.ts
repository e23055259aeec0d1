import type { Clock, FileStore, Logger } from '../core/ports';
import { feedbackOffsets, type FeedbackSignal, type TaskFeedback } from '../core/routing/feedback';
import { TASK_TYPES, type TaskType } from '../core/routing/taskProfile';

export interface RoutingFeedbackDeps {
  /** This workspace's folder under the extension's global storage (beside its spend ledger). */
  readonly dir: string;
  readonly store: FileStore;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * The workspace's routing feedback: the user's signals (Ask Again With, Compare picks, Vote winners, 👍/👎),
 * kept in `feedback.jsonl` and turned into per-task tier offsets for the router.
 */
export interface RoutingFeedback {
  /** Resolves once the file has been read (signals recorded before then are kept too). */
  ready(): Promise<void>;
  /** Records one signal; never throws (feedback must not break asking). */
  add(signal: Omit<FeedbackSignal, 'ts'>): Promise<void>;
  /** The learned offset for a task now, or `undefined`; synchronous, for `RoutingContext.feedback`. */
  offset(task: TaskType): TaskFeedback | undefined;
  signals(): readonly FeedbackSignal[];
  /** Forgets every signal of this workspace. */
  reset(): Promise<void>;
}

/** Signals kept; older ones have decayed to a few percent of a fresh one's weight by the time they fall out. */
export const MAX_FEEDBACK_SIGNALS = 200;
/** The file is rewritten to the newest `MAX_FEEDBACK_SIGNALS` once it holds this many lines. */
const COMPACT_AT_LINES = 2 * MAX_FEEDBACK_SIGNALS;
/** Far above what `COMPACT_AT_LINES` short lines take; a bigger file is read only up to here. */
const MAX_READ_BYTES = 1024 * 1024;
const FILE = 'feedback.jsonl';

/**
 * Appends are one `O_APPEND` write each (crash-safe, whole lines between windows); compaction and reset write a
 * temporary file and rename it over the old one, so a crash leaves either the old file or the new one.
 */
export function createRoutingFeedback(deps: RoutingFeedbackDeps): RoutingFeedback {
  const path = `${deps.dir}/${FILE}`;
  let kept: FeedbackSignal[] = [];
  let lines = 0;
  const loading = load().catch((error: unknown) => deps.logger.warn(`Routing feedback could not be read: ${String(error)}`));

  async function load(): Promise<void> {
    const text = new TextDecoder().decode(await deps.store.read(path, 0, MAX_READ_BYTES));
    const parsed = text.split('\n').filter((line) => line.trim() !== '').map(parseSignal);
    lines = parsed.length;
    kept = [...parsed.filter((s): s is FeedbackSignal => s !== undefined), ...kept].slice(-MAX_FEEDBACK_SIGNALS);
  }

  async function rewrite(signals: readonly FeedbackSignal[]): Promise<void> {
    const temporary = `${path}.${deps.clock.now().toString(36)}-${Math.random().toString(36).slice(2)}.tmp`;
    await deps.store.append(temporary, signals.map((s) => `${JSON.stringify(s)}\n`).join(''));
    await deps.store.rename(temporary, path);
    lines = signals.length;
  }

  return {
    ready: () => loading,
    async add(partial) {
      const signal: FeedbackSignal = { ts: deps.clock.now(), task: partial.task, kind: partial.kind, direction: partial.direction };
      kept = [...kept, signal].slice(-MAX_FEEDBACK_SIGNALS);
      try {
        await loading;
        await deps.store.mkdir(deps.dir);
        await deps.store.append(path, `${JSON.stringify(signal)}\n`);
        lines += 1;
        if (lines >= COMPACT_AT_LINES) await rewrite(kept);
      } catch (error) {
        deps.logger.warn(`Routing feedback: could not record a ${signal.kind} signal: ${String(error)}`);
      }
    },
    offset: (task) => feedbackOffsets(kept, deps.clock.now()).get(task),
    signals: () => kept,
    async reset() {
      await loading;
      kept = [];
      await deps.store.mkdir(deps.dir);
      await rewrite([]);
    },
  };
}

const KINDS = new Set(['askAgain', 'comparePick', 'voteWinner', 'thumbs']);
const DIRECTIONS = new Set(['raise', 'lower', 'keep']);
const TASKS = new Set<string>(TASK_TYPES);

/** One stored line, or `undefined` when it is torn or from an unknown future shape (skipped, not fatal). */
function parseSignal(line: string): FeedbackSignal | undefined {
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== 'object' || value === null) return undefined;
    const { ts, task, kind, direction } = value as Record<string, unknown>;
    if (typeof ts !== 'number' || typeof task !== 'string' || !TASKS.has(task)) return undefined;
    if (typeof kind !== 'string' || !KINDS.has(kind) || typeof direction !== 'string' || !DIRECTIONS.has(direction)) return undefined;
    return { ts, task: task as TaskType, kind: kind as FeedbackSignal['kind'], direction: direction as FeedbackSignal['direction'] };
  } catch {
    return undefined;
  }
}
