import type { DataSentEntry } from '../../core/privacy/dataSent';
import { formatCount, plural } from '../../shared/format';

/** Rows shown; the export has every entry. */
export const DATA_SENT_ROWS = 300;

/**
 * "Quorum: Show Data Sent" as markdown: what left the machine, newest first — when, for what, to which
 * provider, origin and model, how many bytes, which files and images, and what was redacted or blocked.
 */
export function dataSentMarkdown(entries: readonly DataSentEntry[]): string {
  const sent = entries.filter((e) => e.outcome === 'sent');
  const blocked = entries.length - sent.length;
  const origins = new Map<string, number>();
  for (const e of sent) origins.set(e.origin ?? e.provider ?? 'unknown', (origins.get(e.origin ?? e.provider ?? 'unknown') ?? 0) + e.bytes);
  const lines = [
    '# Quorum: data sent',
    '',
    'Every request this workspace sent to a model (each retry and failover is a row of its own), and every request Quorum blocked. '
      + 'Kept on this machine only, for 30 days at most. Export it with "Quorum: Export Data Sent…".',
    '',
  ];
  if (entries.length === 0) return [...lines, 'Nothing has been sent from this workspace yet.', ''].join('\n');
  lines.push(`**${plural(sent.length, 'request')}** sent, **${blocked}** blocked.`, '');
  lines.push('| Origin | Bytes sent |', '|---|---|', ...[...origins].map(([origin, bytes]) => `| ${cell(origin)} | ${bytesText(bytes)} |`), '');
  lines.push('| Time | Feature | Outcome | Provider / model | Origin | Bytes | Files | Images | Secrets |', '|---|---|---|---|---|---|---|---|---|');
  const newest = [...entries].reverse().slice(0, DATA_SENT_ROWS);
  for (const e of newest) {
    const model = e.provider === undefined ? '—' : `${e.provider}/${e.model ?? '?'}${e.retry !== undefined && e.retry > 0 ? ` (retry ${e.retry})` : ''}`;
    const secrets = e.secrets.length === 0 ? '—' : e.secrets.map((s) => `${s.what} (${s.where}): ${s.action}`).join('; ');
    lines.push(`| ${new Date(e.ts).toLocaleString()} | ${cell(e.feature)} | ${e.outcome} | ${cell(model)} | ${cell(e.origin ?? '—')} | ${bytesText(e.bytes)} | ${cell(e.files.join(', ') || '—')} | ${e.images} | ${cell(secrets)} |`);
  }
  if (entries.length > newest.length) lines.push('', `The ${entries.length - newest.length} older entries are in the export.`);
  return `${lines.join('\n')}\n`;
}

/** Table cells hold workspace text (file names, model ids): keep it from becoming markup, links or columns. */
function cell(text: string): string {
  return text.replace(/([\\`*_[\]<>|#!])/g, '\\$1').replace(/\r?\n/g, ' ');
}

/** "512 B", "12.3 KB", "4.1 MB" (1 KB = 1,024 bytes). */
export function bytesText(bytes: number): string {
  if (bytes < 1024) return `${formatCount(bytes)} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
