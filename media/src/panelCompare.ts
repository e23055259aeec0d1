import { isActive, selectionProblem } from '../../src/shared/panelFormat';
import { MAX_COMPARE_MODELS, type CompareColumnInfo, type CompareState, type PanelModel, type PanelViewMessage } from '../../src/shared/panelProtocol';
import { MAX_PANEL_TEXT } from '../../src/shared/panelFields';
import { button, el } from './dom';
import { ColumnView, type ColumnHost } from './panelColumn';
import type { CompareForm } from './panelDraft';
import { ModelChooser } from './panelModels';

/**
 * The Compare tab: the form (models, prompt, attach-active-file, Run / Stop all) and the columns side by
 * side. Deltas only append to their column and mark it dirty; one animation frame then repaints the dirty
 * columns — never all of them, and never more than once per frame however many deltas came in.
 */
export class CompareTab implements ColumnHost {
  readonly element: HTMLElement;
  private readonly chooser: ModelChooser;
  private readonly prompt: HTMLTextAreaElement;
  private readonly attach: HTMLInputElement;
  private readonly attachName: HTMLElement;
  private readonly problem: HTMLElement;
  private readonly run: HTMLButtonElement;
  private readonly stopAll: HTMLButtonElement;
  private readonly grid: HTMLElement;
  private readonly empty: HTMLElement;
  private views: ColumnView[] = [];
  private readonly dirty = new Set<ColumnView>();
  private frame: number | undefined;
  private running = false;
  private activeFile: string | undefined;
  private winnerId: string | undefined;

