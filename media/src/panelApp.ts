import { parsePanelHostMessage, type PanelHostMessage, type PanelModel, type PanelSnapshot, type PanelViewMessage } from '../../src/shared/panelProtocol';
import { assertNever } from '../../src/shared/ipc';
import type { SpendSnapshot } from '../../src/shared/spendProtocol';
import { CompareTab } from './panelCompare';
import {
  compareForm, EMPTY_SNAPSHOT, mergeForm, parseSavedState, voteForm, type FormBase, type PanelSavedState,
} from './panelDraft';
import { PanelTabs } from './panelTabs';
import { VoteTab } from './panelVote';
import { renderSpend } from './spendView';
import { vscodeApi } from './vscodeApi';

/** While text streams, the saved state is refreshed at most this often (a reload loses at most this much). */
const STREAM_SAVE_MS = 500;

/**
 * The Quorum panel: Compare, Vote and Spend tabs over one snapshot. Paints the saved state at once after
 * a reload, then posts `webview/ready`; every host message is validated before it is dispatched.
 */
export function mountPanel(root: HTMLElement): void {
  const api = vscodeApi<PanelSavedState, PanelViewMessage>();
  const post = (message: PanelViewMessage) => api.postMessage(message);
  // Streaming text is announced by nobody: each column's status line says what changed.
  root.removeAttribute('aria-live');

  let models: readonly PanelModel[] = [];
  let spend: SpendSnapshot | undefined;
  let base: FormBase | undefined;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;

  const save = () => {
    if (saveTimer !== undefined) clearTimeout(saveTimer);
    saveTimer = undefined;
    api.setState({ snapshot: snapshot(), ...(base === undefined ? {} : { base }) });
  };
  const changed = (urgent: boolean) => {
    if (urgent) save();
    else saveTimer ??= setTimeout(save, STREAM_SAVE_MS);
  };

  const tabs = new PanelTabs((view) => {
    post({ type: 'panel/view', view });
    save();
  });
  const compare = new CompareTab(post, changed);
  const vote = new VoteTab(post, () => changed(true));
  const spendRoot = document.createElement('div');
  spendRoot.className = 'spend-tab';
  tabs.panels.compare.append(compare.element);
  tabs.panels.vote.append(vote.element);
  tabs.panels.spend.append(spendRoot);
  root.replaceChildren(tabs.element, tabs.panels.compare, tabs.panels.vote, tabs.panels.spend);

  const snapshot = (): PanelSnapshot => ({
    view: tabs.view,
    models,
    compare: compare.state(),
    vote: vote.state(),
    ...(spend === undefined ? {} : { spend }),
  });

  const paintSpend = (next: SpendSnapshot | undefined) => {
    spend = next;
    // Keeps keyboard focus on the same control (Refresh pressed from the keyboard stays focused).
    const focused = document.activeElement instanceof HTMLElement && spendRoot.contains(document.activeElement) ? document.activeElement.id : '';
    renderSpend(spendRoot, next, post);
    if (focused !== '') document.getElementById(focused)?.focus();
  };

  /** A whole snapshot; the form fields keep the user's drafts unless the host changed them. */
  const applySnapshot = (next: PanelSnapshot, nextBase: FormBase | undefined) => {
    models = next.models;
    const compareDraft = base === undefined ? undefined : compare.form();
    const voteDraft = base === undefined ? undefined : vote.form();
    compare.apply(next.compare, compareDraft === undefined ? compareForm(next.compare) : mergeForm(compareDraft, base?.compare, compareForm(next.compare)), models);
    vote.apply(next.vote, voteDraft === undefined ? voteForm(next.vote) : mergeForm(voteDraft, base?.vote, voteForm(next.vote)), models);
    base = nextBase;
    tabs.select(next.view);
    paintSpend(next.spend);
  };

  const dispatch = (message: PanelHostMessage) => {
    switch (message.type) {
      case 'panel/snapshot':
        applySnapshot(message.snapshot, { compare: compareForm(message.snapshot.compare), vote: voteForm(message.snapshot.vote) });
        save();
        break;
      case 'compare/state': {
        const incoming = compareForm(message.compare);
        compare.apply(message.compare, mergeForm(compare.form(), base?.compare, incoming), models);
        base = { compare: incoming, vote: base?.vote ?? voteForm(vote.state()) };
        save();
        break;
      }
      case 'compare/delta':
        compare.delta(message.columnId, message.text);
        break;
      case 'compare/column':
        compare.column(message.column);
        break;
      case 'vote/state': {
        const incoming = voteForm(message.vote);
        vote.apply(message.vote, mergeForm(vote.form(), base?.vote, incoming), models);
        base = { compare: base?.compare ?? compareForm(compare.state()), vote: incoming };
        save();
        break;
      }
      case 'vote/estimate':
        vote.setEstimate(message.estimateUsd, message.unpricedModels, message.ladder);
        break;
      case 'spend/snapshot':
        paintSpend(message.snapshot);
        save();
        break;
      default:
        assertNever(message);
    }
  };

  // Restore: the last state this page saved (validated like a message), painted before the host says anything.
  const saved = parseSavedState(api.getState());
  applySnapshot(saved?.snapshot ?? EMPTY_SNAPSHOT, saved?.base);

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = parsePanelHostMessage(event.data);
    if (message === undefined) return; // not ours, or malformed: never act on it
    dispatch(message);
  });
  window.addEventListener('pagehide', save);
  post({ type: 'webview/ready' });
}

