import type { EvalsState, EvalsSuiteResult, EvalsViewMessage } from '../../src/shared/evalsProtocol';
import { MAX_EVAL_MODELS } from '../../src/shared/evalsProtocol';
import type { PanelModel } from '../../src/shared/panelProtocol';
import { button, el } from './dom';
import { ModelChooser } from './panelModels';

/**
 * The Evals tab: pick suites and models, estimate, run (progress, cancel), then the matrix of the latest run —
 * pass rate, cost per case, p50/p95 per model with the change against the run before — each case's answers
 * side by side with the failing check explained, the one-click route, and the routing changes with Undo.
 * Everything shown is text from the host (textContent only); model answers are never parsed as HTML.
 */
export class EvalsTab {
  readonly element: HTMLElement;
  private readonly suiteList: HTMLElement;
  private readonly models: ModelChooser;
  private readonly actions: HTMLElement;
  private readonly status: HTMLElement;
  private readonly body: HTMLElement;
  private state: EvalsState | undefined;
  private suitesShown = '';

  constructor(private readonly post: (message: EvalsViewMessage) => void) {
    this.suiteList = el('fieldset', { className: 'evals-suites', attrs: { id: 'evals-suites' } });
    this.models = new ModelChooser('evals', `Models (1–${MAX_EVAL_MODELS})`, MAX_EVAL_MODELS, () => undefined);
    this.actions = el('div', { className: 'evals-actions' });
    this.status = el('p', { className: 'evals-status', attrs: { id: 'evals-status', role: 'status' } });
    this.body = el('div', { className: 'evals-body' });
    this.element = el('div', { className: 'evals-tab' }, [
      el('div', { className: 'evals-form' }, [this.suiteList, this.models.element]), this.actions, this.status, this.body,
    ]);
  }

  /** Paints `state`; the user's ticks survive while the suite list is the same. */
  apply(state: EvalsState | undefined, models: readonly PanelModel[]): void {
    this.state = state;
    const active = document.activeElement;
    const focused = active instanceof HTMLElement && this.element.contains(active) ? active.id : '';
    this.paintSuites(state);
    this.models.set(models, state?.selectedModels ?? []);
    this.paintActions(state);
    this.status.textContent = state?.progress ?? state?.error ?? (state?.estimate !== undefined ? `Estimate: ${state.estimate.text}. ${state.estimate.budget}` : '');
    this.status.className = `evals-status${state?.error !== undefined && state.progress === undefined ? ' evals-error' : ''}`;
    this.body.replaceChildren(...(state === undefined ? [el('p', { className: 'muted', text: 'Loading suites…' })] : this.bodyParts(state)));
    if (focused !== '') document.getElementById(focused)?.focus();
  }

  private selectedSuites(): string[] {
    return [...this.suiteList.querySelectorAll<HTMLInputElement>('input[type=checkbox]')].filter((b) => b.checked).map((b) => b.value);
  }

  private paintSuites(state: EvalsState | undefined): void {
    const key = JSON.stringify(state?.suites.map((s) => s.id) ?? []);
    if (key === this.suitesShown) return;
    this.suitesShown = key;
    const selected = new Set(state?.selectedSuites ?? []);
    const options = (state?.suites ?? []).map((suite) => el('label', { className: 'evals-suite' }, [
      el('input', { attrs: { type: 'checkbox', value: suite.id, id: `evals-suite-${suite.id}`, ...(selected.has(suite.id) ? { checked: '' } : {}) } }),
      el('span', { text: ` ${suite.id} ` }),
      el('span', { className: 'muted', text: `${suite.feature} · ${suite.cases} cases · ${suite.threshold} · ${suite.file}` }),
    ]));
    this.suiteList.replaceChildren(el('legend', { text: 'Suites (.quorum/evals)' }), ...(options.length > 0 ? options
      : [el('p', { className: 'muted', text: 'No valid suites yet: add .quorum/evals/<name>.yaml (see docs/evals.md).' })]));
  }

  private paintActions(state: EvalsState | undefined): void {
    const running = state?.running === true;
    const selection = () => ({ suites: this.selectedSuites(), models: [...this.models.value()] });
    const estimate = button('Estimate', () => this.post({ type: 'evals/estimate', ...selection() }), { id: 'evals-estimate' });
    const run = button('Run', () => this.post({ type: 'evals/run', ...selection() }), { id: 'evals-run', class: 'primary' });
    const cancel = button('Cancel', () => this.post({ type: 'evals/cancel' }), { id: 'evals-cancel' });
    const refresh = button('Reload Suites', () => this.post({ type: 'evals/refresh' }), { id: 'evals-refresh' });
    estimate.disabled = running;
    run.disabled = running || state?.estimate?.blocked === true;
    cancel.disabled = !running;
    this.actions.replaceChildren(estimate, run, cancel, refresh);
  }

  private bodyParts(state: EvalsState): HTMLElement[] {
    const parts: HTMLElement[] = [];
    if (state.invalid.length > 0) {
      parts.push(el('section', { className: 'evals-invalid' }, [
        el('h3', { text: 'Suites with problems (not runnable)' }),
        el('ul', {}, state.invalid.flatMap((i) => i.problems.map((p) => el('li', { className: 'evals-problem', text: p })))),
      ]));
    }
    if (state.resultProblems.length > 0) {
      parts.push(el('section', { className: 'evals-invalid' }, [el('h3', { text: 'Kept results skipped' }), el('ul', {}, state.resultProblems.map((p) => el('li', { text: p })))]));
    }
    if (state.batchJobs.length > 0) parts.push(this.batchJobs(state));
    if (state.notice !== undefined) parts.push(el('p', { className: 'evals-notice', text: state.notice, attrs: { role: 'status' } }));
    if (state.run !== undefined) {
      parts.push(el('h2', { className: 'evals-run-title', text: state.run.title }));
      parts.push(...state.run.results.map((r) => this.suiteResult(r)));
    } else {
      parts.push(el('p', { className: 'muted', text: 'No run yet: pick suites and models, Estimate, then Run.' }));
    }
    if (state.changes.length > 0) parts.push(this.changes(state));
    return parts;
  }

