import type { LedgerRecord } from './ledgerRecord';

/** Columns of the CSV export, in order; one row per recorded call. */
export const USAGE_CSV_COLUMNS = [
  'time', 'feature', 'provider', 'model', 'outcome', 'cost_usd', 'input_tokens', 'output_tokens',
  'cached_input_tokens', 'cache_write_tokens', 'reasoning_tokens', 'latency_ms', 'ttft_ms', 'attempts',
  'failover', 'cache_hit', 'route_reason', 'id',
] as const;

/** RFC 4180 field: quoted when it holds a comma, quote or line break; a leading =,+,-,@ is defused. */
export function csvField(value: string | number | boolean | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  // Spreadsheet apps run a cell starting with these as a formula; model text must never become one.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The records as CSV (header row first, CRLF line ends as RFC 4180 asks). Unknown numbers stay empty
 * cells — never a false 0 — so a spreadsheet's SUM counts only what is known.
 */
export function usageCsv(records: readonly LedgerRecord[]): string {
  const lines = [USAGE_CSV_COLUMNS.join(',')];
  for (const r of records) {
    const models = new Set(r.attempts.map((a) => `${a.provider}/${a.model}`));
    lines.push([
      new Date(r.ts).toISOString(), r.feature, r.provider, r.model, r.outcome, r.costUsd, r.usage.inputTokens,
      r.usage.outputTokens, r.usage.cachedInputTokens, r.usage.cacheWriteTokens, r.usage.reasoningTokens,
      r.latencyMs, r.ttftMs, r.attempts.length, models.size > 1, r.cacheHit, r.routeReason, r.id,
    ].map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The records as a JSON document: `{ exportedAt, workspace, records }`, records exactly as stored. */
export function usageJson(records: readonly LedgerRecord[], workspace: string, exportedAt: number): string {
  return `${JSON.stringify({ exportedAt: new Date(exportedAt).toISOString(), workspace, records }, null, 2)}\n`;
}
