import { estimateText, isActive, selectionProblem } from '../../src/shared/panelFormat';
import type { PanelModel, PanelViewMessage } from '../../src/shared/panelProtocol';
import { MAX_PANEL_TEXT } from '../../src/shared/panelFields';
import { DEFAULT_CASCADE_THRESHOLD, MAX_VOTE_MODELS, VOTE_STRATEGIES, type VoteLadderStep, type VoteRequest, type VoteState, type VoteStrategy } from '../../src/shared/voteProtocol';
import { button, el } from './dom';
import { EMPTY_VOTE, type VoteForm } from './panelDraft';
import { ModelChooser } from './panelModels';
import { memberCard, resultSection } from './panelVoteResults';

const STRATEGY_TEXT: Record<VoteStrategy, string> = {
  majority: 'Majority — normalised answers, the largest cluster wins',
  confidence: 'Confidence-weighted — each model rates its own answer',
  judge: 'Judge — a judge model picks the best answer',
  cascade: 'Cascade — cheapest first, escalate while unsure',
};

/** Wait this long after the last edit before asking the host for a new estimate. */
const DRAFT_DEBOUNCE_MS = 300;

/**
 * The Vote tab: the form (strategy, voters or a cascade's automatic ladder, early exit, the cascade's
 * threshold, one judge or three, prompt, the estimate before running, Run / Stop) and the outcome (each
 * member's answer, cluster, confidence and status; agreement, winner and why, the judge's rationale, total
 * cost and time). A vote arrives whole (`vote/state`); the results re-render whole.
 */
export class VoteTab {
  readonly element: HTMLElement;
  private readonly chooser: ModelChooser;
  private readonly ladder: HTMLElement;
  private readonly strategy: HTMLSelectElement;
  private readonly earlyExit: HTMLInputElement;
  private readonly earlyExitField: HTMLElement;
  private readonly threshold: HTMLInputElement;
  private readonly thresholdField: HTMLElement;
  private readonly judgePanel: HTMLInputElement;
  private readonly judgePanelField: HTMLElement;
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
    this.ladder = el('p', { className: 'muted vote-ladder', attrs: { id: 'vote-ladder', role: 'note' } });
    this.strategy = el('select', { attrs: { id: 'vote-strategy' } }, VOTE_STRATEGIES.map((s) => el('option', { attrs: { value: s }, text: STRATEGY_TEXT[s] })));
    this.earlyExit = el('input', { attrs: { type: 'number', id: 'vote-early-exit', min: '2', max: String(MAX_VOTE_MODELS), step: '1', placeholder: 'off', inputmode: 'numeric' } });
    this.earlyExitField = el('span', { attrs: { id: 'vote-early-exit-field' } }, [
      el('label', { attrs: { for: 'vote-early-exit' }, text: 'Stop once this many agree' }), document.createTextNode(' '), this.earlyExit,
    ]);
    this.threshold = el('input', {
      attrs: {
        type: 'number', id: 'vote-cascade-threshold', min: '0', max: '1', step: '0.05', inputmode: 'decimal', placeholder: String(DEFAULT_CASCADE_THRESHOLD),
        'aria-describedby': 'vote-ladder', title: 'From 0 to 1: the cascade asks the next tier while an answer’s confidence is below this',
      },
    });
    this.threshold.value = String(DEFAULT_CASCADE_THRESHOLD);
    this.thresholdField = el('span', { attrs: { id: 'vote-cascade-threshold-field' } }, [
      el('label', { attrs: { for: 'vote-cascade-threshold' }, text: 'Accept at confidence ≥' }), document.createTextNode(' '), this.threshold,
    ]);
    this.judgePanel = el('input', { attrs: { type: 'checkbox', id: 'vote-judge-panel' } });
    this.judgePanelField = el('span', { attrs: { id: 'vote-judge-panel-field' } }, [
      el('span', { className: 'checkbox-field' }, [
        this.judgePanel,
        el('label', { attrs: { for: 'vote-judge-panel', title: 'Three cheap judges instead of one; their costs are included' }, text: 'Panel of three judges' }),
      ]),
    ]);
    this.prompt = el('textarea', { attrs: { id: 'vote-prompt', rows: '4', maxlength: String(MAX_PANEL_TEXT), placeholder: 'A question with one right answer works best… (Ctrl+Enter runs)' } });
    this.estimate = el('p', { className: 'vote-estimate', attrs: { id: 'vote-estimate' } });
    this.problem = el('p', { className: 'form-message', attrs: { id: 'vote-problem', role: 'status' } });
    this.run = button('Run vote', () => this.start(), { id: 'vote-run' });
    this.stop = button('Stop', () => this.post({ type: 'vote/stop' }), { id: 'vote-stop', class: 'secondary', title: 'Stop the remaining calls; the vote completes with the answers in' });
    this.results = el('section', { className: 'vote-results', attrs: { id: 'vote-results', 'aria-label': 'Vote results' } });