  private suiteResult(result: EvalsSuiteResult): HTMLElement {
    const head = el('div', { className: 'evals-verdict' }, [el('p', { text: result.verdict })]);
    if (result.route !== undefined) {
      const route = result.route;
      const b = button(route.routed ? `Routed: ${route.model}` : route.label, () => this.post({ type: 'evals/route', suite: result.suite, model: route.model }), { id: `evals-route-${result.suite}` });
      b.disabled = route.routed;
      head.append(b);
    }
    if (result.routeProblem !== undefined) head.append(el('p', { className: 'muted', text: result.routeProblem }));
    const rows = result.rows.map((row) => el('tr', { className: row.passes ? 'evals-pass' : 'evals-fail' }, [
      el('th', { attrs: { scope: 'row' } }, [el('span', { className: 'evals-mark', text: row.passes ? '✓ ' : '✗ ', attrs: { 'aria-label': row.passes ? 'passes' : 'fails' } }), el('span', { text: row.label })]),
      el('td', { text: row.passRate }), el('td', { text: row.costPerCase }), el('td', { text: row.p50 }), el('td', { text: row.p95 }),
      el('td', { className: `evals-trend-${row.trend ?? 'none'}`, text: row.delta ?? '—' }),
    ]));
    const table = el('table', { className: 'evals-matrix' }, [
      el('caption', { text: `${result.suite} · ${result.feature} · threshold ${result.threshold}` }),
      el('thead', {}, [el('tr', {}, ['Model', 'Pass rate', 'Cost/case', 'p50', 'p95', 'Change'].map((h) => el('th', { text: h, attrs: { scope: 'col' } })))]),
      el('tbody', {}, rows),
    ]);
    return el('section', { className: 'evals-suite-result', attrs: { 'data-suite': result.suite } }, [
      head, ...(result.stopped !== undefined ? [el('p', { className: 'evals-error', text: result.stopped })] : []),
      el('div', { className: 'evals-table-wrap' }, [table]),
      ...(result.comparedWith !== undefined ? [el('p', { className: 'muted', text: result.comparedWith })] : []),
      el('details', { className: 'evals-cases' }, [el('summary', { text: `Answers, case by case (${result.cases.length})` }), ...result.cases.map((c) => el('div', { className: 'evals-case' }, [
        el('h4', { text: c.caseId }),
        el('div', { className: 'evals-answers' }, c.answers.map((a) => el('div', { className: `evals-answer ${a.pass ? 'evals-pass' : 'evals-fail'}` }, [
          el('p', { className: 'evals-answer-model', text: `${a.pass ? '✓' : '✗'} ${a.model}` }),
          el('pre', { className: 'evals-answer-text', text: a.answer }),
          ...(a.failure !== undefined ? [el('p', { className: 'evals-failure', text: a.failure })] : []),
        ]))),
      ]))]),
    ]);
  }

  /** The batch queue: Cancel on a running job, Remove on a finished one; the host re-sends the state as it moves. */
  private batchJobs(state: EvalsState): HTMLElement {
    const rows = state.batchJobs.map((job) => {
      const action = job.active
        ? button('Cancel', () => this.post({ type: 'evals/cancelJob', job: job.id }), { id: `evals-job-cancel-${job.id}`, 'aria-label': `Cancel batch job ${job.title}` })
        : button('Remove', () => this.post({ type: 'evals/removeJob', job: job.id }), { id: `evals-job-remove-${job.id}`, 'aria-label': `Remove batch job ${job.title} from the list` });
      return el('tr', { attrs: { 'data-job': job.id } }, [
        el('th', { attrs: { scope: 'row' } }, [el('span', { text: job.title }), ...(job.problem !== undefined ? [el('span', { className: 'evals-job-problem', text: job.problem })] : [])]),
        el('td', { className: `evals-job-state${job.active ? ' evals-job-active' : ''}`, text: job.state }),
        el('td', { text: job.progress }), el('td', { text: job.submitted }), el('td', {}, [action]),
      ]);
    });
    return el('section', { className: 'evals-batch', attrs: { 'aria-label': 'Batch jobs' } }, [
      el('h3', { text: 'Batch jobs' }),
      el('div', { className: 'evals-table-wrap' }, [el('table', { className: 'evals-matrix evals-jobs' }, [
        el('thead', {}, [el('tr', {}, ['Job', 'State', 'Progress', 'Submitted', ''].map((h) => el('th', { text: h, attrs: { scope: 'col' } })))]),
        el('tbody', {}, rows),
      ])]),
    ]);
  }

  private changes(state: EvalsState): HTMLElement {
    return el('section', { className: 'evals-changes' }, [
      el('h3', { text: 'Routing changes by evals' }),
      el('ul', {}, state.changes.map((c) => el('li', {}, [
        el('span', { text: c.text }),
        ...(c.undoable ? [button('Undo', () => this.post({ type: 'evals/undo', change: c.id }), { id: `evals-undo-${c.id}` })] : []),
      ]))),
    ]);
  }
}
