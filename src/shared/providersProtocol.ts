/**
 * The Providers view's protocol: messages between the extension host and that webview. Both sides validate every incoming
 * message with these schemas before acting on it (DESIGN.md §4). No `vscode`, no DOM here.
 */
// zod/mini: the same validation as classic zod, but tree-shakable, so the webview bundle stays small.
import * as z from 'zod/mini';
import { validator, webviewReadySchema } from './ipc';

export const PROVIDER_ROW_STATUSES = ['checking', 'ready', 'noKey', 'unreachable', 'keyRejected', 'error'] as const;

/** Why a provider or a model cannot take calls now (the host's availability model; first one that applies). */
export const UNAVAILABLE_REASONS = ['suspended', 'failingChecks', 'breakerOpen', 'probeBusy'] as const;

export const availabilityNoteSchema = z.object({
  /** Set when one model is concerned; absent when the whole provider is. */
  model: z.optional(z.string()),
  reason: z.enum(UNAVAILABLE_REASONS),
  /** Ready to show: "cooling down until 14:05 — 3 failures in a row (last: timeout)". */
  text: z.string(),
  /** When it ends by itself, in ms since the epoch. */
  until: z.optional(z.number()),
});
export type AvailabilityNote = z.infer<typeof availabilityNoteSchema>;

export const providerRowSchema = z.object({
  id: z.string(),
  kind: z.enum(['openai', 'anthropic', 'gemini', 'openaiCompatible']),
  name: z.string(),
  baseUrl: z.string(),
  keyState: z.enum(['set', 'missing', 'notRequired']),
  status: z.enum(PROVIDER_ROW_STATUSES),
  /** Our own explanation of a failure (never contains a key). */
  detail: z.optional(z.string()),
  /** Model ids, capped for display; `modelCount` is the full number. */
  models: z.array(z.string()),
  modelCount: z.int().check(z.nonnegative()),
  latencyMs: z.optional(z.number().check(z.nonnegative())),
  local: z.boolean(),
  /** What of this provider cannot take calls now; absent or empty: all of it can. */
  unavailable: z.optional(z.array(availabilityNoteSchema)),
  /** Quorum's built-in models this provider's listing does not name: not offered or routed to. */
  notServed: z.optional(z.array(z.string())),
  /** Listed models that are not chat models, with their kind ("text-embedding-3-small (embedding)"): never offered. */
  nonChat: z.optional(z.array(z.string())),
  /** Set when the listing is unavailable and Quorum's built-in models stand in, saying so. */
  offerNote: z.optional(z.string()),
});
export type ProviderRow = z.infer<typeof providerRowSchema>;

export const providersSnapshotSchema = z.object({
  providers: z.array(providerRowSchema),
  /** Problems found in settings, each naming the setting and what to fix. */
  settingsIssues: z.array(z.object({ setting: z.string(), message: z.string() })),
  checkedAt: z.optional(z.number()),
});
export type ProvidersSnapshot = z.infer<typeof providersSnapshotSchema>;

export const hostToWebviewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('providers/snapshot'), snapshot: providersSnapshotSchema }),
]);
export type HostToWebview = z.infer<typeof hostToWebviewSchema>;

const providerId = z.string().check(z.minLength(1), z.maxLength(64));

export const webviewToHostSchema = z.discriminatedUnion('type', [
  webviewReadySchema,
  z.object({ type: z.literal('providers/refresh') }),
  z.object({ type: z.literal('providers/setKey'), providerId }),
  z.object({ type: z.literal('providers/removeKey'), providerId }),
  z.object({ type: z.literal('settings/open'), setting: z.string().check(z.maxLength(200)) }),
]);
export type WebviewToHost = z.infer<typeof webviewToHostSchema>;

export const parseWebviewMessage: (raw: unknown) => WebviewToHost | undefined = validator(webviewToHostSchema);
export const parseHostMessage: (raw: unknown) => HostToWebview | undefined = validator(hostToWebviewSchema);
