import * as vscode from 'vscode';
import type { ConversationSeed } from '../../app/conversation/conversationSession';
import type { Complexity, TaskType } from '../../core/routing/taskProfile';
import { buildAskRequest } from '../../core/ask/askContext';
import { insertableText } from '../../core/ask/insertableText';
import { parseModelRefText } from '../../core/ask/modelRefText';
import type { Eligibility } from '../../app/eligibility';
import type { RequestService } from '../../app/requestService';
import type { ColumnEvent, FanOutRun } from '../../core/ensemble/compare/fanOut';
import { columnInfo, type LabelOf } from '../../app/views/panelState';
import { classify } from '../../core/routing/classify';
import type { Logger } from '../../core/ports';
import type { ModelRef } from '../../core/types';
import { MAX_COMPARE_MODELS, MIN_COMPARE_MODELS, type CompareColumn, type CompareColumnInfo, type CompareState, type PanelHostMessage } from '../../shared/panelProtocol';
import { editorSnapshot, type LastEditorTracker } from '../ask/editorContext';
import type { PreviewDocuments } from './previewDocuments';
import type { ApplyOutcome } from '../../core/editor/applyProposal';
import type { CodeBlockActions } from '../editor/codeBlockActions';

const SELECTED_KEY = 'quorum.compare.models';

export interface CompareSessionDeps {
  /** The one request path: admits the whole comparison (budget), runs and records every column. */
  readonly requests: Pick<RequestService, 'compare'>;
  /** Why some picked model may not take the request (privacy, allowed providers, keys, capabilities). */
  readonly eligibility: Pick<Eligibility, 'problem'>;
  readonly label: LabelOf;
  readonly workspaceState: vscode.Memento;
  readonly editors: LastEditorTracker;
  readonly previews: PreviewDocuments;
  /** Apply as a diff with Accept / Discard. */
  readonly codeBlocks: Pick<CodeBlockActions, 'apply'>;
  readonly contextTokenBudget: () => number;
  readonly estimateTokens: (text: string) => number;
  /** "Pick winner": the routing feedback learns which tier was good enough for this kind of prompt. */
  readonly recordPick: (pick: { readonly winner: string; readonly others: readonly string[]; readonly task: TaskType; readonly complexity: Complexity }) => void;
  readonly post: (message: PanelHostMessage) => void;
  readonly logger: Logger;
}

/** Where "Apply…" puts an answer: the selection (or cursor) of the editor the run started from. */
interface ApplyTarget {
  readonly uri: vscode.Uri;
  readonly range: vscode.Range;
}

/**
 * Compare: one prompt, 2–6 models streaming side by side (core/ensemble fanOut). Holds the view's state,
 * streams deltas and column updates to the panel, records every settled column in the ledger, and
 * carries out the column actions: copy, insert, apply through a diff preview, diff two columns, winner.
 */
export class CompareSession {
  private columns: CompareColumnInfo[] = [];
  private texts = new Map<string, string>();
  private run: FanOutRun | undefined;
  private prompt = '';
  private attachFile = false;
  private winner: string | undefined;
  private target: ApplyTarget | undefined;

  constructor(private readonly deps: CompareSessionDeps) {}

  state(): CompareState {
    const editor = this.deps.editors.editor();
    return {
      selected: this.deps.workspaceState.get<string[]>(SELECTED_KEY, []).slice(0, MAX_COMPARE_MODELS),
      prompt: this.prompt,
      attachFile: this.attachFile,
      ...(editor !== undefined ? { activeFile: vscode.workspace.asRelativePath(editor.document.uri) } : {}),
      running: this.columns.some((c) => c.status === 'waiting' || c.status === 'streaming'),
      columns: this.columns.map((c): CompareColumn => ({ ...c, text: this.texts.get(c.id) ?? '' })),
      ...(this.winner !== undefined ? { winner: this.winner } : {}),
    };
  }

  /** Prefills the prompt (Compare Models Side by Side on a selection). */
  setPrompt(prompt: string): void {
    this.prompt = prompt;
  }

  /**
   * Starts a run through the request path: the models must be eligible (privacy, keys, capabilities) and the
   * budget must admit the whole comparison — it may ask first. Returns a problem to show instead, if any.
   */
  async start(prompt: string, models: readonly string[], attachFile: boolean): Promise<string | undefined> {
    const refs = models.map(parseModelRefText).filter((r): r is ModelRef => r !== undefined);
    if (refs.length < MIN_COMPARE_MODELS || refs.length > MAX_COMPARE_MODELS || refs.length !== models.length) {
      return `Pick ${MIN_COMPARE_MODELS} to ${MAX_COMPARE_MODELS} models to compare.`;
    }
    if (prompt.trim() === '') return 'Write a prompt first.';
    const editor = this.deps.editors.editor();
    const request = attachFile && editor !== undefined
      ? buildAskRequest(prompt, editorSnapshot(editor), this.deps.contextTokenBudget(), this.deps.estimateTokens).request
      : { messages: [{ role: 'user' as const, content: prompt }], feature: 'compare' as const };
    const problem = await this.deps.eligibility.problem(refs, { ...request, feature: 'compare' });
    if (problem !== undefined) return attachFile ? `${problem} Untick "attach file" or pick other models.` : problem;
    this.run?.stop();
    await this.deps.workspaceState.update(SELECTED_KEY, [...models]);
    this.prompt = prompt;
    this.attachFile = attachFile;
    this.winner = undefined;
    this.target = editor === undefined ? undefined : { uri: editor.document.uri, range: editor.selection };
    const columns = refs.map((ref, i) => ({ id: `col-${Date.now().toString(36)}-${i}`, ref }));
    const started = await this.deps.requests.compare({
      columns, request: { messages: request.messages }, feature: 'compare', routeReason: `compare: ${models.length} models side by side`,
      onEvent: (event) => this.onEvent(event),
    });
    if ('refused' in started) return started.reason ?? 'Not sent.';
    this.run = started.run;
    this.texts = new Map(columns.map((c) => [c.id, '']));
    this.columns = started.run.summaries().map((summary) => columnInfo(summary, this.deps.label));
    this.deps.post({ type: 'compare/state', compare: this.state() });
    return undefined;
  }

