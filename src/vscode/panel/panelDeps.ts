import type * as vscode from 'vscode';
import type { Eligibility } from '../../app/eligibility';
import type { RequestService } from '../../app/requestService';
import type { LabelOf } from '../../app/views/panelState';
import { preferenceSignal, voteWinners } from '../../app/feedbackSignals';
import type { RoutingFeedback } from '../../app/routingFeedback';
import { classify } from '../../core/routing/classify';
import { parseModelRefText } from '../../core/ask/modelRefText';
import type { TaskProfile, TaskType } from '../../core/routing/taskProfile';
import type { ModelCatalog } from '../../core/catalog/modelCatalog';
import type { QuorumSettings } from '../../core/config/settingsSchema';
import type { Clock, Logger } from '../../core/ports';
import type { ModelRef } from '../../core/types';
import type { PanelModel } from '../../shared/panelProtocol';
import type { LastEditorTracker } from '../ask/editorContext';
import { exportUsage, resetWorkspaceSpend } from '../spend/spendCommands';
import type { SpendService } from '../spend/spendService';
import { CompareSession } from './compareSession';
import type { PreviewDocuments } from './previewDocuments';
import type { QuorumPanelDeps } from './quorumPanel';
import { VoteSession } from './voteSession';
import type { CodeBlockActions } from '../editor/codeBlockActions';

export interface PanelParts {
  readonly extensionUri: vscode.Uri;
  readonly logger: Logger;
  readonly workspaceState: vscode.Memento;
  readonly settings: () => QuorumSettings;
  readonly catalog: () => ModelCatalog;
  /** The one request path: Compare and Vote are admitted, run and recorded there. */
  readonly requests: Pick<RequestService, 'compare' | 'vote' | 'cascade'>;
  readonly eligibility: Pick<Eligibility, 'models' | 'problem'>;
  readonly clock: Clock;
  readonly spend: SpendService;
  /** The workspace's routing feedback: Compare's picked winner and a Vote's winners are recorded there. */
  readonly feedback: Pick<RoutingFeedback, 'add' | 'offset'>;
  readonly editors: LastEditorTracker;
  readonly previews: PreviewDocuments;
  readonly codeBlocks: CodeBlockActions;
  readonly estimateTokens: (text: string) => number;
  readonly onPost?: QuorumPanelDeps['onPost'];
  readonly continueInConversation?: QuorumPanelDeps['continueInConversation'];
}

/** How every ensemble view labels a model: the catalog's display name when known. */
export function modelLabel(catalog: () => ModelCatalog): LabelOf {
  return (ref: ModelRef) => catalog().get(ref)?.displayName ?? `${ref.provider}/${ref.model}`;
}

/** Adapts the request path, catalog and spend ledger to what the Quorum panel and its sessions need. */
export function quorumPanelDeps(parts: PanelParts): QuorumPanelDeps {
  const label = modelLabel(parts.catalog);
  const candidates = () => parts.eligibility.models('compare');
  const learn = (kind: 'comparePick' | 'voteWinner', profile: Pick<TaskProfile, 'type' | 'complexity'>, winners: readonly ModelRef[]): void => {
    const context = { catalog: parts.catalog(), featureTiers: parts.settings().routing.featureTiers, feedback: (task: TaskType) => parts.feedback.offset(task) };
    const signal = preferenceSignal(kind, profile, winners, context);
    if (signal !== undefined) void parts.feedback.add(signal);
  };
  return {
    extensionUri: parts.extensionUri,
    logger: parts.logger,
    codeBlocks: parts.codeBlocks,
    models: async (): Promise<PanelModel[]> => (await candidates()).map((m) => ({
      ref: `${m.provider}/${m.id}`, label: m.displayName, provider: m.provider, priced: m.pricing.inputPerMTok !== undefined && m.pricing.outputPerMTok !== undefined,
    })),
    sessions: (post) => ({
      compare: new CompareSession({
        requests: parts.requests, eligibility: parts.eligibility, label, workspaceState: parts.workspaceState, editors: parts.editors, previews: parts.previews, codeBlocks: parts.codeBlocks,
        contextTokenBudget: () => parts.settings().ask.contextTokenBudget, estimateTokens: parts.estimateTokens,
        recordPick: (pick) => learn('comparePick', { type: pick.task, complexity: pick.complexity }, [pick.winner].flatMap((text) => parseModelRefText(text) ?? [])), post, logger: parts.logger,
      }),
      vote: new VoteSession({
        requests: parts.requests, clock: parts.clock, label, catalog: parts.catalog, workspaceState: parts.workspaceState, candidates, post,
        onResult: (prompt, result) => learn('voteWinner', classify({ messages: [{ role: 'user', content: prompt }], feature: 'ask' }), voteWinners(result)),
      }),
    }),
    spend: async () => {
      await parts.spend.refresh();
      return parts.spend.report().snapshot;
    },
    onExport: async () => void await exportUsage(parts.spend, parts.logger),
    onReset: async () => void await resetWorkspaceSpend(parts.spend, parts.logger),
    ...(parts.onPost !== undefined ? { onPost: parts.onPost } : {}),
    ...(parts.continueInConversation !== undefined ? { continueInConversation: parts.continueInConversation } : {}),
  };
}
