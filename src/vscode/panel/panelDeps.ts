import type * as vscode from 'vscode';
import type { CompatDiscovery } from '../../core/catalog/compatDiscovery';
import type { ModelCatalog } from '../../core/catalog/modelCatalog';
import type { ModelInfo } from '../../core/catalog/modelInfo';
import type { QuorumSettings } from '../../core/config/settingsSchema';
import type { FanOutDeps } from '../../core/ensemble/compare/fanOut';
import type { LabelOf } from '../../app/views/panelState';
import type { ProviderService } from '../../core/providers/providerService';
import { systemClock, type Logger } from '../../core/ports';
import type { FallbackRunner } from '../../core/resilience/fallbackRunner';
import { findGlobMatch } from '../../core/routing/glob';
import type { ModelRef } from '../../core/types';
import type { PanelModel } from '../../shared/panelProtocol';
import type { LastEditorTracker } from '../ask/editorContext';
import { exportUsage, resetWorkspaceSpend } from '../spend/spendCommands';
import type { SpendService } from '../spend/spendService';
import { CompareSession } from './compareSession';
import type { PreviewDocuments } from './previewDocuments';
import type { QuorumPanelDeps } from './quorumPanel';
import { VoteSession } from './voteSession';

export interface PanelParts {
  readonly extensionUri: vscode.Uri;
  readonly logger: Logger;
  readonly workspaceState: vscode.Memento;
  readonly settings: () => QuorumSettings;
  readonly catalog: () => ModelCatalog;
  readonly providers: ProviderService;
  readonly runner: FallbackRunner;
  readonly discovery: CompatDiscovery;
  readonly spend: SpendService;
  readonly editors: LastEditorTracker;
  readonly previews: PreviewDocuments;
  readonly estimateTokens: (text: string) => number;
  readonly onPost?: QuorumPanelDeps['onPost'];
}

/** What Compare, Vote and @quorum share: usable models, model labels, and the runner as a fan-out. */
export interface EnsembleParts {
  readonly label: LabelOf;
  /** Enabled models of providers that are available and allowed (the same rules as routing). */
  readonly candidates: () => Promise<readonly ModelInfo[]>;
  /** One model per column, no failover. */
  readonly fanOut: FanOutDeps;
}

export function ensembleParts(parts: Pick<PanelParts, 'catalog' | 'providers' | 'discovery' | 'settings' | 'runner' | 'logger'>): EnsembleParts {
  const label: LabelOf = (ref: ModelRef) => parts.catalog().get(ref)?.displayName ?? `${ref.provider}/${ref.model}`;
  // The same provider rules as routing: available (a key, or none needed) and allowed by the privacy setting.
  const candidates = async (): Promise<readonly ModelInfo[]> => {
    const available = await parts.providers.availableIds();
    await parts.discovery.discover(available);
    const allowed = parts.settings().privacy.allowedProviders;
    return parts.catalog().enabled().filter((m) => available.has(m.provider) && (allowed === undefined || allowed.includes(m.provider)));
  };
  // A column is a chain of one model: its failure shows in its own column, never as another model's answer.
  const fanOut: FanOutDeps = {
    engine: {
      run: (ref, request, { signal }) => {
        const { fallback, timeouts } = parts.settings();
        return parts.runner.run([ref], request, {
          signal, deadlineMs: fallback.totalDeadlineMs, timeouts, maxRetriesPerModel: fallback.maxRetriesPerModel, tryAnotherOnContentFilter: false,
        });
      },
    },
    clock: systemClock,
    pricingOf: (ref) => parts.catalog().get(ref)?.pricing,
    logger: parts.logger,
  };
  return { label, candidates, fanOut };
}

/** Adapts the runner, catalog, providers and spend ledger to what the Quorum panel and its sessions need. */
export function quorumPanelDeps(parts: PanelParts): QuorumPanelDeps {
  const { label, candidates, fanOut } = ensembleParts(parts);
  /** A reason to refuse sending `file` to `refs`: it matches a local-only glob and some model is not local. */
  const privacyProblem = (file: string, refs: readonly ModelRef[]): string | undefined => {
    const match = findGlobMatch([file], parts.settings().privacy.localOnlyGlobs);
    if (match === undefined) return undefined;
    const local = new Set(parts.providers.descriptors().filter((d) => d.local).map((d) => d.id));
    const remote = refs.filter((ref) => !local.has(ref.provider)).map((ref) => `${ref.provider}/${ref.model}`);
    return remote.length === 0 ? undefined
      : `${file} matches quorum.privacy.localOnlyGlobs (${match.glob}), so it can only go to local endpoints; ${remote.join(', ')} ${remote.length === 1 ? 'is' : 'are'} not local. Untick "attach file" or pick local models.`;
  };
  const record = (draft: Parameters<SpendService['record']>[0]) => void parts.spend.record(draft);
  return {
    extensionUri: parts.extensionUri,
    logger: parts.logger,
    models: async (): Promise<PanelModel[]> => (await candidates()).map((m) => ({
      ref: `${m.provider}/${m.id}`, label: m.displayName, provider: m.provider, priced: m.pricing.inputPerMTok !== undefined && m.pricing.outputPerMTok !== undefined,
    })),
    sessions: (post) => ({
      compare: new CompareSession({
        fanOut, label, workspaceState: parts.workspaceState, editors: parts.editors, previews: parts.previews,
        contextTokenBudget: () => parts.settings().ask.contextTokenBudget, estimateTokens: parts.estimateTokens,
        record, recordPick: (pick) => void parts.spend.recordPick(pick), privacyProblem, post, logger: parts.logger,
      }),
      vote: new VoteSession({ fanOut, label, catalog: parts.catalog, workspaceState: parts.workspaceState, candidates, record, post }),
    }),
    spend: async () => {
      await parts.spend.refresh();
      return parts.spend.report().snapshot;
    },
    onExport: async () => void await exportUsage(parts.spend, parts.logger),
    onReset: async () => void await resetWorkspaceSpend(parts.spend, parts.logger),
    ...(parts.onPost !== undefined ? { onPost: parts.onPost } : {}),
  };
}