  stop(columnId?: string): void {
    this.run?.stop(columnId);
  }

  retry(columnId: string): void {
    if (this.run?.retry(columnId) === true) this.deps.post({ type: 'compare/state', compare: this.state() });
  }

  async copy(columnId: string): Promise<void> {
    await vscode.env.clipboard.writeText(this.texts.get(columnId) ?? '');
    vscode.window.setStatusBarMessage('Quorum: answer copied.', 3000);
  }

  async insert(columnId: string): Promise<void> {
    const editor = this.deps.editors.editor();
    if (editor === undefined) {
      void vscode.window.showInformationMessage('Open a file and place the cursor where the answer should go, then choose Insert again.');
      return;
    }
    const shown = await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, selection: editor.selection });
    await shown.edit((edit) => edit.replace(shown.selection, insertableText(this.texts.get(columnId) ?? '')));
  }

  /** Apply the column's answer (its one code block, else all of it) through a diff with Accept / Discard. */
  async apply(columnId: string): Promise<boolean> {
    const label = this.columns.find((c) => c.id === columnId)?.label ?? 'answer';
    return (await this.applyCode(insertableText(this.texts.get(columnId) ?? ''), label)) === 'applied';
  }

  /**
   * Apply `code` to what the comparison was about (the selection, or the cursor, of the editor it started
   * from) as a diff with Accept / Discard; resolves when the user has chosen. Without such an editor, says what to do.
   */
  async applyCode(code: string, label: string | undefined): Promise<ApplyOutcome | undefined> {
    const target = this.target;
    if (target === undefined) {
      void vscode.window.showInformationMessage('Select the code to replace in an editor, run the comparison again, then choose Apply.');
      return undefined;
    }
    const document = await vscode.workspace.openTextDocument(target.uri);
    return this.deps.codeBlocks.apply(code, { document, range: target.range }, label);
  }

  /** True when a comparison was started from an editor (its Apply targets that editor's selection). */
  get hasTarget(): boolean {
    return this.target !== undefined;
  }

  /** The prompt and a finished column's answer, for "Continue in conversation"; `undefined` while it runs or without text. */
  continueSeed(columnId: string): ConversationSeed | undefined {
    const column = this.columns.find((c) => c.id === columnId);
    const ref = column === undefined ? undefined : parseModelRefText(column.ref);
    const text = this.texts.get(columnId) ?? '';
    if (column === undefined || ref === undefined || text === '' || column.status === 'waiting' || column.status === 'streaming') return undefined;
    return { prompt: this.prompt, answer: text, model: ref, source: 'Compare', ...(column.costUsd !== undefined ? { costUsd: column.costUsd } : {}) };
  }

  async diff(left: string, right: string): Promise<void> {
    const name = (id: string) => this.columns.find((c) => c.id === id)?.label ?? id;
    const uri = (id: string) => this.deps.previews.create(`${name(id).replace(/[^\w.-]+/g, '-')}.md`, this.texts.get(id) ?? '');
    await vscode.commands.executeCommand('vscode.diff', uri(left), uri(right), `${name(left)} ↔ ${name(right)}`);
  }

  pickWinner(columnId: string): void {
    const column = this.columns.find((c) => c.id === columnId);
    if (column === undefined) return;
    this.winner = columnId;
    const profile = classify({ messages: [{ role: 'user', content: this.prompt }], feature: 'compare' });
    this.deps.recordPick({ winner: column.ref, others: this.columns.filter((c) => c.id !== columnId).map((c) => c.ref), task: profile.type, complexity: profile.complexity });
    this.deps.post({ type: 'compare/state', compare: this.state() });
  }

  dispose(): void {
    this.run?.stop();
  }

  private onEvent(event: ColumnEvent): void {
    switch (event.type) {
      case 'delta':
        this.texts.set(event.columnId, (this.texts.get(event.columnId) ?? '') + event.text);
        this.deps.post({ type: 'compare/delta', columnId: event.columnId, text: event.text });
        if (this.columns.find((c) => c.id === event.columnId)?.status === 'waiting') this.update(event.columnId);
        return;
      case 'start':
        this.texts.set(event.columnId, '');
        this.update(event.columnId);
        return;
      default:
        this.update(event.columnId);
    }
  }

  private update(columnId: string): void {
    const summary = this.run?.summary(columnId);
    if (summary === undefined) return;
    const info = columnInfo(summary, this.deps.label);
    this.columns = this.columns.map((c) => (c.id === columnId ? info : c));
    this.deps.post({ type: 'compare/column', column: info });
  }
}
