/**
 * Messages between the host and the Quorum panel ("Quorum: Open Panel": Compare, Vote and Spend in one
 * webview). Both sides validate every incoming message with these schemas before acting on it
 * (DESIGN.md §4). No `vscode`, no DOM here.
 *
 * The flow: the view paints its saved state, then posts `webview/ready`; the host answers with a full
 * `panel/snapshot` (again whenever the panel becomes visible). While a compare run streams, the host sends
 * `compare/delta` (text to append to one column) and `compare/column` (everything else about a column);
 * a vote is sent whole as `vote/state` each time it changes. Money is computed by the host only:
 * `costUsd: undefined` means unknown and is shown as "unknown", never as $0.
 */
import * as z from 'zod/mini';
import { COLUMN_STATUSES, columnId, line, ms, ref, refs, text, tokens, usd, type ColumnStatus } from './panelFields';
import { codeBlockActionSchema, type CodeBlockAction } from './codeBlockProtocol';
import { validator, webviewReadySchema, type WebviewReady } from './ipc';
import { evalsStateSchema, evalsViewMessageSchemas, type EvalsState, type EvalsViewMessage } from './evalsProtocol';
import { spendSnapshotSchema, type SpendSnapshot } from './spendProtocol';
import { ladderSchema, MIN_VOTE_MODELS, voteRequestShape, voteStateSchema, type VoteLadderStep, type VoteRequest, type VoteState } from './voteProtocol';

export const PANEL_VIEWS = ['compare', 'vote', 'evals', 'spend'] as const;
export type PanelView = (typeof PANEL_VIEWS)[number];

/** Compare runs 2–6 models side by side (core/ensemble's MAX_COLUMNS). */
export const MIN_COMPARE_MODELS = 2;
export const MAX_COMPARE_MODELS = 6;

/** A configured model the user may pick. */
export interface PanelModel {
  /** `provider/model`, e.g. `openai/gpt-6-luna`; the id every message uses. */
  readonly ref: string;
  readonly label: string;
  readonly provider: string;
  /** The catalog has prices for it; otherwise its cost will be unknown. */
  readonly priced: boolean;
}

/** One compare column without its text: what `compare/column` replaces. */
export interface CompareColumnInfo {
  /** Unique within the run; every column message names it. */
  readonly id: string;
  readonly ref: string;
  readonly label: string;
  readonly provider: string;
  readonly status: ColumnStatus;
  /** Time to first token, ms from the column's start. */
  readonly ttftMs?: number;
  /** Start to end, ms; absent while streaming. */
  readonly totalMs?: number;
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  /** USD; `undefined` = unknown (an unpriced model, or usage the provider did not report). */
  readonly costUsd?: number;
  /** `stop`, `length`, `content-filter`, … as the provider reported it. */
  readonly finishReason?: string;
  /** One line shown in the column, with a Retry button; present when `status` is `failed`. */
  readonly error?: string;
}

export interface CompareColumn extends CompareColumnInfo {
  /** The answer so far (untrusted model output: rendered as sanitised markdown). */
  readonly text: string;
}

export interface CompareState {
  /** Refs chosen for the next run (2–6 to run; fewer before the user has chosen). */
  readonly selected: readonly string[];
  /** The prompt editor's text; the view keeps the user's edits unless this value changes. */
  readonly prompt: string;
  readonly attachFile: boolean;
  /** Workspace-relative name of the file "attach active file" would send; absent when there is none. */
  readonly activeFile?: string;
  /** A run is in progress (the view also treats any waiting or streaming column as running). */
  readonly running: boolean;
  readonly columns: readonly CompareColumn[];
  /** Id of the column picked as the winner of this run. */
  readonly winner?: string;
}

export interface PanelSnapshot {
  /** The tab on show. */
  readonly view: PanelView;
  readonly models: readonly PanelModel[];
  readonly compare: CompareState;
  readonly vote: VoteState;
  /** Absent until the host has read the ledger (the Spend tab shows "Loading spend…"). */
  readonly spend?: SpendSnapshot;
  /** The Evals tab; absent until the host has read the suites. */
  readonly evals?: EvalsState;
}

