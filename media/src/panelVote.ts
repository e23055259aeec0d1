import {
  clusterText, costText, durationText, estimateText, fractionText, isActive, selectionProblem, STATUS_TEXT, voteCostText,
} from '../../src/shared/panelFormat';
import {
  MAX_PANEL_TEXT, MAX_VOTE_MODELS, VOTE_STRATEGIES, type PanelModel, type PanelViewMessage, type VoteMember, type VoteResult,
  type VoteState, type VoteStrategy,
} from '../../src/shared/panelProtocol';
import { button, el } from './dom';
import { EMPTY_VOTE, type VoteForm } from './panelDraft';
import { ModelChooser } from './panelModels';
import { renderAnswer } from './streamingMarkdown';

const STRATEGY_TEXT: Record<VoteStrategy, string> = {
  majority: 'Majority — normalised answers, the largest cluster wins',
  confidence: 'Confidence-weighted — each model rates its own answer',
  judge: 'Judge — a judge model picks the best answer',
};

/** Wait this long after the last edit before asking the host for a new estimate. */
const DRAFT_DEBOUNCE_MS = 300;

/**
 * The Vote tab: the form (strategy, voters, early exit, prompt, the estimate before running, Run / Stop)
 * and the outcome (each member's answer, cluster, confidence and status; agreement, winner and why, the
 * judge's rationale, total cost and time). A vote arrives whole (`vote/state`); the results re-render whole.
 */
