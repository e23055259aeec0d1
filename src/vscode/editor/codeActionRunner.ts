import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RequestService } from '../../app/requestService';
import { answerText, type AnswerState } from '../../core/ask/answerState';
import type { ModelTier } from '../../core/catalog/modelInfo';
import { buildActionRequest, promptTargetFor, type ActionInput } from '../../core/editor/actionPrompts';
import { codeActionSpec } from '../../core/editor/codeActionKinds';
import { CodeExtractionError, codeOrExplanation } from '../../core/editor/codeExtraction';
import { computeReplacement } from '../../core/editor/editComputation';
import { suggestTestFileName } from '../../core/editor/testFileName';
import type { Logger } from '../../core/ports';
import type { RouteDecision } from '../../core/routing/routeDecision';
import type { RouteRequest } from '../../core/routing/taskProfile';
import type { ApplyDiffs } from './applyDiff';
import type { CodeActionArgs } from './quorumCodeActions';

/** How a code action ended (the command returns it, for tests and automation). */
export type CodeActionOutcome = 'applied' | 'rejected' | 'stale' | 'cancelled' | 'failed' | 'explained' | 'compared' | 'newDocument';

export interface CodeActionRunnerDeps {
  /** The one request path: route → admit → run → record; its decision is what "Explain Last Route" shows. */
  readonly requests: Pick<RequestService, 'ask'>;
  /** Explain: the answer view, with its route header and cost. */
  readonly explain: (prompt: string, request: RouteRequest) => Promise<unknown>;
  /** Compare fixes: the panel's Compare tab, prefilled with this prompt. */
  readonly compare: (prompt: string) => void;
  /** Apply as a diff with Accept / Discard. */
  readonly applyDiffs: ApplyDiffs;
  /** The minimum tier set for an action (`quorum.codeActions.tiers`), if any. */
  readonly tierFor?: (action: CodeActionArgs['action']) => ModelTier | undefined;
  readonly logger: Logger;
}

/** Lines of context around the selection sent with it. */
const CONTEXT_LINES = 5;

function rangeOf(args: CodeActionArgs): vscode.Range {
  return new vscode.Range(args.range.start.line, args.range.start.character, args.range.end.line, args.range.end.character);
}

/** The selection as the prompt builders want it: indentation before it included, diagnostics 1-based. */
function actionInput(document: vscode.TextDocument, range: vscode.Range, args: CodeActionArgs, instruction?: string): { input: ActionInput; linePrefix: string } {
  const linePrefix = document.lineAt(range.start.line).text.slice(0, range.start.character);
  const indentOnly = linePrefix.trim() === '';
  const before = document.getText(new vscode.Range(Math.max(0, range.start.line - CONTEXT_LINES), 0, range.start.line, 0));
  const afterEnd = Math.min(document.lineCount - 1, range.end.line + CONTEXT_LINES);
  const after = document.getText(new vscode.Range(range.end, document.lineAt(afterEnd).range.end));
  return {
    linePrefix,
    input: {
      code: (indentOnly ? linePrefix : '') + document.getText(range),
      languageId: document.languageId,
      fileName: path.basename(document.uri.path),
      surrounding: { before, after },
      diagnostics: args.diagnostics.map((d) => ({
        message: d.message, line: d.line + 1, severity: d.severity === 'info' ? 'information' : d.severity,
        ...(d.source !== undefined ? { source: d.source } : {}), ...(d.code !== undefined ? { code: d.code } : {}),
      })),
      ...(instruction !== undefined ? { instruction } : {}),
    },
  };
}

/**
 * Asks through the request path with a progress notification whose Cancel stops the request. The request is
 * routed on a generic prompt, then shaped for the model the router chose (sections, system role); its
 * fallbacks get the same. `undefined` when the request could not be made.
 */
