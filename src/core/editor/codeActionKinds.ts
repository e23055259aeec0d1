/**
 * The editor code actions Quorum offers, as data: titles, what each produces and where its result goes.
 * Kept apart from the VS Code provider so the list is computed instantly, without a network call, and is
 * unit-testable on plain Node.
 */

/** One Quorum code action. `compareFixes` runs the fix prompt across models in the panel's Compare view. */
export type CodeActionId = 'explain' | 'fix' | 'refactor' | 'tests' | 'docs' | 'compareFixes';

/** Every action, in the order the lightbulb menu lists them. */
export const CODE_ACTION_IDS = [
  'fix', 'explain', 'refactor', 'tests', 'docs', 'compareFixes',
] as const satisfies readonly CodeActionId[];

/** The prompt templates; `compareFixes` has none of its own (it reuses `fix`). */
export type PromptActionId = Exclude<CodeActionId, 'compareFixes'>;

/**
 * Where an action's result goes:
 * - `replaceSelection`: a diff preview of the selection replaced by the extracted code (fix, refactor, docs);
 * - `newDocument`: an untitled document in the same language (tests belong in a test file, not in place);
 * - `responseView`: prose shown in the response view with the route header and cost (explain);
 * - `comparePanel`: the panel's Compare view, fed the fix prompt (compareFixes).
 */
export type ActionResultTarget = 'replaceSelection' | 'newDocument' | 'responseView' | 'comparePanel';

/**
 * Base VS Code code action kind; the adapter appends `.quorum.<id>` so users can bind or filter them
 * (`editor.codeActionsOnSave` never runs them: they need a model call and a review).
 */
export type ActionKindBase = 'quickfix' | 'refactor.rewrite' | 'refactor';

/** Everything static about one action. */
export interface CodeActionSpec {
  readonly id: CodeActionId;
  /** Menu title, e.g. "Quorum: Fix". */
  readonly title: string;
  /** The prompt template this action sends. */
  readonly prompt: PromptActionId;
  /** True when the answer is code that ends up in an editor (so it goes through code extraction). */
  readonly producesEdit: boolean;
  readonly resultTarget: ActionResultTarget;
  readonly kindBase: ActionKindBase;
  /** True when the user must say what they want before the request (refactor: "what to change?"). */
  readonly asksInstruction: boolean;
  /** True when the action is offered for diagnostics even without a selection (the diagnostic's lines). */
  readonly offeredOnDiagnostics: boolean;
}

const SPECS: Readonly<Record<CodeActionId, CodeActionSpec>> = {
  explain: {
    id: 'explain', title: 'Quorum: Explain', prompt: 'explain', producesEdit: false, resultTarget: 'responseView',
    kindBase: 'refactor', asksInstruction: false, offeredOnDiagnostics: true,
  },
  fix: {
    id: 'fix', title: 'Quorum: Fix', prompt: 'fix', producesEdit: true, resultTarget: 'replaceSelection',
    kindBase: 'quickfix', asksInstruction: false, offeredOnDiagnostics: true,
  },
  refactor: {
    id: 'refactor', title: 'Quorum: Refactor…', prompt: 'refactor', producesEdit: true, resultTarget: 'replaceSelection',
    kindBase: 'refactor.rewrite', asksInstruction: true, offeredOnDiagnostics: false,
  },
  tests: {
    id: 'tests', title: 'Quorum: Generate Tests', prompt: 'tests', producesEdit: true, resultTarget: 'newDocument',
    kindBase: 'refactor', asksInstruction: false, offeredOnDiagnostics: false,
  },
  docs: {
    id: 'docs', title: 'Quorum: Add Documentation', prompt: 'docs', producesEdit: true, resultTarget: 'replaceSelection',
    kindBase: 'refactor.rewrite', asksInstruction: false, offeredOnDiagnostics: false,
  },
  compareFixes: {
    // Opens the panel rather than editing: the user picks among the models' fixes there.
    id: 'compareFixes', title: 'Quorum: Compare Fixes Across Models', prompt: 'fix', producesEdit: false,
    resultTarget: 'comparePanel', kindBase: 'quickfix', asksInstruction: false, offeredOnDiagnostics: true,
  },
};

/** The static description of `id`. */
export function codeActionSpec(id: CodeActionId): CodeActionSpec {
  return SPECS[id];
}

/** True for a known action id (for ids arriving as command arguments). */
export function isCodeActionId(value: unknown): value is CodeActionId {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(SPECS, value);
}

/** What the editor knows when the lightbulb asks for actions. */
export interface ActionContext {
  /** The selection contains non-whitespace text. */
  readonly hasSelection: boolean;
  /** Diagnostics intersect the selection (or the cursor's line when nothing is selected). */
  readonly hasDiagnostics: boolean;
}

/**
 * The actions to offer, in menu order; pure and instant. A selection gets every action; a bare cursor on
 * a diagnostic gets the ones that make sense for the diagnostic's lines (fix, compare fixes, explain);
 * nothing otherwise, so Quorum does not clutter every lightbulb.
 */
export function actionsFor(context: ActionContext): CodeActionId[] {
  if (context.hasSelection) return [...CODE_ACTION_IDS];
  if (context.hasDiagnostics) return CODE_ACTION_IDS.filter((id) => SPECS[id].offeredOnDiagnostics);
  return [];
}