export class VoteTab {
  readonly element: HTMLElement;
  private readonly chooser: ModelChooser;
  private readonly strategy: HTMLSelectElement;
  private readonly earlyExit: HTMLInputElement;
  private readonly prompt: HTMLTextAreaElement;
  private readonly estimate: HTMLElement;
  private readonly problem: HTMLElement;
  private readonly run: HTMLButtonElement;
  private readonly stop: HTMLButtonElement;
  private readonly results: HTMLElement;
  private vote: VoteState | undefined;
  private draftTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly post: (message: PanelViewMessage) => void, private readonly onChange: () => void) {
    this.chooser = new ModelChooser('vote', `Voters (2–${MAX_VOTE_MODELS})`, MAX_VOTE_MODELS, () => this.formChanged());
    this.strategy = el('select', { attrs: { id: 'vote-strategy' } }, VOTE_STRATEGIES.map((s) => el('option', { attrs: { value: s }, text: STRATEGY_TEXT[s] })));
    this.earlyExit = el('input', { attrs: { type: 'number', id: 'vote-early-exit', min: '2', max: String(MAX_VOTE_MODELS), step: '1', placeholder: 'off', inputmode: 'numeric' } });
    this.prompt = el('textarea', { attrs: { id: 'vote-prompt', rows: '4', maxlength: String(MAX_PANEL_TEXT), placeholder: 'A question with one right answer works best… (Ctrl+Enter runs)' } });
    this.estimate = el('p', { className: 'vote-estimate', attrs: { id: 'vote-estimate' } });
    this.problem = el('p', { className: 'form-message', attrs: { id: 'vote-problem', role: 'status' } });
    this.run = button('Run vote', () => this.start(), { id: 'vote-run' });
    this.stop = button('Stop', () => this.post({ type: 'vote/stop' }), { id: 'vote-stop', class: 'secondary', title: 'Stop the remaining calls; the vote completes with the answers in' });
    this.results = el('section', { className: 'vote-results', attrs: { id: 'vote-results', 'aria-label': 'Vote results' } });

    for (const input of [this.strategy, this.earlyExit, this.prompt]) input.addEventListener('input', () => this.formChanged());
    this.prompt.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.start();
      }
    });

    const form = el('div', { className: 'panel-form', attrs: { role: 'group', 'aria-label': 'Ensemble vote' } }, [
      el('div', { className: 'form-row' }, [
        el('label', { attrs: { for: 'vote-strategy' }, text: 'Strategy' }), this.strategy,
        el('label', { attrs: { for: 'vote-early-exit' }, text: 'Stop once this many agree' }), this.earlyExit,
      ]),
      this.chooser.element,
      el('div', { className: 'prompt-field' }, [el('label', { attrs: { for: 'vote-prompt' }, text: 'Prompt' }), this.prompt]),
      el('div', { className: 'form-row form-actions' }, [this.run, this.stop, this.estimate, this.problem]),
    ]);
    this.element = el('div', { className: 'vote-tab' }, [el('h2', { className: 'visually-hidden', text: 'Ensemble vote' }), form, this.results]);
    this.renderResults();
    this.updateControls();
  }

  form(): VoteForm {
    const k = this.earlyExitValue();
    return {
      prompt: this.prompt.value,
      selected: [...this.chooser.value()],
      strategy: this.strategyValue(),
      ...(typeof k === 'number' ? { earlyExitK: k } : {}),
    };
  }

  /** Shows a whole vote (`panel/snapshot`, `vote/state`), with `form` as merged with the user's draft. */
  apply(vote: VoteState, form: VoteForm, models: readonly PanelModel[]): void {
    this.vote = vote;
    this.chooser.set(models, form.selected);
    if (this.prompt.value !== form.prompt) this.prompt.value = form.prompt;
    this.strategy.value = form.strategy;
    const k = form.earlyExitK === undefined ? '' : String(form.earlyExitK);
    if (this.earlyExit.value !== k) this.earlyExit.value = k;
    this.renderResults();
    this.updateControls();
  }

  /** A fresh estimate (`vote/estimate`). */
  setEstimate(estimateUsd: number | undefined, unpricedModels: number): void {
    if (this.vote === undefined) return;
    const { estimateUsd: _old, ...rest } = this.vote;
    this.vote = { ...rest, ...(estimateUsd === undefined ? {} : { estimateUsd }), estimateUnpricedModels: unpricedModels };
    this.updateControls();
    this.onChange();
  }

  state(): VoteState {
    const { earlyExitK: _k, ...rest } = this.vote ?? EMPTY_VOTE;
    return { ...rest, ...this.form() };
  }

  private strategyValue(): VoteStrategy {
    return VOTE_STRATEGIES.find((s) => s === this.strategy.value) ?? 'majority';
  }

  /** `undefined` when blank (early exit off), `'invalid'` when not a whole number in range. */
  private earlyExitValue(): number | undefined | 'invalid' {
    const raw = this.earlyExit.value.trim();
    if (raw === '') return undefined;
    const k = Number(raw);
    return Number.isInteger(k) && k >= 2 && k <= MAX_VOTE_MODELS ? k : 'invalid';
  }

  private busy(): boolean {
    return this.vote?.running === true || (this.vote?.members.some((m) => isActive(m.status)) ?? false);
  }

  private runProblem(): string | undefined {
    if (this.busy()) return 'A vote is running: stop it first.';
    if (this.earlyExitValue() === 'invalid') return `Early exit takes a whole number from 2 to ${MAX_VOTE_MODELS}, or blank for off.`;
    return selectionProblem(this.chooser.value().length, 'vote') ?? (this.prompt.value.trim() === '' ? 'Write a prompt first.' : undefined);
  }

  private start(): void {
    const problem = this.runProblem();
    if (problem !== undefined) {
      this.problem.textContent = problem;
      return;
    }
    const form = this.form();
    this.post({ type: 'vote/run', prompt: form.prompt, models: [...form.selected], strategy: form.strategy, ...(form.earlyExitK === undefined ? {} : { earlyExitK: form.earlyExitK }) });
  }

  private formChanged(): void {
    this.updateControls();
    this.onChange();
    if (this.draftTimer !== undefined) clearTimeout(this.draftTimer);
    this.draftTimer = setTimeout(() => {
      this.draftTimer = undefined;
      if (this.earlyExitValue() === 'invalid') return;
      const form = this.form();
      this.post({ type: 'vote/draft', prompt: form.prompt, models: [...form.selected], strategy: form.strategy, ...(form.earlyExitK === undefined ? {} : { earlyExitK: form.earlyExitK }) });
    }, DRAFT_DEBOUNCE_MS);
  }

  private updateControls(): void {
    const busy = this.busy();
    const problem = this.runProblem();
    this.run.disabled = problem !== undefined;
    this.stop.disabled = !busy;
    this.problem.textContent = busy ? '' : problem ?? '';
    const vote = this.vote;
    this.estimate.textContent = vote === undefined || this.chooser.value().length === 0
      ? ''
      : `Estimated cost: ${estimateText(vote.estimateUsd, vote.estimateUnpricedModels)}`;
  }

  private renderResults(): void {
    const vote = this.vote;
    if (vote === undefined || (!vote.running && vote.members.length === 0 && vote.result === undefined)) {
      this.results.replaceChildren(el('p', { className: 'muted', attrs: { id: 'vote-empty' }, text: 'Choose the voters and a strategy, write a prompt and run the vote: every answer, its cluster and the winner show here.' }));
      return;
    }
    const settled = vote.members.filter((m) => !isActive(m.status)).length;
    const progress = vote.running ? el('p', { className: 'muted', attrs: { id: 'vote-progress', role: 'status' }, text: `Voting… ${settled} of ${vote.members.length} answered.` }) : null;
    this.results.replaceChildren(...[
      progress,
      vote.result === undefined ? null : resultSection(vote.result),
      el('h3', { text: 'Answers' }),
      el('div', { className: 'vote-members', attrs: { id: 'vote-members' } }, vote.members.map((m) => memberCard(m, vote.result))),
    ].filter((node) => node !== null));
  }
}