export type PanelHostMessage =
  | { type: 'panel/snapshot'; snapshot: PanelSnapshot }
  | { type: 'compare/state'; compare: CompareState }
  | { type: 'compare/delta'; columnId: string; text: string }
  | { type: 'compare/column'; column: CompareColumnInfo }
  | { type: 'vote/state'; vote: VoteState }
  | { type: 'vote/estimate'; estimateUsd?: number; unpricedModels: number; ladder?: VoteLadderStep[] }
  | { type: 'spend/snapshot'; snapshot: SpendSnapshot }
  | { type: 'evals/state'; evals: EvalsState };

export type PanelViewMessage =
  | WebviewReady
  | { type: 'panel/view'; view: PanelView }
  | { type: 'compare/run'; prompt: string; models: string[]; attachFile: boolean }
  | { type: 'compare/stop'; columnId?: string }
  | { type: 'compare/retry'; columnId: string }
  | { type: 'compare/copy' | 'compare/insert' | 'compare/apply' | 'compare/pickWinner' | 'compare/continue'; columnId: string }
  | { type: 'compare/diff'; left: string; right: string }
  | ({ type: 'vote/draft' } & VoteRequest)
  | ({ type: 'vote/run' } & VoteRequest)
  | { type: 'vote/stop' | 'vote/continue' }
  | { type: 'spend/refresh' }
  | { type: 'spend/export' }
  | { type: 'spend/reset' }
  | { type: 'spend/openSettings' }
  | CodeBlockAction
  | EvalsViewMessage;

const view = z.enum(PANEL_VIEWS);
const MAX_MODELS = 1_000;

const modelSchema = z.object({ ref, label: line, provider: line, priced: z.boolean() });

const columnInfoShape = {
  id: columnId,
  ref,
  label: line,
  provider: line,
  status: z.enum(COLUMN_STATUSES),
  ttftMs: z.optional(ms),
  totalMs: z.optional(ms),
  inputTokens: z.optional(tokens),
  outputTokens: z.optional(tokens),
  costUsd: z.optional(usd),
  finishReason: z.optional(line),
  error: z.optional(line),
};
export const compareColumnInfoSchema: z.ZodMiniType<CompareColumnInfo> = z.object(columnInfoShape);
export const compareColumnSchema: z.ZodMiniType<CompareColumn> = z.object({ ...columnInfoShape, text });

export const compareStateSchema: z.ZodMiniType<CompareState> = z.object({
  selected: z.array(ref).check(z.maxLength(MAX_COMPARE_MODELS)),
  prompt: text,
  attachFile: z.boolean(),
  activeFile: z.optional(line),
  running: z.boolean(),
  columns: z.array(compareColumnSchema).check(z.maxLength(MAX_COMPARE_MODELS)),
  winner: z.optional(columnId),
});

export const panelSnapshotSchema: z.ZodMiniType<PanelSnapshot> = z.object({
  view,
  models: z.array(modelSchema).check(z.maxLength(MAX_MODELS)),
  compare: compareStateSchema,
  vote: voteStateSchema,
  spend: z.optional(spendSnapshotSchema),
  evals: z.optional(evalsStateSchema),
});

export const panelHostMessageSchema: z.ZodMiniType<PanelHostMessage> = z.discriminatedUnion('type', [
  /** Everything: on `webview/ready`, on becoming visible, when settings or the model list change. */
  z.object({ type: z.literal('panel/snapshot'), snapshot: panelSnapshotSchema }),
  /** The whole Compare tab: when a run starts (columns `waiting`, empty text), ends, or a winner is picked. */
  z.object({ type: z.literal('compare/state'), compare: compareStateSchema }),
  /** Text to append to column `columnId` while it streams. Batch per ~16–50 ms; the view renders once per frame anyway. */
  z.object({ type: z.literal('compare/delta'), columnId, text }),
  /** Replaces everything about one column except its text: status, timings, tokens, cost, finish, error. */
  z.object({ type: z.literal('compare/column'), column: compareColumnInfoSchema }),
  /** The whole Vote tab, after each change (a member settles, the result is in). */
  z.object({ type: z.literal('vote/state'), vote: voteStateSchema }),
  /** A fresh estimate for the vote form, answering `vote/draft`; leaves the rest of the tab alone. */
  z.object({ type: z.literal('vote/estimate'), estimateUsd: z.optional(usd), unpricedModels: z.int().check(z.nonnegative()), ladder: z.optional(ladderSchema) }),
  /** The Spend tab (same snapshot as the Spend view), after the ledger changed or on `spend/refresh`. */
  z.object({ type: z.literal('spend/snapshot'), snapshot: spendSnapshotSchema }),
  /** The whole Evals tab, after each change (selection, estimate, progress, a finished run, a routing change). */
  z.object({ type: z.literal('evals/state'), evals: evalsStateSchema }),
]);

