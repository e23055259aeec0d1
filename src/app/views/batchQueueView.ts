import type { EvalsBatchJob } from '../../shared/evalsProtocol';
import type { BatchJob, BatchJobState } from '../evals/batchJob';
import { isFinal } from '../evals/batchJob';

/** What each state reads as, in the status bar tooltip and the job list. */
export const BATCH_STATE_TEXT: Readonly<Record<BatchJobState, string>> = {
  submitted: 'submitted',
  inProgress: 'in progress',
  cancelling: 'cancelling',
  done: 'done',
  partiallyDone: 'partially done',
  expired: 'expired',
  cancelled: 'cancelled',
  failed: 'failed',
};

/** The status bar item's face: `undefined` hides it (no jobs). */
export interface BatchStatusView {
  readonly text: string;
  readonly tooltip: string;
}

/** One job as a row of the "Show Batch Jobs" list. */
export interface BatchJobRow {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly detail: string;
  readonly active: boolean;
}

/** The order states are counted in on the status bar: running ones first, then those that need a look. */
const SHOWN_ORDER: readonly BatchJobState[] = ['submitted', 'inProgress', 'cancelling', 'partiallyDone', 'expired', 'failed', 'done', 'cancelled'];
const NEEDS_A_LOOK: ReadonlySet<BatchJobState> = new Set(['partiallyDone', 'expired', 'failed']);

/** "$(sync~spin) Batch: 1 submitted · 2 in progress", "$(warning) Batch: 1 partially done · 1 done". */
export function batchStatusView(jobs: readonly BatchJob[]): BatchStatusView | undefined {
  if (jobs.length === 0) return undefined;
  const icon = jobs.some((j) => !isFinal(j)) ? '$(sync~spin)' : jobs.some((j) => NEEDS_A_LOOK.has(j.state)) ? '$(warning)' : '$(check)';
  const counts = SHOWN_ORDER.map((state) => [state, jobs.filter((j) => j.state === state).length] as const).filter(([, n]) => n > 0);
  const text = `${icon} Batch: ${counts.map(([state, n]) => `${n} ${BATCH_STATE_TEXT[state]}`).join(' · ')}`;
  const tooltip = ['Quorum batch jobs (click to see or cancel them):', ...jobs.map((j) => `${jobTitle(j)}: ${progressText(j)}`)].join('\n');
  return { text, tooltip };
}

export function batchJobRows(jobs: readonly BatchJob[]): BatchJobRow[] {
  return [...jobs].sort((a, b) => b.submittedAt - a.submittedAt).map((job) => ({
    id: job.id,
    label: jobTitle(job),
    description: progressText(job),
    detail: `${job.provider} batch ${job.batchId}${job.problem !== undefined ? ` — ${job.problem}` : ''}`,
    active: !isFinal(job),
  }));
}

/** The tab's bound (the protocol's): older jobs stay in "Show Batch Jobs". */
const MAX_TAB_JOBS = 50;

/** The jobs as the Evals tab lists them, newest first: running ones can be cancelled, finished ones removed. */
export function evalsBatchJobs(jobs: readonly BatchJob[], timeText: (ms: number) => string): EvalsBatchJob[] {
  return [...jobs].sort((a, b) => b.submittedAt - a.submittedAt).slice(0, MAX_TAB_JOBS).map((job) => ({
    id: job.id,
    title: jobTitle(job),
    state: BATCH_STATE_TEXT[job.state],
    progress: progressCount(job) ?? '—',
    submitted: timeText(job.submittedAt),
    active: !isFinal(job),
    ...(job.problem !== undefined ? { problem: job.problem } : {}),
  }));
}

function jobTitle(job: BatchJob): string {
  const models = [...new Set(job.items.map((i) => i.ref.model))];
  return `${job.suiteId} · ${job.provider}/${models.length === 1 ? models[0] ?? '' : `${models.length} models`}`;
}

/** "in progress, 40/200", "partially done, 198/200 answered", "expired, 100/200 answered". */
function progressText(job: BatchJob): string {
  const count = progressCount(job);
  return count === undefined ? BATCH_STATE_TEXT[job.state] : `${BATCH_STATE_TEXT[job.state]}, ${count}`;
}

/** "40/200", "198/200 answered"; `undefined` while the vendor has said nothing of progress. */
function progressCount(job: BatchJob): string | undefined {
  const total = job.counts.total ?? job.items.length;
  if (job.outcomes !== undefined) return `${job.outcomes.filter((o) => o.ok).length}/${total} answered`;
  return job.counts.done === undefined ? undefined : `${job.counts.done}/${total}`;
}
