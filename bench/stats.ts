/** Small statistics for benchmarks: percentiles and the median of per-block medians (DESIGN.md §7). */

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

/** Splits `values` into `blocks` consecutive blocks and returns the median of their medians. */
export function medianOfMedians(values: readonly number[], blocks: number): number {
  const size = Math.max(1, Math.floor(values.length / blocks));
  const medians: number[] = [];
  for (let i = 0; i + size <= values.length; i += size) medians.push(percentile(values.slice(i, i + size), 50));
  return percentile(medians, 50);
}

export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
