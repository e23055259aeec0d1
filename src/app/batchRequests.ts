import type { ModelPricing } from '../core/catalog/modelInfo';
import type { LedgerDraft } from '../core/cost/ledger';
import type { LedgerFeature } from '../core/cost/ledgerRecord';
import { priceCall } from '../core/cost/pricing';
import { isProviderError } from '../core/errors';
import type { BatchClient, BatchItem, BatchResult } from '../core/providers/batchClient';
import { DEFAULT_OUTPUT_BUDGET_TOKENS } from '../core/routing/classify';
import { countMessageTokens } from '../core/routing/tokenEstimate';
import type { ChatMessage, ModelRef, Usage } from '../core/types';
import type { BudgetGate } from './budgetGate';
import type { Refusal } from './ensemble/ensembleRequests';
import type { RequestPrivacy } from './privacy/requestPrivacy';

/**
 * The request path for batch jobs (evals at half price): the same steps as every other way in, spread over a job
 * that answers hours later. Before anything is sent: screen every request for secrets, check every model may take
 * them (eligibility), admit the whole job through the budget on its upper-bound estimate AT BATCH PRICES; then
 * submit one job per vendor (per model where the vendor wants one model a job), telling the data-sent log of every
 * request. When a job's results come back (maybe after a window reload), `record` writes one ledger record per
 * result — `batch: true`, priced at the batch rate — under an id derived from the job and the request, so a result
 * recorded twice (a reload between recording and saving the queue) is one record.
 */

/** One request of a batch submission. */
export interface BatchRequestItem {
  /** Unique within the submission, ≤ 64 characters of `[A-Za-z0-9_-]` (every vendor accepts that). */
  readonly customId: string;
  readonly ref: ModelRef;
  readonly messages: readonly ChatMessage[];
  readonly maxOutputTokens?: number;
}

export interface BatchSubmission {
  readonly feature: LedgerFeature;
  readonly items: readonly BatchRequestItem[];
  /** The ledger's route reason of every result, e.g. `eval invoice-extraction (batch)`. */
  readonly routeReason: string;
  readonly signal?: AbortSignal;
  /** Workspace-relative paths of files whose content is attached (for the data-sent log). */
  readonly contextFiles?: readonly string[];
}

/** One job the vendor accepted. */
export interface SubmittedJob {
  readonly provider: string;
  /** The vendor's batch id. */
  readonly batchId: string;
  readonly items: readonly { readonly customId: string; readonly ref: ModelRef }[];
}

/** Requests whose job the vendor refused (nothing of them is billed). */
export interface RejectedJob {
  readonly provider: string;
  readonly customIds: readonly string[];
  readonly problem: string;
}

export interface BatchSubmitted {
  readonly jobs: readonly SubmittedJob[];
  readonly rejected: readonly RejectedJob[];
  /** The budget's estimate the job was admitted on, USD at batch prices; `undefined` when no model is priced. */
  readonly estimateUsd?: number;
}

/** What the ledger needs to know about a finished job to record its results. */
export interface BatchRecordInput {
  readonly provider: string;
  readonly batchId: string;
  readonly feature: LedgerFeature;
  readonly routeReason: string;
  /** When the job was submitted, ms since the epoch (each record's latency is the job's turnaround). */
  readonly submittedAt: number;
  readonly endedAt: number;
  readonly results: readonly { readonly ref: ModelRef; readonly result: BatchResult }[];
}

export interface BatchRequestDeps {
  /** The batch client of a provider; `undefined` when it has no batch API or no key. */
  readonly clientFor: (provider: string) => Promise<BatchClient | undefined>;
  readonly pricingOf: (ref: ModelRef) => ModelPricing | undefined;
  readonly budget?: BudgetGate;
  readonly privacy?: RequestPrivacy;
  /** Why these models may not take these messages (`app/eligibility.ts` `problem`), `undefined` when they may. */
  readonly eligibility?: (refs: readonly ModelRef[], messages: readonly ChatMessage[]) => Promise<string | undefined>;
  readonly record: (draft: LedgerDraft) => void;
}

export interface BatchRequests {
  submit(submission: BatchSubmission): Promise<Refusal | BatchSubmitted>;
  /** Records every result of a finished job in the ledger; returns each result's cost (USD, `undefined` = unknown). */
  record(input: BatchRecordInput): ReadonlyMap<string, number | undefined>;
}