function resultSection(result: VoteResult): HTMLElement {
  const winner = el('div', { className: 'markdown-body vote-winner-text', attrs: { id: 'vote-winner' } });
  renderAnswer(winner, result.winner);
  const judge = result.judge === undefined ? null : judgeSection(result.judge);
  return el('section', { className: 'vote-result', attrs: { id: 'vote-result', 'aria-labelledby': 'vote-result-heading' } }, [
    el('h3', { attrs: { id: 'vote-result-heading' }, text: 'Winner' }),
    winner,
    el('dl', { className: 'vote-facts' }, [
      ...fact('Agreement', `${fractionText(result.agreement)} (${clusterText(result.winnerCluster)})`, 'vote-agreement'),
      ...fact('Why', result.why, 'vote-why'),
      ...fact('Total cost', voteCostText(result), 'vote-cost'),
      ...fact('Time', durationText(result.totalMs), 'vote-time'),
    ]),
    judge,
  ]);
}

function judgeSection(judge: NonNullable<VoteResult['judge']>): HTMLElement {
  const rationale = el('div', { className: 'markdown-body', attrs: { id: 'vote-judge-rationale' } });
  renderAnswer(rationale, judge.rationale);
  return el('div', { className: 'vote-judge', attrs: { id: 'vote-judge' } }, [
    el('h4', {}, [document.createTextNode('Judge: '), el('code', { text: judge.ref })]),
    rationale,
  ]);
}

function memberCard(member: VoteMember, result: VoteResult | undefined): HTMLElement {
  const inWinner = result !== undefined && member.cluster === result.winnerCluster;
  const answer = el('div', { className: 'markdown-body vote-answer' });
  if (member.answer !== undefined) renderAnswer(answer, member.answer);
  return el('article', {
    className: `vote-member status-${member.status}${inWinner ? ' in-winner' : ''}`,
    attrs: { 'data-ref': member.ref, 'data-status': member.status, 'aria-label': `${member.label}: ${STATUS_TEXT[member.status]}` },
  }, [
    el('header', { className: 'column-title' }, [
      el('h4', { attrs: { title: member.ref }, text: member.label }),
      el('span', { className: `column-status status-${member.status}`, attrs: { 'data-role': 'status' }, text: STATUS_TEXT[member.status] }),
      inWinner ? el('span', { className: 'badge winner-badge', text: 'Winning cluster' }) : null,
    ]),
    el('dl', { className: 'column-facts' }, [
      ...fact('Cluster', clusterText(member.cluster), undefined),
      ...fact('Confidence', fractionText(member.confidence), undefined),
      ...fact('Cost', costText(member.costUsd), undefined),
      ...fact('Time', durationText(member.totalMs), undefined),
    ]),
    member.error === undefined ? null : el('p', { className: 'column-error', attrs: { 'data-role': 'error' }, text: member.error }),
    member.answer === undefined ? null : answer,
    member.normalised === undefined ? null : el('details', { className: 'vote-normalised' }, [
      el('summary', { text: 'Compared as' }),
      el('pre', {}, [el('code', { text: member.normalised })]),
    ]),
  ]);
}

function fact(label: string, value: string, id: string | undefined): HTMLElement[] {
  return [el('dt', { text: label }), el('dd', { attrs: id === undefined ? {} : { id }, text: value })];
}
