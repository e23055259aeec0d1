import type { ModelRef } from '../types';
import { rateText, type EvalMatrix, type ModelRow } from './evalMatrix';

/**
 * From a suite's matrix back to routing: the cheapest model good enough, and the demotion of a routed model that
 * a later run found below the bar. Pure; writing and suspending rules is the caller's.
 */

/** Whether a row passes the bar (pass rate ≥ threshold, over at least one case). */
export function rowPasses(row: ModelRow, threshold: number): boolean {
  return row.cases > 0 && row.passRate >= threshold;
}

/**
 * The cheapest model whose pass rate ≥ `threshold` (0–1), by cost per case; ties go to the higher pass rate, then
 * the lower p50 latency. A model whose cost is unknown is chosen only when no priced model passes (unknown is not
 * cheap). `undefined` when none passes.
 */
export function cheapestPassing(matrix: EvalMatrix, threshold: number = matrix.threshold): ModelRow | undefined {
  const passing = matrix.rows.filter((row) => rowPasses(row, threshold));
  const order = (a: ModelRow, b: ModelRow): number =>
    (a.costPerCaseUsd ?? Infinity) - (b.costPerCaseUsd ?? Infinity) || b.passRate - a.passRate || (a.p50Ms ?? Infinity) - (b.p50Ms ?? Infinity);
  return [...passing].sort(order)[0];
}

/** What a later run means for the model a suite's rule routes to. */
export type Demotion =
  | { readonly action: 'keep'; readonly reason: string }
  | { readonly action: 'suspend'; readonly suspended: ModelRef; readonly next?: ModelRow; readonly reason: string };

/**
 * The demotion rule: the routed model stays while its pass rate in `matrix` is ≥ the threshold; below it, its rule
 * is suspended and the cheapest other passing model takes over (none: the suite routes nowhere until one passes).
 * A routed model the run did not include is kept (no evidence against it).
 */
export function demotion(routed: ModelRef, matrix: EvalMatrix, threshold: number = matrix.threshold): Demotion {
  const same = (row: ModelRow): boolean => row.ref.provider === routed.provider && row.ref.model === routed.model;
  const row = matrix.rows.find(same);
  const name = `${routed.provider}/${routed.model}`;
  if (row === undefined || row.cases === 0) return { action: 'keep', reason: `${name} was not in this run of ${matrix.suiteId}` };
  const rate = `${rateText(row.passRate)} < ${rateText(threshold)}`;
  if (rowPasses(row, threshold)) return { action: 'keep', reason: `${name} passes ${matrix.suiteId} (${rateText(row.passRate)})` };
  const next = cheapestPassing({ ...matrix, rows: matrix.rows.filter((r) => !same(r)) }, threshold);
  const reason = next === undefined
    ? `${name} fell below ${matrix.suiteId}'s threshold (${rate}); no other model passes`
    : `${name} fell below ${matrix.suiteId}'s threshold (${rate}); ${next.ref.provider}/${next.ref.model} passes (${rateText(next.passRate)}) and takes over`;
  return { action: 'suspend', suspended: routed, ...(next !== undefined ? { next } : {}), reason };
}
