import type * as vscode from 'vscode';
import { parseModelRefText } from '../../core/ask/modelRefText';
import type { ModelCatalog } from '../../core/catalog/modelCatalog';
import type { ModelInfo } from '../../core/catalog/modelInfo';
import { modelName } from '../../core/ensemble/vote/ballot';
import { cascadeMember, cascadeResultView, ladderView, type CascadeRung, type TierOf } from '../../app/views/cascadeView';
import { confidenceMessages } from '../../core/ensemble/vote/confidence';
import type { RequestService } from '../../app/requestService';
import type { Clock } from '../../core/ports';
import { voteMembers, voteResultView, type LabelOf } from '../../app/views/panelState';
import { estimateVote } from '../../core/ensemble/vote/voteEstimate';
import { cascadeLadder, defaultJudges, defaultVoteModels, JUDGE_PANEL_SIZE } from '../../core/ensemble/vote/voteModels';
import type { VoteEvent } from '../../core/ensemble/vote/voteRun';
import type { VoteResult } from '../../core/ensemble/vote/voting';
import { DEFAULT_OUTPUT_BUDGET_TOKENS } from '../../core/routing/classify';
import { countMessageTokens } from '../../core/routing/tokenEstimate';
import type { ChatMessage, ModelRef } from '../../core/types';
import type { PanelHostMessage } from '../../shared/panelProtocol';
import { DEFAULT_CASCADE_THRESHOLD, MAX_VOTE_MODELS, MIN_VOTE_MODELS, type VoteLadderStep, type VoteMember, type VoteRequest, type VoteState, type VoteStrategy } from '../../shared/voteProtocol';

const SELECTED_KEY = 'quorum.vote.models';
const STRATEGY_KEY = 'quorum.vote.strategy';
const THRESHOLD_KEY = 'quorum.vote.cascadeThreshold';
const JUDGE_PANEL_KEY = 'quorum.vote.judgePanel';
/** Vote state is sent whole; while answers stream it is sent at most this often, in ms. */
const STREAM_UPDATE_MS = 150;

export interface VoteSessionDeps {
  /** The one request path: admits the whole vote or cascade (budget), runs and records every call. */
  readonly requests: Pick<RequestService, 'vote' | 'cascade'>;
  /** Times a cascade. */
  readonly clock: Clock;
  readonly label: LabelOf;
  readonly catalog: () => ModelCatalog;
  readonly workspaceState: vscode.Memento;
  /** Enabled models of the providers that can take requests (have a key or need none). */
  readonly candidates: () => Promise<readonly ModelInfo[]>;
  readonly post: (message: PanelHostMessage) => void;
  /** A vote ended with a winner: routing feedback learns which tier was enough for this prompt. */
  readonly onResult?: (prompt: string, result: VoteResult) => void;
}

/**
 * Ensemble Vote: several models answer, the core tallies (majority, confidence-weighted or judge — one judge
 * or a panel of three), and the panel shows every answer with its cluster, the winner and why, cost and time.
 * A failed model shows as failed; the vote completes with the rest. The cascade strategy instead climbs the
 * ladder of tiers (cheapest first) until an answer is confident enough; its steps are the members.
 */
