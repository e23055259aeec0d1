/** Small statistics for benchmarks: percentiles and medians of per-block figures (DESIGN.md §7). */

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

/** Splits `values` into `blocks` consecutive blocks and returns the median of their medians. */
export function medianOfMedians(values: readonly number[], blocks: number): number {
  return medianOfBlockPercentiles(values, blocks, 50);
}

/**
 * The median over `blocks` consecutive blocks of each block's `p`-th percentile. For a tail figure (p99):
 * a few calls descheduled by the OS land in one or two blocks and move only those blocks' p99s, so they
 * cannot decide the figure, while a tail that every block shows still does.
 */
export function medianOfBlockPercentiles(values: readonly number[], blocks: number, p: number): number {
  const size = Math.max(1, Math.floor(values.length / blocks));
  const figures: number[] = [];
  for (let i = 0; i + size <= values.length; i += size) figures.push(percentile(values.slice(i, i + size), p));
  return percentile(figures, 50);
}

export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
