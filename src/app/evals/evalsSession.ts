import { parseModelRefText } from '../../core/ask/modelRefText';
import { changeText, type RoutingChange } from '../../core/evals/routingChange';
import type { ModelRef } from '../../core/types';
import { MAX_EVAL_MODELS, type EvalsState } from '../../shared/evalsProtocol';
import { evalsBatchJobs } from '../views/batchQueueView';
import { evalsRunView } from '../views/evalsView';
import type { BatchQueue } from './batchQueue';
import { RECOVERED_BY } from './batchRunRecovery';
import { saveRun, type EvalRun } from './evalResults';
import type { EvalRouting } from './evalRouting';
import type { EvalSchedule } from '../../core/evals/evalSchedule';
import { estimateRun, keptRuns, loadSuites, runEvals, scheduledSelection, type EvalsPorts, type SuiteList } from './evalsService';

export interface EvalsSessionDeps {
  readonly ports: EvalsPorts;
  readonly routing: EvalRouting;
  readonly changeLog: () => readonly RoutingChange[];
  readonly label: (model: string) => string;
  readonly timeText: (iso: string) => string;
}

/** Why a selection cannot run, or the suites and models it names. */
type Selection = { readonly problem: string } | { readonly suites: SuiteList['suites']; readonly models: ModelRef[] };

/**
 * The workspace's evals as the Evals tab and `Quorum: Run Evals` share them: the suites, the selection, the
 * estimate, one run at a time (with progress and cancel), the latest run's matrix against the run before, and
 * the routing changes. Listeners hear every change of `state()`. No vscode here.
 */
export class EvalsSession {
  private suites: SuiteList = { suites: [], invalid: [] };
  private runs: readonly EvalRun[] = [];
  private shown: EvalRun | undefined;
  private current: Omit<EvalsState, 'suites' | 'invalid' | 'run' | 'changes' | 'batchJobs'> = { resultProblems: [], selectedSuites: [], selectedModels: [], running: false };
  private abort: AbortController | undefined;
  private queue: Pick<BatchQueue, 'jobs' | 'cancel' | 'forget'> | undefined;
  private readonly listeners = new Set<(state: EvalsState) => void>();

  constructor(private readonly deps: EvalsSessionDeps) {}