export class VoteSession {
  private strategy: VoteStrategy;
  private prompt = '';
  private earlyExitK: number | undefined;
  private members: VoteMember[] = [];
  private result: VoteState['result'];
  private runStrategy: VoteStrategy | undefined;
  private running = false;
  private run: { stop(): void } | undefined;
  private estimate: { usd?: number; unpriced: number } | undefined;
  private available: readonly ModelInfo[] = [];
  /** The ladder a cascade would climb for the current prompt (kept: recomputing it means counting tokens); unset until the models are read. */
  private ladderNow: VoteLadderStep[] | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: VoteSessionDeps) {
    this.strategy = deps.workspaceState.get<VoteStrategy>(STRATEGY_KEY, 'majority');
  }

  /** Reads the usable models; the first time, the default members are one per provider, cheapest first. */
  async ensureDefaults(): Promise<void> {
    this.available = await this.deps.candidates();
    this.ladderNow = this.ladderSteps(this.ladder(this.promptTokens(this.prompt)));
    if (this.deps.workspaceState.get<string[]>(SELECTED_KEY) !== undefined) return;
    const refs = defaultVoteModels(this.available, 200, DEFAULT_OUTPUT_BUDGET_TOKENS, MAX_VOTE_MODELS).map(modelName);
    await this.deps.workspaceState.update(SELECTED_KEY, refs);
  }

  state(): VoteState {
    return {
      strategy: this.strategy,
      selected: this.deps.workspaceState.get<string[]>(SELECTED_KEY, []).slice(0, MAX_VOTE_MODELS),
      ...(this.earlyExitK !== undefined ? { earlyExitK: this.earlyExitK } : {}),
      cascadeThreshold: this.threshold(),
      judgePanel: this.judgePanel(),
      ...(this.ladderNow !== undefined ? { ladder: this.ladderNow } : {}),
      ...(this.runStrategy !== undefined ? { runStrategy: this.runStrategy } : {}),
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

  /**
   * The form changed: remember it and show the cost estimate before anything runs. A cascade's estimate is
   * its worst case, every step of the ladder answering (re-asks of invalid replies aside, as for a vote).
   */
  async draft(request: VoteRequest): Promise<void> {
    const { prompt, models, strategy } = request;
    this.prompt = prompt;
    this.strategy = strategy;
    this.earlyExitK = request.earlyExitK;
    await this.deps.workspaceState.update(SELECTED_KEY, [...models]);
    await this.deps.workspaceState.update(STRATEGY_KEY, strategy);
    if (request.cascadeThreshold !== undefined) await this.deps.workspaceState.update(THRESHOLD_KEY, request.cascadeThreshold);
    if (request.judgePanel !== undefined) await this.deps.workspaceState.update(JUDGE_PANEL_KEY, request.judgePanel);
    // The ladder and the judges come from the usable models, read with the first snapshot (or now, if none yet).
    if (this.available.length === 0) this.available = await this.deps.candidates();
    // A confidence reply (and so each cascade step) gets the instruction on top of the prompt.
    const promptTokens = this.promptTokens(prompt);
    const ladder = this.ladder(promptTokens);
    const ladderSteps = this.ladderSteps(ladder);
    this.ladderNow = ladderSteps;
    const refs = strategy === 'cascade' ? ladder : this.refs(models);
    const judges = strategy === 'judge' ? this.judges(refs) : [];
    const pricingOf = (ref: ModelRef) => this.deps.catalog().get(ref)?.pricing;
    const estimate = estimateVote({ models: refs, promptTokens: strategy === 'cascade' || strategy === 'confidence' ? promptTokens : this.promptTokens(prompt, false), maxOutputTokens: DEFAULT_OUTPUT_BUDGET_TOKENS, judges, pricingOf });
    const unpriced = [...refs, ...judges].filter((ref) => pricingOf(ref)?.inputPerMTok === undefined).length;
    this.estimate = { ...(estimate.cost.totalUsd !== undefined ? { usd: estimate.cost.totalUsd } : estimate.cost.knownUsd > 0 ? { usd: estimate.cost.knownUsd } : {}), unpriced };
    this.deps.post({
      type: 'vote/estimate', ...(this.estimate.usd !== undefined ? { estimateUsd: this.estimate.usd } : {}), unpricedModels: unpriced, ladder: ladderSteps,
    });
  }

  /**
   * Starts a vote (or a cascade) through the request path: the budget admits the whole vote — every voter and
   * judge — and may ask first. Returns a problem to show instead, if any.
   */
  async start(request: VoteRequest): Promise<string | undefined> {
    const strategy = request.strategy;
    if (strategy === 'cascade') return this.startCascade(request);
    const refs = this.refs(request.models);
    if (refs.length < MIN_VOTE_MODELS || refs.length > MAX_VOTE_MODELS) return `Pick ${MIN_VOTE_MODELS} to ${MAX_VOTE_MODELS} models to vote.`;
    if (request.prompt.trim() === '') return 'Write a question first.';
    await this.draft(request);
    const judges = strategy === 'judge' ? this.judges(refs) : [];
    if (strategy === 'judge' && judges.length === 0) return 'No model can judge: set an API key (Quorum: Set API Key) or allow another provider.';
    const earlyExitK = request.earlyExitK;
    const started = await this.deps.requests.vote({
      messages: [{ role: 'user', content: request.prompt }], models: refs, strategy, feature: 'vote',
      ...(strategy === 'judge' ? { judges } : {}), ...(earlyExitK !== undefined ? { earlyExitK } : {}),
      describe: (summary) => `vote (${strategy}): ${summary.id.startsWith('judge-') ? 'judge' : 'member'}`,
      onEvent: (event) => this.onVoteEvent(event),
    });
    if ('refused' in started) return started.reason ?? 'Not sent.';
    this.begin(strategy, refs.map((ref) => ({ ref: modelName(ref), label: this.deps.label(ref), status: 'waiting' })), started.run);
    const result = await started.run.result;
    if (this.run !== started.run) return undefined;
    this.deps.onResult?.(request.prompt, result);
    this.finish(voteMembers(result, this.deps.label), voteResultView(result, this.deps.label));
    return undefined;
  }

  private onVoteEvent(event: VoteEvent): void {
    if (event.type !== 'column' || event.phase !== 'answer') return;
    const column = event.event;
    if (!column.columnId.startsWith('answer-')) return;
    const index = Number(column.columnId.slice('answer-'.length));
    const member = this.members[index];
    if (member === undefined) return;
    if (column.type === 'start') this.members[index] = { ref: member.ref, label: member.label, status: 'waiting' };
    else if (column.type === 'delta') this.members[index] = { ...member, status: 'streaming', answer: (member.answer ?? '') + column.text };
    else if (column.type === 'end') this.members[index] = { ...member, status: column.summary.status === 'streaming' ? 'streaming' : column.summary.status, ...(column.summary.error !== undefined ? { error: column.summary.error.message } : {}) };
    this.schedule();
  }

  /**
   * Cascade: the ladder's models in turn, each asked for `{answer, confidence}` (re-asked once when invalid;
   * still invalid counts as confidence 0 and escalates). Every call is one ledger record.
   */
  private async startCascade(request: VoteRequest): Promise<string | undefined> {
    if (request.prompt.trim() === '') return 'Write a question first.';
    await this.draft(request);
    const ladder = this.ladder(this.promptTokens(request.prompt));
    if (ladder.length === 0) return 'No model can take the cascade: set an API key (Quorum: Set API Key) or allow another provider.';
    const threshold = this.threshold();
    const tierOf = this.tierOf();
    const startedAt = this.deps.clock.now();
    const rungs: { ref: ModelRef; step?: CascadeRung['step']; calls: CascadeRung['calls'][number][] }[] = [];
    const show = (running: boolean): VoteMember[] => rungs.map((rung) => cascadeMember(rung, this.deps.label, tierOf, running));
    const controller = new AbortController();
    const run = { stop: () => controller.abort() };
    const live = (): boolean => this.run === run;
    const started = await this.deps.requests.cascade({
      ladder, threshold, messages: [{ role: 'user', content: request.prompt }], feature: 'vote', signal: controller.signal,
      describe: () => `vote (cascade): step ${rungs.length} of ${ladder.length}`,
      onAsk: (ref) => {
        rungs.push({ ref, calls: [] });
        if (live()) this.showMembers(show(true));
      },
      onCall: (summary) => void rungs.at(-1)?.calls.push(summary),
      onStep: (step, index) => {
        const rung = rungs[index];
        if (rung !== undefined) rung.step = step;
        if (live()) this.showMembers(show(true));
      },
    });
    if ('refused' in started) return started.reason ?? 'Not sent.';
    // The first step was asked as the cascade started: show it at once.
    this.begin('cascade', show(true), run);
    const result = await started.run;
    if (!live()) return undefined;
    const totalMs = this.deps.clock.now() - startedAt;
    this.finish(show(false), cascadeResultView(result, rungs, threshold, this.deps.label, tierOf, totalMs));
    return undefined;
  }

  private showMembers(members: VoteMember[]): void {
    this.members = members;
    this.flush();
  }

  stop(): void {
    this.run?.stop();
  }

  dispose(): void {
    this.run?.stop();
    if (this.timer !== undefined) clearTimeout(this.timer);
  }

  /** A run starts: the previous one (if any) is stopped and its outcome cleared. */
  private begin(strategy: VoteStrategy, members: VoteMember[], run: { stop(): void }): void {
    this.run?.stop();
    this.run = run;
    this.running = true;
    this.result = undefined;
    this.runStrategy = strategy;
    this.members = members;
    this.flush();
  }

  private finish(members: VoteMember[], result: VoteState['result']): void {
    this.running = false;
    this.members = members;
    this.result = result;
    this.flush();
  }

  private refs(models: readonly string[]): ModelRef[] {
    return models.map(parseModelRefText).filter((r): r is ModelRef => r !== undefined);
  }

  private judges(voters: readonly ModelRef[]): ModelRef[] {
    return defaultJudges(this.available, 0, DEFAULT_OUTPUT_BUDGET_TOKENS, { count: this.judgePanel() ? JUDGE_PANEL_SIZE : 1, avoid: voters });
  }

  /** Estimated tokens of the request for `prompt`, with the confidence instruction unless `confidence` is false. */
  private promptTokens(prompt: string, confidence = true): number {
    const messages: ChatMessage[] = [{ role: 'user', content: prompt }];
    return countMessageTokens(confidence ? confidenceMessages(messages) : messages).tokens;
  }

  /** The cascade's ladder: the cheapest usable model of each tier, budget first. */
  private ladder(promptTokens: number): ModelRef[] {
    return cascadeLadder(this.available, promptTokens, DEFAULT_OUTPUT_BUDGET_TOKENS);
  }

  private ladderSteps(ladder: readonly ModelRef[]): VoteLadderStep[] {
    return ladderView(ladder, this.deps.label, this.tierOf());
  }

  private tierOf(): TierOf {
    return (ref) => this.available.find((m) => m.provider === ref.provider && m.id === ref.model)?.tier;
  }

  private threshold(): number {
    const stored = this.deps.workspaceState.get<number>(THRESHOLD_KEY);
    return typeof stored === 'number' && stored >= 0 && stored <= 1 ? stored : DEFAULT_CASCADE_THRESHOLD;
  }

  private judgePanel(): boolean {
    return this.deps.workspaceState.get<boolean>(JUDGE_PANEL_KEY, false) === true;
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