export function createBatchRequests(deps: BatchRequestDeps): BatchRequests {
  return {
    async submit(submission) {
      const session = deps.privacy?.begin(submission.feature, submission.contextFiles);
      const items: BatchRequestItem[] = [];
      for (const item of submission.items) {
        const screened = session?.screen(item.messages) ?? { messages: item.messages };
        if ('blocked' in screened) return { refused: true, reason: screened.blocked };
        items.push({ ...item, messages: screened.messages });
      }
      const refs = distinctRefs(items.map((i) => i.ref));
      const problem = await deps.eligibility?.(refs, items[0]?.messages ?? []);
      if (problem !== undefined) return { refused: true, reason: problem };
      const estimateUsd = batchEstimateUsd(items, deps.pricingOf);
      const admission = deps.budget === undefined ? { go: true } : await deps.budget.admit(estimateUsd);
      if (!admission.go || submission.signal?.aborted === true) return { refused: true, ...(admission.reason !== undefined ? { reason: admission.reason } : {}) };
      const jobs: SubmittedJob[] = [];
      const rejected: RejectedJob[] = [];
      for (const group of await groupByJob(items, deps.clientFor, rejected)) {
        try {
          const batchItems: BatchItem[] = group.items.map((i) => ({ customId: i.customId, request: { model: i.ref.model, messages: i.messages, ...(i.maxOutputTokens !== undefined ? { maxOutputTokens: i.maxOutputTokens } : {}) } }));
          const batchId = await group.client.submit(batchItems, submission.signal !== undefined ? { signal: submission.signal } : {});
          for (const i of group.items) session?.sent(i.ref, i.messages, 0);
          jobs.push({ provider: group.client.provider, batchId, items: group.items.map((i) => ({ customId: i.customId, ref: i.ref })) });
        } catch (error) {
          rejected.push({ provider: group.client.provider, customIds: group.items.map((i) => i.customId), problem: isProviderError(error) ? error.message : 'The batch could not be submitted.' });
        }
      }
      return { jobs, rejected, ...(estimateUsd !== undefined ? { estimateUsd } : {}) };
    },

    record(input) {
      const costs = new Map<string, number | undefined>();
      const latencyMs = Math.max(0, input.endedAt - input.submittedAt);
      for (const { ref, result } of input.results) {
        const usage: Usage = result.ok ? result.usage : {};
        // A request that never ran (expired, cancelled) or was refused is billed nothing: a known $0.
        const costUsd = result.ok ? priceCall(usage, deps.pricingOf(ref), { batch: true }) : 0;
        costs.set(result.customId, costUsd);
        deps.record({
          id: `batch-${input.provider}-${input.batchId}-${result.customId}`.replace(/[^A-Za-z0-9_.:-]/g, '_'),
          ts: input.endedAt, feature: input.feature, provider: ref.provider, model: ref.model, usage,
          ...(costUsd !== undefined ? { costUsd } : {}), latencyMs,
          outcome: result.ok ? 'success' : result.kind === 'error' ? 'failed' : 'cancelled',
          attempts: [{
            provider: ref.provider, model: ref.model, outcome: result.ok ? 'success' : result.kind === 'error' ? 'failed' : 'aborted',
            ...(!result.ok && result.reason !== undefined ? { reason: result.reason } : {}), latencyMs,
          }],
          cacheHit: false, routeReason: input.routeReason, batch: true,
        });
      }
      return costs;
    },
  };
}

/**
 * What the budget checks for a batch: every request answering its whole output allowance, at the batch rate.
 * Requests of unpriced models are left out (a lower bound, as for a Compare); `undefined` when none is priced.
 */
export function batchEstimateUsd(items: readonly BatchRequestItem[], pricingOf: (ref: ModelRef) => ModelPricing | undefined): number | undefined {
  let total: number | undefined;
  for (const item of items) {
    const usage = { inputTokens: countMessageTokens(item.messages).tokens, outputTokens: item.maxOutputTokens ?? DEFAULT_OUTPUT_BUDGET_TOKENS };
    const cost = priceCall(usage, pricingOf(item.ref), { batch: true });
    if (cost !== undefined) total = (total ?? 0) + cost;
  }
  return total;
}

interface JobGroup {
  readonly client: BatchClient;
  readonly items: readonly BatchRequestItem[];
}

/** Items grouped into jobs: one per provider, or per model where the vendor takes one model a job, split at its size limit. */
async function groupByJob(items: readonly BatchRequestItem[], clientFor: BatchRequestDeps['clientFor'], rejected: RejectedJob[]): Promise<JobGroup[]> {
  const byProvider = new Map<string, BatchRequestItem[]>();
  for (const item of items) byProvider.set(item.ref.provider, [...(byProvider.get(item.ref.provider) ?? []), item]);
  const groups: JobGroup[] = [];
  for (const [provider, mine] of byProvider) {
    const client = await clientFor(provider);
    if (client === undefined) {
      rejected.push({ provider, customIds: mine.map((i) => i.customId), problem: `${provider} has no batch API Quorum can use (or no API key is set).` });
      continue;
    }
    const byModel = new Map<string, BatchRequestItem[]>();
    for (const item of mine) {
      const key = client.oneModelPerBatch ? item.ref.model : '';
      byModel.set(key, [...(byModel.get(key) ?? []), item]);
    }
    for (const group of byModel.values()) {
      for (let start = 0; start < group.length; start += client.maxRequests) groups.push({ client, items: group.slice(start, start + client.maxRequests) });
    }
  }
  return groups;
}

function distinctRefs(refs: readonly ModelRef[]): ModelRef[] {
  const seen = new Map<string, ModelRef>();
  for (const ref of refs) seen.set(`${ref.provider}/${ref.model}`, ref);
  return [...seen.values()];
}