  onChange(listener: (state: EvalsState) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  get running(): boolean {
    return this.current.running;
  }

  /** Valid suites, as last read. */
  validSuites(): SuiteList['suites'] {
    return this.suites.suites;
  }

  /** The kept runs, oldest first, as last read. */
  keptRuns(): readonly EvalRun[] {
    return this.runs;
  }

  state(): EvalsState {
    const changes = this.deps.changeLog();
    const undone = new Set(changes.flatMap((c) => (c.undoes !== undefined ? [c.undoes] : [])));
    return {
      ...this.current,
      suites: this.suites.suites.map(({ file, suite }) => ({ id: suite.id, file, feature: suite.feature, cases: suite.cases.length, threshold: `${Math.round(suite.threshold * 1000) / 10} %` })),
      invalid: this.suites.invalid.map((i) => ({ file: i.file, problems: i.problems.slice(0, 100) })),
      ...(this.shown !== undefined ? { run: evalsRunView(this.shown, this.runs, { label: this.deps.label, timeText: this.deps.timeText, routedModel: (s) => this.deps.routing.routedModel(s) }) } : {}),
      changes: [...changes].reverse().slice(0, 20).map((c) => ({ id: c.id, text: `${this.deps.timeText(c.at)}: ${changeText(c)}`, undoable: c.kind !== 'undone' && !undone.has(c.id) })),
      batchJobs: evalsBatchJobs(this.queue?.jobs() ?? [], (ms) => this.deps.timeText(new Date(ms).toISOString())),
    };
  }

  /** Reads the suites and the kept runs again; the latest run is shown. */
  async refresh(): Promise<void> {
    this.suites = await loadSuites(this.deps.ports);
    const kept = await keptRuns(this.deps.ports);
    this.runs = kept.runs;
    this.shown = this.runs.at(-1);
    const ids = new Set(this.suites.suites.map((s) => s.suite.id));
    const selectedSuites = this.current.selectedSuites.filter((id) => ids.has(id));
    const selectedModels = this.current.selectedModels.length > 0 ? this.current.selectedModels : (this.shown?.models ?? []).slice(0, MAX_EVAL_MODELS);
    this.update({ resultProblems: [...kept.problems], selectedSuites: selectedSuites.length > 0 ? selectedSuites : [...ids], selectedModels });
  }

  async estimate(suiteIds: readonly string[], models: readonly string[]): Promise<void> {
    const selection = this.select(suiteIds, models);
    if ('problem' in selection) return this.fail(selection.problem);
    const estimate = await estimateRun(selection.suites.map((s) => s.suite), selection.models, this.deps.ports);
    this.update({ estimate: { text: estimate.text, budget: estimate.budget, blocked: estimate.blocked }, error: undefined });
  }

  /**
   * Runs the selection (one run at a time), keeps it, shows it, and applies its demotions.
   * @returns the run, or `undefined` when it could not start
   */
  async run(suiteIds: readonly string[], models: readonly string[], by: string, onProgress?: (done: number, total: number) => void): Promise<EvalRun | undefined> {
    if (this.current.running) return this.fail('A run is already under way: wait for it, or cancel it.'), undefined;
    const selection = this.select(suiteIds, models);
    if ('problem' in selection) return this.fail(selection.problem), undefined;
    // Estimate first, through the budget's rules: a run the budget would block is not started at all.
    const estimate = await estimateRun(selection.suites.map((s) => s.suite), selection.models, this.deps.ports);
    this.update({ estimate: { text: estimate.text, budget: estimate.budget, blocked: estimate.blocked } });
    if (estimate.blocked) return this.fail(`Not run: ${estimate.budget}`), undefined;
    this.abort = new AbortController();
    this.update({ running: true, progress: 'Starting…', error: undefined, notice: undefined });
    try {
      const run = await runEvals(selection.suites.map((s) => s.suite), selection.models, this.deps.ports, {
        by, signal: this.abort.signal,
        onProgress: (done, total, suite) => {
          this.update({ progress: `Case ${done} of ${total} · ${suite}` });
          onProgress?.(done, total);
        },
        onBatch: (suite, why) => this.update({ progress: `${suite}: ${why} The batch jobs are in the status bar (Quorum: Show Batch Jobs).` }),
      });
      await this.adopt(run);
      return run;
    } catch (error) {
      this.fail(`The run failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    } finally {
      this.abort = undefined;
      this.update({ running: false, progress: undefined });
    }
  }

  /** On activation: the scheduled run, when `schedule` says one is due (see `scheduledSelection`). */
  async runIfDue(schedule: EvalSchedule): Promise<EvalRun | undefined> {
    if (schedule === 'off' || this.current.running) return undefined;
    await this.refresh();
    const due = scheduledSelection(schedule, this.runs, this.suites.suites, this.deps.ports.clock.now());
    return due === undefined ? undefined : this.run(due.suites, due.models, 'scheduled run');
  }

  cancel(): void {
    this.abort?.abort();
  }

  /** A run made elsewhere (the CLI's `--json` file, batch jobs that ended after a reload): kept, shown, demotions applied. */
  async importRun(run: EvalRun): Promise<void> {
    await saveRun(this.deps.ports.results(), run);
    if (run.by === RECOVERED_BY) {
      const suites = run.suites.map((r) => r.suite).join(', ');
      this.update({ notice: `Back from batch: the run of ${suites} that was under way when the window reloaded has finished (${this.deps.timeText(run.at)}); its results are below.` });
    }
    await this.adopt(run);
  }

  /** Lists the window's batch queue in the tab, following it (`queue.onChange`). Returns the unsubscribe. */
  showQueue(queue: Pick<BatchQueue, 'jobs' | 'cancel' | 'forget' | 'onChange'>): () => void {
    this.queue = queue;
    this.update({});
    return queue.onChange(() => this.update({}));
  }

  async cancelJob(id: string): Promise<void> {
    await this.queue?.cancel(id);
  }

  async removeJob(id: string): Promise<void> {
    await this.queue?.forget(id);
  }

  async route(suiteId: string, model: string): Promise<RoutingChange | undefined> {
    const report = this.shown?.suites.find((s) => s.suite === suiteId);
    if (report === undefined) return this.fail(`No run of ${suiteId} is shown: run it first.`), undefined;
    const change = await this.deps.routing.route(report, model);
    if ('problem' in change) return this.fail(`Not routed: ${change.problem}.`), undefined;
    this.update({ error: undefined });
    return change;
  }

  async undo(id: string): Promise<void> {
    const change = await this.deps.routing.undo(id);
    if (change === undefined) return this.fail('That change is unknown or already undone.');
    this.update({ error: undefined });
  }

  /** Tells listeners (a routing change made outside the session, e.g. Undo from a notification). */
  changed(): void {
    this.update({});
  }

  private async adopt(run: EvalRun): Promise<void> {
    this.runs = [...this.runs.filter((r) => r.id !== run.id), run].sort((a, b) => a.at.localeCompare(b.at));
    this.shown = run;
    this.update({ selectedModels: run.models.slice(0, MAX_EVAL_MODELS) });
    await this.deps.routing.applyRun(run);
    this.update({});
  }

  private select(suiteIds: readonly string[], models: readonly string[]): Selection {
    const suites = this.suites.suites.filter((s) => suiteIds.includes(s.suite.id));
    const refs = models.flatMap((m) => parseModelRefText(m) ?? []);
    this.update({ selectedSuites: [...suiteIds], selectedModels: models.slice(0, MAX_EVAL_MODELS) });
    if (suites.length === 0) return { problem: 'Pick at least one valid suite (.quorum/evals/*.yaml).' };
    if (refs.length === 0 || refs.length > MAX_EVAL_MODELS) return { problem: `Pick 1 to ${MAX_EVAL_MODELS} models.` };
    return { suites, models: refs };
  }

  private fail(error: string): void {
    this.update({ error });
  }

  private update(patch: Partial<EvalsSession['current']> & { readonly error?: string | undefined; readonly progress?: string | undefined; readonly notice?: string | undefined }): void {
    const next: Record<string, unknown> = { ...this.current, ...patch };
    for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
    this.current = next as EvalsSession['current'];
    const state = this.state();
    for (const listener of this.listeners) listener(state);
  }
}
