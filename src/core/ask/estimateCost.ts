/** `$0.0123 est.`; "unknown" when the cost is unknown. */
export function formatEstimatedCost(costUsd: number | undefined): string {
  if (costUsd === undefined) return 'unknown';
  if (costUsd > 0 && costUsd < 0.0001) return '<$0.0001 est.';
  return `$${costUsd < 1 ? costUsd.toFixed(4) : costUsd.toFixed(2)} est.`;
}
