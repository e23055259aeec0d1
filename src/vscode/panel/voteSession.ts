import type * as vscode from 'vscode';
import { parseModelRefText } from '../../core/ask/modelRefText';
import type { ModelCatalog } from '../../core/catalog/modelCatalog';
import type { ModelInfo } from '../../core/catalog/modelInfo';
import type { LedgerDraft } from '../../core/cost/ledger';
import { modelName } from '../../core/ensemble/ballot';
import type { FanOutDeps } from '../../core/ensemble/fanOut';
import { columnLedgerDraft, voteMembers, voteResultView, type LabelOf } from '../../core/ensemble/panelState';
import { estimateVote } from '../../core/ensemble/voteEstimate';
import { defaultJudges, defaultVoteModels } from '../../core/ensemble/voteModels';
import { startVote, type VoteRun } from '../../core/ensemble/voteRun';
import { DEFAULT_OUTPUT_BUDGET_TOKENS } from '../../core/routing/classify';
import { countMessageTokens } from '../../core/routing/tokenEstimate';
import type { ModelRef } from '../../core/types';
import { MAX_VOTE_MODELS, MIN_VOTE_MODELS, type PanelHostMessage, type VoteMember, type VoteState, type VoteStrategy } from '../../shared/panelProtocol';

const SELECTED_KEY = 'quorum.vote.models';
const STRATEGY_KEY = 'quorum.vote.strategy';
/** Vote state is sent whole; while answers stream it is sent at most this often, in ms. */
const STREAM_UPDATE_MS = 150;

export interface VoteSessionDeps {
  readonly fanOut: FanOutDeps;
  readonly label: LabelOf;
  readonly catalog: () => ModelCatalog;
  readonly workspaceState: vscode.Memento;
  /** Enabled models of the providers that can take requests (have a key or need none). */
  readonly candidates: () => Promise<readonly ModelInfo[]>;
  readonly record: (draft: LedgerDraft) => void;
  readonly post: (message: PanelHostMessage) => void;
}

/**
 * Ensemble Vote: several models answer, the core tallies (majority, confidence-weighted or judge), and
 * the panel shows every answer with its cluster, the winner and why, cost and time. A failed model shows
 * as failed; the vote completes with the rest.
 */
export class VoteSession {
  private strategy: VoteStrategy;
  private prompt = '';
  private earlyExitK: number | undefined;
  private members: VoteMember[] = [];
  private result: VoteState['result'];
  private running = false;
  private run: VoteRun | undefined;
  private estimate: { usd?: number; unpriced: number } | undefined;
  private available: readonly ModelInfo[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: VoteSessionDeps) {
    this.strategy = deps.workspaceState.get<VoteStrategy>(STRATEGY_KEY, 'majority');
  }

  /** Reads the usable models; the first time, the default members are one per provider, cheapest first. */
  async ensureDefaults(): Promise<void> {
    this.available = await this.deps.candidates();
    if (this.deps.workspaceState.get<string[]>(SELECTED_KEY) !== undefined) return;
    const refs = defaultVoteModels(this.available, 200, DEFAULT_OUTPUT_BUDGET_TOKENS, MAX_VOTE_MODELS).map(modelName);
    await this.deps.workspaceState.update(SELECTED_KEY, refs);
  }

  state(): VoteState {
    return {
      strategy: this.strategy,
      selected: this.deps.workspaceState.get<string[]>(SELECTED_KEY, []).slice(0, MAX_VOTE_MODELS),
      ...(this.earlyExitK !== undefined ? { earlyExitK: this.earlyExitK } : {}),
      prompt: this.prompt,
      running: this.running,
      ...(this.estimate?.usd !== undefined ? { estimateUsd: this.estimate.usd } : {}),
      ...(this.estimate !== undefined ? { estimateUnpricedModels: this.estimate.unpriced } : {}),
      members: this.members,
      ...(this.result !== undefined ? { result: this.result } : {}),
    };
  }

  setPrompt(prompt: string): void {
    this.prompt = prompt;
  }

