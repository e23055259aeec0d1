/**
 * `quorum.evals.schedule`: how often the workspace's suites are run again on their own (on activation, when due),
 * so a routed model that regressed is demoted without anyone remembering to look. Pure: the clock is the caller's.
 */
export const EVAL_SCHEDULES = ['off', 'daily', 'weekly'] as const;
export type EvalSchedule = (typeof EVAL_SCHEDULES)[number];

const DAY_MS = 24 * 60 * 60 * 1000;
const PERIOD_MS: Readonly<Record<Exclude<EvalSchedule, 'off'>, number>> = { daily: DAY_MS, weekly: 7 * DAY_MS };

/**
 * Whether a scheduled run is due at `now` (ms since the epoch): never when `off`; when on, if no run was ever
 * made, or the last one (any run: manual, scheduled) is at least a period old. A last run in the future (the
 * clock was set back) counts as not due, rather than running on every activation.
 */
export function scheduledRunDue(schedule: EvalSchedule, lastRunAt: number | undefined, now: number): boolean {
  if (schedule === 'off') return false;
  if (lastRunAt === undefined) return true;
  return now - lastRunAt >= PERIOD_MS[schedule];
}
