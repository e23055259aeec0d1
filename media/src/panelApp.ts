import {
  parsePanelHostMessage, type CompareState, type PanelHostMessage, type PanelModel, type PanelSnapshot, type PanelViewMessage,
} from '../../src/shared/panelProtocol';
import { assertNever } from '../../src/shared/ipc';
import type { EvalsState } from '../../src/shared/evalsProtocol';
import type { SpendSnapshot } from '../../src/shared/spendProtocol';
import type { VoteState } from '../../src/shared/voteProtocol';
import { CompareTab } from './panelCompare';
import {
  compareForm, EMPTY_SNAPSHOT, mergeForm, parseSavedState, voteForm, type FormBase, type PanelSavedState,
} from './panelDraft';
import { EvalsTab } from './panelEvals';
import { PanelTabs } from './panelTabs';
import { VoteTab } from './panelVote';
import { renderSpend } from './spendView';
import { vscodeApi, type VsCodeApi } from './vscodeApi';

/** While text streams, the saved state is refreshed at most this often (a reload loses at most this much). */
const STREAM_SAVE_MS = 500;

/**
 * The Quorum panel: Compare, Vote and Spend tabs over one snapshot. Paints the saved state at once after
 * a reload, then posts `webview/ready`; every host message is validated before it is dispatched.
 */
export function mountPanel(root: HTMLElement): void {
  const api = vscodeApi<PanelSavedState, PanelViewMessage>();
  // Streaming text is announced by nobody: each column's status line says what changed.
  root.removeAttribute('aria-live');
  const app = new PanelApp(root, api);

  // Restore: the last state this page saved (validated like a message), painted before the host says anything.
  const saved = parseSavedState(api.getState());
  app.applySnapshot(saved?.snapshot ?? EMPTY_SNAPSHOT, saved?.base);

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = parsePanelHostMessage(event.data);
    if (message === undefined) return; // not ours, or malformed: never act on it
    app.dispatch(message);
  });
  window.addEventListener('pagehide', () => app.save());
  api.postMessage({ type: 'webview/ready' });
}

/** The panel's tabs and what the page knows: the models, the spend view and the form values the host sent last. */
class PanelApp {
  private readonly post: (message: PanelViewMessage) => void;
  private readonly tabs: PanelTabs;
  private readonly compare: CompareTab;
  private readonly vote: VoteTab;
  private readonly spendRoot: HTMLElement;
  private models: readonly PanelModel[] = [];
  private spend: SpendSnapshot | undefined;
  private readonly evalsTab: EvalsTab;
  private evals: EvalsState | undefined;
  private base: FormBase | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(root: HTMLElement, private readonly api: VsCodeApi<PanelSavedState, PanelViewMessage>) {
    this.post = (message) => api.postMessage(message);
    this.tabs = new PanelTabs((view) => {
      this.post({ type: 'panel/view', view });
      this.save();
    });
    this.compare = new CompareTab(this.post, (urgent) => this.changed(urgent));
    this.vote = new VoteTab(this.post, () => this.changed(true));
    this.spendRoot = document.createElement('div');
    this.spendRoot.className = 'spend-tab';
    this.tabs.panels.compare.append(this.compare.element);
    this.tabs.panels.vote.append(this.vote.element);
    this.tabs.panels.spend.append(this.spendRoot);
    this.evalsTab = new EvalsTab(this.post);
    this.tabs.panels.evals.append(this.evalsTab.element);
    root.replaceChildren(this.tabs.element, this.tabs.panels.compare, this.tabs.panels.vote, this.tabs.panels.evals, this.tabs.panels.spend);
  }

  save(): void {
    if (this.saveTimer !== undefined) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    this.api.setState({ snapshot: this.snapshot(), ...(this.base === undefined ? {} : { base: this.base }) });
  }

  /** A whole snapshot; the form fields keep the user's drafts unless the host changed them. */
  applySnapshot(next: PanelSnapshot, nextBase: FormBase | undefined): void {
    this.models = next.models;
    const base = this.base;
    const compareDraft = base === undefined ? undefined : this.compare.form();
    const voteDraft = base === undefined ? undefined : this.vote.form();
    this.compare.apply(next.compare, compareDraft === undefined ? compareForm(next.compare) : mergeForm(compareDraft, base?.compare, compareForm(next.compare)), this.models);
    this.vote.apply(next.vote, voteDraft === undefined ? voteForm(next.vote) : mergeForm(voteDraft, base?.vote, voteForm(next.vote)), this.models);
    this.base = nextBase;
    this.tabs.select(next.view);
    this.paintSpend(next.spend);
    this.paintEvals(next.evals);
  }

  dispatch(message: PanelHostMessage): void {
    switch (message.type) {
      case 'panel/snapshot':
        this.applySnapshot(message.snapshot, { compare: compareForm(message.snapshot.compare), vote: voteForm(message.snapshot.vote) });
        return this.save();
      case 'compare/state':
        return this.applyCompareState(message.compare);
      case 'compare/delta':
        return this.compare.delta(message.columnId, message.text);
      case 'compare/column':
        return this.compare.column(message.column);
      case 'vote/state':
        return this.applyVoteState(message.vote);
      case 'vote/estimate':
        return this.vote.setEstimate(message.estimateUsd, message.unpricedModels, message.ladder);
      case 'spend/snapshot':
        this.paintSpend(message.snapshot);
        return this.save();
      case 'evals/state':
        this.paintEvals(message.evals);
        return this.save();
      default:
        assertNever(message);
    }
  }

  /** Streaming text saves lazily (a reload loses at most STREAM_SAVE_MS of it); everything else at once. */
  private changed(urgent: boolean): void {
    if (urgent) this.save();
    else this.saveTimer ??= setTimeout(() => this.save(), STREAM_SAVE_MS);
  }

  private snapshot(): PanelSnapshot {
    return {
      view: this.tabs.view,
      models: this.models,
      compare: this.compare.state(),
      vote: this.vote.state(),
      ...(this.spend === undefined ? {} : { spend: this.spend }),
      ...(this.evals === undefined ? {} : { evals: this.evals }),
    };
  }

  private applyCompareState(next: CompareState): void {
    const incoming = compareForm(next);
    this.compare.apply(next, mergeForm(this.compare.form(), this.base?.compare, incoming), this.models);
    this.base = { compare: incoming, vote: this.base?.vote ?? voteForm(this.vote.state()) };
    this.save();
  }

  private applyVoteState(next: VoteState): void {
    const incoming = voteForm(next);
    this.vote.apply(next, mergeForm(this.vote.form(), this.base?.vote, incoming), this.models);
    this.base = { compare: this.base?.compare ?? compareForm(this.compare.state()), vote: incoming };
    this.save();
  }

  private paintEvals(next: EvalsState | undefined): void {
    this.evals = next;
    this.evalsTab.apply(next, this.models);
  }

  private paintSpend(next: SpendSnapshot | undefined): void {
    this.spend = next;
    // Keeps keyboard focus on the same control (Refresh pressed from the keyboard stays focused).
    const active = document.activeElement;
    const focused = active instanceof HTMLElement && this.spendRoot.contains(active) ? active.id : '';
    renderSpend(this.spendRoot, next, this.post);
    if (focused !== '') document.getElementById(focused)?.focus();
  }
}