  /** The form changed: remember it and show the cost estimate before anything runs. */
  async draft(prompt: string, models: readonly string[], strategy: VoteStrategy, earlyExitK: number | undefined): Promise<void> {
    this.prompt = prompt;
    this.strategy = strategy;
    this.earlyExitK = earlyExitK;
    await this.deps.workspaceState.update(SELECTED_KEY, [...models]);
    await this.deps.workspaceState.update(STRATEGY_KEY, strategy);
    const refs = this.refs(models);
    const judges = strategy === 'judge' ? this.judges(refs) : [];
    const promptTokens = countMessageTokens([{ role: 'user', content: prompt }]).tokens;
    const pricingOf = (ref: ModelRef) => this.deps.catalog().get(ref)?.pricing;
    const estimate = estimateVote({ models: refs, promptTokens, maxOutputTokens: DEFAULT_OUTPUT_BUDGET_TOKENS, judges, pricingOf });
    const unpriced = [...refs, ...judges].filter((ref) => pricingOf(ref)?.inputPerMTok === undefined).length;
    this.estimate = { ...(estimate.cost.totalUsd !== undefined ? { usd: estimate.cost.totalUsd } : estimate.cost.knownUsd > 0 ? { usd: estimate.cost.knownUsd } : {}), unpriced };
    this.deps.post({ type: 'vote/estimate', ...(this.estimate.usd !== undefined ? { estimateUsd: this.estimate.usd } : {}), unpricedModels: unpriced });
  }

  /** Starts a vote; returns a problem to show instead when the request is not valid. */
  async start(prompt: string, models: readonly string[], strategy: VoteStrategy, earlyExitK: number | undefined): Promise<string | undefined> {
    const refs = this.refs(models);
    if (refs.length < MIN_VOTE_MODELS || refs.length > MAX_VOTE_MODELS) return `Pick ${MIN_VOTE_MODELS} to ${MAX_VOTE_MODELS} models to vote.`;
    if (prompt.trim() === '') return 'Write a question first.';
    await this.draft(prompt, models, strategy, earlyExitK);
    this.run?.stop();
    this.running = true;
    this.result = undefined;
    this.members = refs.map((ref) => ({ ref: modelName(ref), label: this.deps.label(ref), status: 'waiting' }));
    this.flush();
    const run = startVote({
      messages: [{ role: 'user', content: prompt }],
      models: refs,
      strategy,
      ...(strategy === 'judge' ? { judges: this.judges(refs) } : {}),
      ...(earlyExitK !== undefined ? { earlyExitK } : {}),
    }, this.deps.fanOut, (event) => {
      if (event.type !== 'column') return;
      const column = event.event;
      if (column.type === 'end') {
        const draft = columnLedgerDraft(column.summary, 'vote', `vote (${strategy}): ${event.phase === 'judge' ? 'judge' : 'member'}`);
        if (draft !== undefined) this.deps.record(draft);
      }
      if (event.phase !== 'answer' || !column.columnId.startsWith('answer-')) return;
      const index = Number(column.columnId.slice('answer-'.length));
      const member = this.members[index];
      if (member === undefined) return;
      if (column.type === 'start') this.members[index] = { ref: member.ref, label: member.label, status: 'waiting' };
      else if (column.type === 'delta') this.members[index] = { ...member, status: 'streaming', answer: (member.answer ?? '') + column.text };
      else if (column.type === 'end') this.members[index] = { ...member, status: column.summary.status === 'streaming' ? 'streaming' : column.summary.status, ...(column.summary.error !== undefined ? { error: column.summary.error.message } : {}) };
      this.schedule();
    });
    this.run = run;
    const result = await run.result;
    if (this.run !== run) return undefined;
    this.running = false;
    this.members = voteMembers(result, this.deps.label);
    this.result = voteResultView(result, this.deps.label);
    this.flush();
    return undefined;
  }

  stop(): void {
    this.run?.stop();
  }

  dispose(): void {
    this.run?.stop();
    if (this.timer !== undefined) clearTimeout(this.timer);
  }

  private refs(models: readonly string[]): ModelRef[] {
    return models.map(parseModelRefText).filter((r): r is ModelRef => r !== undefined);
  }

  private judges(voters: readonly ModelRef[]): ModelRef[] {
    return defaultJudges(this.available, 0, DEFAULT_OUTPUT_BUDGET_TOKENS, { count: 1, avoid: voters });
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => this.flush(), STREAM_UPDATE_MS);
  }

  private flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.deps.post({ type: 'vote/state', vote: this.state() });
  }
}
