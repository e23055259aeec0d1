import { z } from 'zod';
import { csvField } from '../cost/usageExport';
import type { ChatMessage } from '../types';

/**
 * One line of the data-sent log (`Quorum: Show Data Sent`): a request that left the machine — one per attempt,
 * so a retry or a failover to a second provider is a line of its own — or one that was blocked before it could.
 */
export interface DataSentEntry {
  readonly id: string;
  /** When it was sent (or blocked), epoch ms. */
  readonly ts: number;
  /** The way in: ask, codeAction, compare, vote, judge, cascade… */
  readonly feature: string;
  readonly outcome: 'sent' | 'blocked';
  /** For `sent`: who received it. */
  readonly provider?: string;
  readonly model?: string;
  /** Scheme, host and port the request went to, e.g. `https://api.openai.com`. */
  readonly origin?: string;
  /** Retries of the same model before this attempt (0 for the first). */
  readonly retry?: number;
  /** UTF-8 bytes of the message contents (text, and images as the base64 sent), without transport framing. */
  readonly bytes: number;
  /** Workspace-relative paths of the files whose content was attached. */
  readonly files: readonly string[];
  readonly images: number;
  /** Credentials found before sending and what was done with each. */
  readonly secrets: readonly SecretNote[];
}

export interface SecretNote {
  /** e.g. "GitHub API token", "private key". */
  readonly what: string;
  /** e.g. "user message 1, line 3". */
  readonly where: string;
  readonly action: 'redacted' | 'blocked' | 'warned';
}

export type DataSentDraft = Omit<DataSentEntry, 'id' | 'ts'>;

const secretNoteSchema = z.object({ what: z.string(), where: z.string(), action: z.enum(['redacted', 'blocked', 'warned']) });

/** What a stored line must be to be shown; anything else (torn, hand-edited) is skipped. */
export const dataSentEntrySchema = z.object({
  id: z.string(),
  ts: z.number().finite(),
  feature: z.string(),
  outcome: z.enum(['sent', 'blocked']),
  provider: z.string().optional(),
  model: z.string().optional(),
  origin: z.string().optional(),
  retry: z.number().int().nonnegative().optional(),
  bytes: z.number().int().nonnegative(),
  files: z.array(z.string()),
  images: z.number().int().nonnegative(),
  secrets: z.array(secretNoteSchema),
});

/** Bytes and images of what a request carries (see `DataSentEntry.bytes`). */
export function payloadSize(messages: readonly ChatMessage[]): { readonly bytes: number; readonly images: number } {
  let bytes = 0;
  let images = 0;
  for (const message of messages) {
    if (typeof message.content === 'string') {
      bytes += Buffer.byteLength(message.content, 'utf8');
      continue;
    }
    for (const part of message.content) {
      if (part.type === 'text') bytes += Buffer.byteLength(part.text, 'utf8');
      else {
        bytes += part.data.length;
        images += 1;
      }
    }
  }
  return { bytes, images };
}

/** Columns of the CSV export, in order. */
export const DATA_SENT_CSV_COLUMNS = ['time', 'feature', 'outcome', 'provider', 'model', 'origin', 'retry', 'bytes', 'files', 'images', 'secrets', 'id'] as const;

/**
 * The entries as CSV (RFC 4180, CRLF). A cell starting with `=`, `+`, `-`, `@` or a control character is
 * prefixed with `'`: file names and model ids come from the workspace and must never run as a formula.
 */
export function dataSentCsv(entries: readonly DataSentEntry[]): string {
  const lines = [DATA_SENT_CSV_COLUMNS.join(',')];
  for (const e of entries) {
    lines.push([
      new Date(e.ts).toISOString(), e.feature, e.outcome, e.provider, e.model, e.origin, e.retry, e.bytes, e.files.join('; '), e.images,
      e.secrets.map((s) => `${s.what} (${s.where}): ${s.action}`).join('; '), e.id,
    ].map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The entries as a JSON document: `{ exportedAt, entries }`, entries exactly as stored. */
export function dataSentJson(entries: readonly DataSentEntry[], exportedAt: number): string {
  return `${JSON.stringify({ exportedAt: new Date(exportedAt).toISOString(), entries }, null, 2)}\n`;
}