async function askForEdit(
  action: CodeActionArgs['action'], title: string, input: ActionInput,
  routeRequest: (messages: RouteRequest['messages'], maxOutputTokens: number) => RouteRequest, deps: CodeActionRunnerDeps,
): Promise<AnswerState | undefined> {
  const generic = buildActionRequest(action, input, { provider: 'openai', systemRole: true });
  const shape = (decision: RouteDecision) => {
    const shaped = buildActionRequest(action, input, promptTargetFor(decision.chosen));
    return { messages: shaped.messages, maxOutputTokens: shaped.maxOutputTokens };
  };
  const progress = { location: vscode.ProgressLocation.Notification, title: `${title}: asking…`, cancellable: true };
  return vscode.window.withProgress(progress, async (_progress, token) => {
    const controller = new AbortController();
    const listener = token.onCancellationRequested(() => controller.abort());
    try {
      let final: AnswerState | undefined;
      const request = { prompt: title, request: routeRequest(generic.messages, generic.maxOutputTokens), shape };
      for await (const state of deps.requests.ask(request, controller.signal)) final = state;
      return final;
    } finally {
      listener.dispose();
    }
  }).then((state) => state, (error: unknown) => {
    void vscode.window.showErrorMessage(`${title}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  });
}

/**
 * Runs one Quorum code action. Nothing is applied silently: Fix, Refactor and Add documentation show the
 * document with the proposed change in a diff editor and apply it only on Accept (never saving it); an
 * answer without a code block is shown as an explanation, never applied; tests open in a new untitled
 * document; Explain answers in the answer view. Cancel works at every step (the progress notification's
 * Cancel aborts the request; Discard or closing the diff leaves the document as it was).
 * `confirm` accepts or discards the diff at once (automation and tests).
 */
export async function runCodeAction(args: CodeActionArgs & { readonly confirm?: 'apply' | 'reject' }, deps: CodeActionRunnerDeps): Promise<CodeActionOutcome> {
  const spec = codeActionSpec(args.action);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri));
  const range = rangeOf(args);
  const version = document.version;
  let instruction: string | undefined;
  if (spec.asksInstruction) {
    instruction = await vscode.window.showInputBox({ title: spec.title, prompt: 'What should the refactoring do?', placeHolder: 'e.g. extract the validation into a function', ignoreFocusOut: true });
    if (instruction === undefined || instruction.trim() === '') return 'cancelled';
  }
  const { input, linePrefix } = actionInput(document, range, args, instruction);
  const where = `${vscode.workspace.asRelativePath(document.uri)}:${range.start.line + 1}`;
  const tier = deps.tierFor?.(args.action);
  const routeRequest = (messages: RouteRequest['messages'], maxOutputTokens: number): RouteRequest => ({
    messages, feature: 'codeAction', languageId: document.languageId, contextFiles: [vscode.workspace.asRelativePath(document.uri)], maxOutputTokens,
    ...(tier !== undefined ? { minimumTier: { tier, source: `quorum.codeActions.tiers.${args.action}` } } : {}),
  });

  if (args.action === 'explain') {
    const built = buildActionRequest('explain', input, { provider: 'openai', systemRole: true });
    await deps.explain(`Explain ${where}`, routeRequest(built.messages, built.maxOutputTokens));
    return 'explained';
  }
  if (args.action === 'compareFixes') {
    // One user message carries everything: the Compare tab sends its prompt as it is to every model.
    const built = buildActionRequest('fix', input, { provider: 'compare', systemRole: false });
    deps.compare(built.messages.map((m) => (typeof m.content === 'string' ? m.content : '')).join('\n\n'));
    return 'compared';
  }

  const answer = await askForEdit(args.action, spec.title, input, routeRequest, deps);
  if (answer === undefined) return 'failed';
  if (answer.phase === 'stopped') return 'cancelled';
  if (answer.phase !== 'done') {
    void vscode.window.showErrorMessage(`${spec.title}: ${answer.error ?? 'no model answered.'}`);
    return 'failed';
  }

  let extracted;
  try {
    extracted = codeOrExplanation(answerText(answer), document.languageId);
  } catch (error) {
    if (!(error instanceof CodeExtractionError)) throw error;
    void vscode.window.showErrorMessage(`${spec.title}: the answer held no code to apply.`);
    return 'failed';
  }
  if (extracted.source === 'explanation') return showExplanation(spec.title, extracted.explanation);
  if (spec.resultTarget === 'newDocument') {
    const tests = await vscode.workspace.openTextDocument({ language: document.languageId, content: extracted.code });
    await vscode.window.showTextDocument(tests, { preview: false });
    const name = suggestTestFileName(path.basename(document.uri.path), document.languageId);
    if (name !== undefined) vscode.window.setStatusBarMessage(`Quorum: tests ready — save them as ${name}.`, 8000);
    return 'newDocument';
  }

  return proposeEdit({ document, range, version, linePrefix, code: extracted.code, note: [extracted.note, extracted.commentary], answer, title: spec.title, confirm: args.confirm }, deps);
}

/**
 * An answer without a code block is an explanation, never code: it opens beside the editor as markdown and
 * the document is not touched.
 */
async function showExplanation(title: string, explanation: string): Promise<CodeActionOutcome> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: `# ${title}: no code in the answer\n\n${explanation}\n` });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
  void vscode.window.showInformationMessage(`${title}: the model answered without a code block, so nothing was changed. Its answer is shown beside the editor.`);
  return 'explained';
}

interface Proposal {
  readonly document: vscode.TextDocument;
  readonly range: vscode.Range;
  /** The document's version when the action started: an edit made since then cancels the apply. */
  readonly version: number;
  readonly linePrefix: string;
  readonly code: string;
  readonly note: readonly (string | undefined)[];
  readonly answer: AnswerState;
  readonly title: string;
  readonly confirm: 'apply' | 'reject' | undefined;
}

const OUTCOMES = { applied: 'applied', failed: 'failed', stale: 'stale', discarded: 'rejected', closed: 'rejected' } as const;

/**
 * Shows the document with the proposed change in a diff editor with Accept / Discard (no modal) and resolves
 * when the user chooses; `confirm` chooses at once (automation and tests), through the same Accept / Discard.
 */
async function proposeEdit(p: Proposal, deps: CodeActionRunnerDeps): Promise<CodeActionOutcome> {
  const { document, range, version, linePrefix } = p;
  const name = path.basename(document.uri.path) || 'untitled';
  if (document.version !== version) {
    void vscode.window.showWarningMessage(`${name} changed while Quorum was answering; nothing was proposed. Run the action again.`);
    return 'stale';
  }
  const editorOptions = vscode.window.visibleTextEditors.find((e) => e.document === document)?.options;
  const replacement = computeReplacement(document.getText(range), p.code, {
    eol: document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n',
    linePrefix,
    ...(typeof editorOptions?.tabSize === 'number' ? { tabSize: editorOptions.tabSize } : {}),
    ...(editorOptions?.insertSpaces === false ? { indentUnit: '\t' } : typeof editorOptions?.tabSize === 'number' ? { indentUnit: ' '.repeat(editorOptions.tabSize) } : {}),
  });
  const model = p.answer.answeredBy === undefined ? 'Quorum' : `${p.answer.answeredBy.provider}/${p.answer.answeredBy.model}`;
  const handle = await deps.applyDiffs.propose({ document, range, replacement, title: `${p.title} by ${model}` });
  const detail = p.note.filter((x) => x !== undefined && x !== '').join(' ');
  if (detail !== '' && p.confirm === undefined) vscode.window.setStatusBarMessage(`Quorum: ${detail}`, 15_000);
  if (p.confirm === 'apply') await deps.applyDiffs.accept(handle.uri);
  else if (p.confirm === 'reject') await deps.applyDiffs.discard(handle.uri);
  return OUTCOMES[await handle.done];
}