export const panelViewMessageSchema: z.ZodMiniType<PanelViewMessage> = z.discriminatedUnion('type', [
  /** The view has painted its saved state and listens: send a `panel/snapshot`. */
  webviewReadySchema,
  /** The user switched tabs (remember it; the Spend tab may want a fresh `spend/snapshot`). */
  z.object({ type: z.literal('panel/view'), view }),
  /** Copy / Insert / Apply on one code block of an answer (a column, a vote member, a judge's rationale). */
  codeBlockActionSchema,
  /** Run these models side by side on this prompt (with the active file attached when `attachFile`). */
  z.object({ type: z.literal('compare/run'), prompt: text, models: refs(MIN_COMPARE_MODELS, MAX_COMPARE_MODELS), attachFile: z.boolean() }),
  /** Stop one column, or every running column when `columnId` is absent. */
  z.object({ type: z.literal('compare/stop'), columnId: z.optional(columnId) }),
  /** Run a failed or stopped column again. */
  z.object({ type: z.literal('compare/retry'), columnId }),
  /** Copy the column's answer to the clipboard. */
  z.object({ type: z.literal('compare/copy'), columnId }),
  /** Insert the column's answer at the cursor of the last active editor. */
  z.object({ type: z.literal('compare/insert'), columnId }),
  /** Apply the column's answer to the editor selection through a diff preview (host side). */
  z.object({ type: z.literal('compare/apply'), columnId }),
  /** Record this column as the winner of the run (in the ledger, with the task class). */
  z.object({ type: z.literal('compare/pickWinner'), columnId }),
  /** Continue in the Quorum view: a new conversation seeded with the prompt and this column's answer, pinned to its model. */
  z.object({ type: z.literal('compare/continue'), columnId }),
  /** Open a diff of two columns' answers. */
  z.object({ type: z.literal('compare/diff'), left: columnId, right: columnId }),
  /** The vote form changed (debounced): re-estimate and answer with `vote/estimate`; `models` may be empty. */
  z.object({ type: z.literal('vote/draft'), ...voteRequestShape }),
  /** Run a vote: 2–6 voters, or any number (ignored) for a cascade, whose ladder the host picks. */
  z.object({ type: z.literal('vote/run'), ...voteRequestShape }).check(z.refine(
    (m) => m.strategy === 'cascade' || m.models.length >= MIN_VOTE_MODELS,
    { message: `A vote needs at least ${MIN_VOTE_MODELS} models.` },
  )),
  /** Continue in the Quorum view with the vote's prompt and winning answer, pinned to the model that gave it. */
  z.object({ type: z.literal('vote/continue') }),
  /** Stop the running vote (it completes with the answers already in). */
  z.object({ type: z.literal('vote/stop') }),
  // The Spend tab's buttons: the same messages as the Spend view's.
  z.object({ type: z.literal('spend/refresh') }),
  z.object({ type: z.literal('spend/export') }),
  z.object({ type: z.literal('spend/reset') }),
  z.object({ type: z.literal('spend/openSettings') }),
  ...evalsViewMessageSchemas,
]);

export const parsePanelHostMessage: (raw: unknown) => PanelHostMessage | undefined = validator(panelHostMessageSchema);
export const parsePanelViewMessage: (raw: unknown) => PanelViewMessage | undefined = validator(panelViewMessageSchema);
/** A snapshot from the webview's saved state after a reload; undefined when unusable. */
export const parsePanelSnapshot: (raw: unknown) => PanelSnapshot | undefined = validator(panelSnapshotSchema);
