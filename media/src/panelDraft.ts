import * as z from 'zod/mini';
import { MAX_COMPARE_MODELS, panelSnapshotSchema, type PanelSnapshot } from '../../src/shared/panelProtocol';
import { MAX_PANEL_TEXT } from '../../src/shared/panelFields';
import { MAX_VOTE_MODELS, VOTE_STRATEGIES, type VoteState, type VoteStrategy } from '../../src/shared/voteProtocol';
import { validator } from '../../src/shared/ipc';

export const EMPTY_VOTE: VoteState = { strategy: 'majority', selected: [], prompt: '', running: false, members: [] };

/** What the view shows before the host's first snapshot when nothing was saved. */
export const EMPTY_SNAPSHOT: PanelSnapshot = {
  view: 'compare',
  models: [],
  compare: { selected: [], prompt: '', attachFile: false, running: false, columns: [] },
  vote: EMPTY_VOTE,
};

/** The Compare form as the user edits it. */
export interface CompareForm {
  readonly prompt: string;
  readonly selected: readonly string[];
  readonly attachFile: boolean;
}

/** The Vote form as the user edits it. */
export interface VoteForm {
  readonly prompt: string;
  readonly selected: readonly string[];
  readonly strategy: VoteStrategy;
  readonly earlyExitK?: number;
  /** Cascade: the confidence (0..1) at which an answer is accepted. */
  readonly cascadeThreshold?: number;
  /** Judge: three judges instead of one. */
  readonly judgePanel?: boolean;
}

/** The form values the host sent last: a field the host changes since then replaces the user's draft. */
export interface FormBase {
  readonly compare: CompareForm;
  readonly vote: VoteForm;
}

/** What the view keeps with `setState`: the last snapshot (drafts folded in) and the host's form values. */
export interface PanelSavedState {
  readonly snapshot: PanelSnapshot;
  readonly base?: FormBase;
}

const refs = (max: number) => z.array(z.string().check(z.maxLength(300))).check(z.maxLength(max));
const prompt = z.string().check(z.maxLength(MAX_PANEL_TEXT));
const formBaseSchema: z.ZodMiniType<FormBase> = z.object({
  compare: z.object({ prompt, selected: refs(MAX_COMPARE_MODELS), attachFile: z.boolean() }),
  vote: z.object({
    prompt, selected: refs(MAX_VOTE_MODELS), strategy: z.enum(VOTE_STRATEGIES), earlyExitK: z.optional(z.int().check(z.gte(2), z.lte(MAX_VOTE_MODELS))),
    cascadeThreshold: z.optional(z.number().check(z.gte(0), z.lte(1))), judgePanel: z.optional(z.boolean()),
  }),
});

/** Saved state is data from an earlier page: validated like any message before it is rendered. */
export const parseSavedState: (raw: unknown) => PanelSavedState | undefined = validator(z.object({
  snapshot: panelSnapshotSchema,
  base: z.optional(formBaseSchema),
}));

/**
 * Field by field: the host's value when it differs from what the host sent before (e.g. a prompt prefilled
 * from a new selection), otherwise the user's draft — so a snapshot never wipes half-typed text.
 */
export function mergeForm<T extends object>(draft: T, base: T | undefined, incoming: T): T {
  if (base === undefined) return incoming;
  const merged: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(incoming), ...Object.keys(draft)]) as Set<keyof T & string>) {
    merged[key] = same(incoming[key], base[key]) ? draft[key] : incoming[key];
  }
  return merged as T;
}

function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

export function compareForm(state: CompareForm): CompareForm {
  return { prompt: state.prompt, selected: state.selected, attachFile: state.attachFile };
}

export function voteForm(state: VoteForm): VoteForm {
  return {
    prompt: state.prompt, selected: state.selected, strategy: state.strategy, earlyExitK: state.earlyExitK,
    cascadeThreshold: state.cascadeThreshold, judgePanel: state.judgePanel,
  };
}