  /** `onChange(persistNow)`: the state changed; save it (at once for form edits and whole states, throttled for deltas). */
  constructor(readonly post: (message: PanelViewMessage) => void, private readonly onChange: (urgent: boolean) => void) {
    this.chooser = new ModelChooser('compare', `Models to compare (2–${MAX_COMPARE_MODELS})`, MAX_COMPARE_MODELS, () => this.formChanged());
    this.prompt = el('textarea', { attrs: { id: 'compare-prompt', rows: '5', maxlength: String(MAX_PANEL_TEXT), placeholder: 'Ask every chosen model the same thing… (Ctrl+Enter runs)' } });
    this.attach = el('input', { attrs: { type: 'checkbox', id: 'compare-attach' } });
    this.attachName = el('span', { className: 'muted', attrs: { id: 'compare-attach-file' } });
    this.problem = el('p', { className: 'form-message', attrs: { id: 'compare-problem', role: 'status' } });
    this.run = button('Run', () => this.start(), { id: 'compare-run', title: 'Run every chosen model on the prompt (Ctrl+Enter)' });
    this.stopAll = button('Stop all', () => this.post({ type: 'compare/stop' }), { id: 'compare-stop-all', class: 'secondary' });
    // Focusable, so the arrow keys scroll the columns sideways when they do not fit.
    this.grid = el('div', { className: 'compare-columns', attrs: { id: 'compare-columns', tabindex: '0', role: 'region', 'aria-label': 'Answers side by side' } });
    this.empty = el('p', { className: 'muted compare-empty', attrs: { id: 'compare-empty' }, text: 'Choose 2–6 models, write a prompt and press Run: the answers stream here side by side.' });

    this.prompt.addEventListener('input', () => this.formChanged());
    this.prompt.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.start();
      }
    });
    this.attach.addEventListener('change', () => this.formChanged());

    const form = el('div', { className: 'panel-form', attrs: { role: 'group', 'aria-label': 'Compare models' } }, [
      this.chooser.element,
      el('div', { className: 'prompt-field' }, [el('label', { attrs: { for: 'compare-prompt' }, text: 'Prompt' }), this.prompt]),
      el('div', { className: 'form-row' }, [
        el('span', { className: 'checkbox-field' }, [this.attach, el('label', { attrs: { for: 'compare-attach' } }, [document.createTextNode('Attach active file '), this.attachName])]),
      ]),
      el('div', { className: 'form-row form-actions' }, [this.run, this.stopAll, this.problem]),
    ]);
    this.element = el('div', { className: 'compare-tab' }, [el('h2', { className: 'visually-hidden', text: 'Compare models side by side' }), form, this.empty, this.grid]);
    this.updateControls();
  }

  setModels(models: readonly PanelModel[], selected: readonly string[]): void {
    this.chooser.set(models, selected);
    this.updateControls();
  }

  /** The form as the user has it now. */
  form(): CompareForm {
    return { prompt: this.prompt.value, selected: [...this.chooser.value()], attachFile: this.attach.checked };
  }

  /** Shows a whole Compare state (`panel/snapshot`, `compare/state`), with `form` as merged with the user's draft. */
  apply(state: CompareState, form: CompareForm, models: readonly PanelModel[]): void {
    this.chooser.set(models, form.selected);
    if (this.prompt.value !== form.prompt) this.prompt.value = form.prompt;
    this.attach.checked = form.attachFile;
    this.activeFile = state.activeFile;
    this.running = state.running;
    this.winnerId = state.winner;

    const previous = new Map(this.views.map((view) => [view.id, view]));
    const next = state.columns.map((column) => {
      const view = previous.get(column.id);
      if (view === undefined) {
        const created = new ColumnView(column, this);
        this.dirty.add(created);
        return created;
      }
      const { text, ...info } = column;
      const settled = view.update(info);
      if (view.setText(text) || settled) this.dirty.add(view);
      return view;
    });
    const changed = next.length !== this.views.length || next.some((view, i) => view !== this.views[i]);
    this.views = next;
    if (changed) this.grid.replaceChildren(...next.map((view) => view.element));
    // Peers ("Diff with…") and the winner may have changed for every column.
    for (const view of next) view.refresh();
    this.grid.dataset.columns = String(next.length);
    this.empty.hidden = next.length > 0;
    this.schedule();
    this.updateControls();
  }

  /** Appends text to one column (`compare/delta`); its repaint waits for the next frame. */
  delta(columnId: string, text: string): void {
    const view = this.views.find((v) => v.id === columnId);
    if (view === undefined || !view.append(text)) return;
    this.dirty.add(view);
    this.schedule();
    this.onChange(false);
  }

  /** New info for one column (`compare/column`); unknown ids are ignored (a run starts with `compare/state`). */
  column(info: CompareColumnInfo): void {
    const view = this.views.find((v) => v.id === info.id);
    if (view === undefined) return;
    const settled = view.update(info);
    if (settled) this.dirty.add(view);
    this.schedule();
    this.updateControls();
    // Saved at once when the column settles; mid-stream updates ride with the throttled save of its text.
    this.onChange(settled);
  }

  state(): CompareState {
    const form = this.form();
    return {
      ...form,
      ...(this.activeFile === undefined ? {} : { activeFile: this.activeFile }),
      running: this.running,
      columns: this.views.map((view) => view.state()),
      ...(this.winnerId === undefined ? {} : { winner: this.winnerId }),
    };
  }

  // ColumnHost
  peers(): readonly { id: string; label: string }[] {
    return this.views.map((view) => ({ id: view.id, label: view.label }));
  }

  winner(): string | undefined {
    return this.winnerId;
  }

  pickWinner(columnId: string): void {
    // Marked at once; the host records it and its next state confirms it.
    this.winnerId = columnId;
    for (const view of this.views) view.refresh();
    this.post({ type: 'compare/pickWinner', columnId });
    this.onChange(true);
  }

  private schedule(): void {
    if (this.frame !== undefined || this.dirty.size === 0) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined;
      const views = [...this.dirty];
      this.dirty.clear();
      for (const view of views) view.paint();
    });
  }

  private busy(): boolean {
    return this.views.some((view) => isActive(view.state().status)) || (this.running && this.views.length === 0);
  }

  private start(): void {
    const form = this.form();
    const problem = this.runProblem(form);
    if (problem !== undefined) {
      this.problem.textContent = problem;
      return;
    }
    this.post({ type: 'compare/run', prompt: form.prompt, models: [...form.selected], attachFile: form.attachFile });
  }

  private runProblem(form: CompareForm): string | undefined {
    if (this.busy()) return 'A run is in progress: stop it first.';
    return selectionProblem(form.selected.length, 'compare') ?? (form.prompt.trim() === '' ? 'Write a prompt first.' : undefined);
  }

  private formChanged(): void {
    this.updateControls();
    this.onChange(true);
  }

  private updateControls(): void {
    const busy = this.busy();
    const problem = this.runProblem(this.form());
    this.run.disabled = problem !== undefined;
    this.run.title = problem ?? 'Run every chosen model on the prompt (Ctrl+Enter)';
    this.stopAll.disabled = !busy;
    // "A run is in progress" needs no words: Stop all says it.
    this.problem.textContent = busy ? '' : problem ?? '';
    this.attach.disabled = this.activeFile === undefined;
    this.attachName.textContent = this.activeFile === undefined ? '(no file open)' : `(${this.activeFile})`;
  }
}