    for (const input of [this.strategy, this.earlyExit, this.threshold, this.prompt]) input.addEventListener('input', () => this.formChanged());
    this.judgePanel.addEventListener('change', () => this.formChanged());
    this.prompt.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.start();
      }
    });

    const form = el('div', { className: 'panel-form', attrs: { role: 'group', 'aria-label': 'Ensemble vote' } }, [
      el('div', { className: 'form-row' }, [
        el('label', { attrs: { for: 'vote-strategy' }, text: 'Strategy' }), this.strategy,
        this.earlyExitField, this.thresholdField, this.judgePanelField,
      ]),
      this.chooser.element,
      this.ladder,
      el('div', { className: 'prompt-field' }, [el('label', { attrs: { for: 'vote-prompt' }, text: 'Prompt' }), this.prompt]),
      el('div', { className: 'form-row form-actions' }, [this.run, this.stop, this.estimate, this.problem]),
    ]);
    this.element = el('div', { className: 'vote-tab' }, [el('h2', { className: 'visually-hidden', text: 'Ensemble vote' }), form, this.results]);
    this.renderResults();
    this.updateControls();
  }

  form(): VoteForm {
    const k = this.earlyExitValue();
    const threshold = this.thresholdValue();
    return {
      prompt: this.prompt.value,
      selected: [...this.chooser.value()],
      strategy: this.strategyValue(),
      ...(typeof k === 'number' ? { earlyExitK: k } : {}),
      ...(typeof threshold === 'number' ? { cascadeThreshold: threshold } : {}),
      judgePanel: this.judgePanel.checked,
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
    if (form.cascadeThreshold !== undefined && this.thresholdValue() !== form.cascadeThreshold) this.threshold.value = String(form.cascadeThreshold);
    if (form.judgePanel !== undefined) this.judgePanel.checked = form.judgePanel;
    this.renderResults();
    this.updateControls();
  }

  /** A fresh estimate (`vote/estimate`), with the cascade's ladder as it stands. */
  setEstimate(estimateUsd: number | undefined, unpricedModels: number, ladder?: readonly VoteLadderStep[]): void {
    if (this.vote === undefined) return;
    const { estimateUsd: _old, ...rest } = this.vote;
    this.vote = { ...rest, ...(estimateUsd === undefined ? {} : { estimateUsd }), estimateUnpricedModels: unpricedModels, ...(ladder === undefined ? {} : { ladder }) };
    this.updateControls();
    this.onChange();
  }

  state(): VoteState {
    const { earlyExitK: _k, cascadeThreshold: _t, ...rest } = this.vote ?? EMPTY_VOTE;
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

  /** The cascade's threshold: the default when blank, `'invalid'` when not a number from 0 to 1. */
  private thresholdValue(): number | 'invalid' {
    const raw = this.threshold.value.trim();
    if (raw === '') return DEFAULT_CASCADE_THRESHOLD;
    const t = Number(raw);
    return Number.isFinite(t) && t >= 0 && t <= 1 ? t : 'invalid';
  }

  /** The message fields of the form; each strategy's own setting goes only with that strategy. */
  private request(): VoteRequest {
    const form = this.form();
    const strategy = form.strategy;
    return {
      prompt: form.prompt,
      models: [...form.selected],
      strategy,
      ...(form.earlyExitK !== undefined && strategy !== 'cascade' ? { earlyExitK: form.earlyExitK } : {}),
      ...(form.cascadeThreshold !== undefined && strategy === 'cascade' ? { cascadeThreshold: form.cascadeThreshold } : {}),
      ...(strategy === 'judge' ? { judgePanel: form.judgePanel === true } : {}),
    };
  }

  private busy(): boolean {
    return this.vote?.running === true || (this.vote?.members.some((m) => isActive(m.status)) ?? false);
  }

  /** The form's own problem (not "busy"): a draft is not worth sending while it has one. */
  private formProblem(): string | undefined {
    if (this.strategyValue() === 'cascade') {
      return this.thresholdValue() === 'invalid' ? 'The cascade’s threshold takes a number from 0 to 1.' : undefined;
    }
    return this.earlyExitValue() === 'invalid' ? `Early exit takes a whole number from 2 to ${MAX_VOTE_MODELS}, or blank for off.` : undefined;
  }

  private runProblem(): string | undefined {
    if (this.busy()) return 'A vote is running: stop it first.';
    const problem = this.formProblem();
    if (problem !== undefined) return problem;
    const promptProblem = this.prompt.value.trim() === '' ? 'Write a prompt first.' : undefined;
    if (this.strategyValue() === 'cascade') {
      return this.vote?.ladder?.length === 0 ? 'No usable model for a cascade: set an API key (Quorum: Set API Key).' : promptProblem;
    }
    return selectionProblem(this.chooser.value().length, 'vote') ?? promptProblem;
  }

  private start(): void {
    const problem = this.runProblem();
    if (problem !== undefined) {
      this.problem.textContent = problem;
      return;
    }
    this.post({ type: 'vote/run', ...this.request() });
  }

  private formChanged(): void {
    this.updateControls();
    this.onChange();
    if (this.draftTimer !== undefined) clearTimeout(this.draftTimer);
    this.draftTimer = setTimeout(() => {
      this.draftTimer = undefined;
      if (this.formProblem() !== undefined) return;
      this.post({ type: 'vote/draft', ...this.request() });
    }, DRAFT_DEBOUNCE_MS);
  }

  private updateControls(): void {
    const busy = this.busy();
    const problem = this.runProblem();
    const strategy = this.strategyValue();
    const cascade = strategy === 'cascade';
    // A cascade picks its own models (the ladder), so the voters and early exit do not apply to it.
    this.chooser.element.hidden = cascade;
    this.ladder.hidden = !cascade;
    this.ladder.textContent = ladderText(this.vote);
    this.earlyExitField.hidden = cascade;
    this.thresholdField.hidden = !cascade;
    this.judgePanelField.hidden = strategy !== 'judge';
    this.run.textContent = cascade ? 'Run cascade' : 'Run vote';
    this.run.disabled = problem !== undefined;
    this.stop.disabled = !busy;
    this.problem.textContent = busy ? '' : problem ?? '';
    const vote = this.vote;
    this.estimate.textContent = vote === undefined || (!cascade && this.chooser.value().length === 0) || (cascade && vote.ladder?.length === 0)
      ? ''
      : `Estimated cost${cascade ? ' (worst case: every step)' : ''}: ${estimateText(vote.estimateUsd, vote.estimateUnpricedModels)}`;
  }

  private renderResults(): void {
    const vote = this.vote;
    if (vote === undefined || (!vote.running && vote.members.length === 0 && vote.result === undefined)) {
      this.results.replaceChildren(el('p', { className: 'muted', attrs: { id: 'vote-empty' }, text: 'Choose the voters and a strategy, write a prompt and run the vote: every answer, its cluster and the winner show here.' }));
      return;
    }
    const cascade = vote.result?.cascade !== undefined || vote.runStrategy === 'cascade';
    this.results.replaceChildren(...[
      vote.running ? el('p', { className: 'muted', attrs: { id: 'vote-progress', role: 'status' }, text: progressText(vote, cascade) }) : null,
      vote.result === undefined ? null : resultSection(vote.result, this.post, () => this.post({ type: 'vote/continue' })),
      el('h3', { text: cascade ? 'Steps' : 'Answers' }),
      el('div', { className: 'vote-members', attrs: { id: 'vote-members' } }, vote.members.map((m, i) => memberCard(m, vote.result, i, cascade, this.post))),
    ].filter((node) => node !== null));
  }
}

function progressText(vote: VoteState, cascade: boolean): string {
  const settled = vote.members.filter((m) => !isActive(m.status)).length;
  if (!cascade) return `Voting… ${settled} of ${vote.members.length} answered.`;
  const asking = vote.members.findIndex((m) => isActive(m.status));
  const total = Math.max(vote.ladder?.length ?? 0, vote.members.length);
  const member = vote.members[asking];
  return member === undefined ? 'Cascade… starting.' : `Cascade… asking ${member.label} (step ${asking + 1} of ${total}).`;
}

/** The ladder as text: the host's (known once it has seen the form), else the steps of the cascade on show. */
function ladderText(vote: VoteState | undefined): string {
  const steps: readonly VoteLadderStep[] = vote?.ladder ?? (vote?.runStrategy === 'cascade' ? vote.members : []);
  if (vote?.ladder?.length === 0) return 'No usable model for a cascade: set an API key (Quorum: Set API Key) or allow another provider.';
  if (steps.length === 0) return 'The ladder is automatic: the cheapest usable model of each tier, budget → standard → premium.';
  const rungs = steps.map((s) => (s.tier === undefined ? s.label : `${s.label} (${s.tier})`)).join(' → ');
  return `Ladder (automatic, cheapest first; the next tier is asked while the answer’s confidence is below the threshold): ${rungs}.`;
}
