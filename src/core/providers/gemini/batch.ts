import { GoogleGenAI, type BatchJob, type InlinedRequest, type InlinedResponse } from '@google/genai';
import { ProviderError, type ProviderErrorReason } from '../../errors';
import {
  BATCH_CALL_TIMEOUT_MS, type BatchCallOptions, type BatchClient, type BatchItem, type BatchResult, type BatchState, type BatchStatus,
} from '../batchClient';
import type { ProviderSettings } from '../provider';
import { mapFinishReason, toUsage } from './chunks';
import { classifyGeminiError } from './errors';
import { toGeminiRequest } from './messages';

const DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com/';
/**
 * Inlined requests must fit the 20 MB request limit (https://ai.google.dev/gemini-api/docs/batch-mode); eval
 * prompts are small, and a run larger than this is split into several jobs.
 */
const MAX_REQUESTS = 2_000;

const STATES: Readonly<Record<string, BatchState>> = {
  JOB_STATE_PENDING: 'submitted',
  JOB_STATE_QUEUED: 'submitted',
  JOB_STATE_RUNNING: 'inProgress',
  JOB_STATE_SUCCEEDED: 'ended',
  JOB_STATE_PARTIALLY_SUCCEEDED: 'ended',
  JOB_STATE_FAILED: 'failed',
  JOB_STATE_CANCELLING: 'cancelling',
  JOB_STATE_CANCELLED: 'cancelled',
  JOB_STATE_EXPIRED: 'expired',
};

/** google.rpc codes of a per-request error, in our vocabulary. */
const RPC_REASONS: Readonly<Record<number, ProviderErrorReason>> = {
  3: 'invalidRequest', 5: 'notFound', 7: 'permission', 8: 'rateLimited', 13: 'serverError', 14: 'overloaded', 16: 'auth',
};

/**
 * Gemini batch mode (the Gemini API, not Vertex) over `@google/genai`: `batches.create` with inlined requests
 * (`models/{model}:batchGenerateContent`, each request tagged with our id in `metadata.key`), `batches.get` for
 * the job and its inlined responses, `batches.cancel`. One model per job. The SDK never retries without
 * `retryOptions`; each call gets its own deadline through an abort signal.
 */
export function createGeminiBatchClient(settings: ProviderSettings & { readonly apiVersion?: 'v1' | 'v1beta' }): BatchClient {
  const providerName = settings.displayName.trim() === '' ? 'Google Gemini' : settings.displayName;
  let client: GoogleGenAI | undefined;
  const sdk = (): GoogleGenAI => {
    const apiKey = settings.apiKey?.trim() ?? '';
    if (apiKey === '') throw new ProviderError({ reason: 'auth', provider: settings.id, message: `No ${providerName} API key is set. Run 'Quorum: Set API Key' to add one.` });
    client ??= new GoogleGenAI({
      apiKey, vertexai: false,
      httpOptions: { baseUrl: settings.baseUrl ?? DEFAULT_BASE_URL, apiVersion: settings.apiVersion ?? 'v1beta', ...(settings.headers !== undefined ? { headers: { ...settings.headers } } : {}) },
    });
    return client;
  };
  const call = async <T>(run: (genai: GoogleGenAI, abortSignal: AbortSignal) => Promise<T>, options: BatchCallOptions, model?: string): Promise<T> => {
    const timeoutMs = options.timeoutMs ?? BATCH_CALL_TIMEOUT_MS;
    const deadline = AbortSignal.timeout(timeoutMs);
    try {
      return await run(sdk(), options.signal === undefined ? deadline : AbortSignal.any([options.signal, deadline]));
    } catch (error) {
      if (error instanceof ProviderError) throw error;
      if (options.signal?.aborted === true) throw new ProviderError({ reason: 'aborted', provider: settings.id, message: `The ${providerName} batch call was cancelled.`, cause: error });
      if (deadline.aborted) throw new ProviderError({ reason: 'timeout', provider: settings.id, message: `${providerName} did not answer a batch call within ${timeoutMs} ms. Check your network and try again.`, cause: error });
      throw classifyGeminiError(error, { provider: settings.id, providerName, ...(model !== undefined ? { model } : {}) });
    }
  };
  return {
    provider: settings.id,
    oneModelPerBatch: true,
    maxRequests: MAX_REQUESTS,
    submit: (items, options = {}) => {
      const model = items[0]?.request.model ?? '';
      return call(async (genai, abortSignal) => {
        const job = await genai.batches.create({ model, src: items.map(inlined), config: { displayName: `quorum-eval-${items.length}`, abortSignal } });
        if (job.name === undefined) throw new ProviderError({ reason: 'malformedResponse', provider: settings.id, model, message: `${providerName} accepted the batch but named no job.` });
        return job.name;
      }, options, model);
    },
    poll: (batchId, options = {}) => call(async (genai, abortSignal) => statusOf(await genai.batches.get({ name: batchId, config: { abortSignal } })), options),
    cancel: (batchId, options = {}) => call(async (genai, abortSignal) => {
      await genai.batches.cancel({ name: batchId, config: { abortSignal } });
      return statusOf(await genai.batches.get({ name: batchId, config: { abortSignal } }));
    }, options),
    results: (batchId, options = {}) => call(async (genai, abortSignal) => {
      const job = await genai.batches.get({ name: batchId, config: { abortSignal } });
      return (job.dest?.inlinedResponses ?? []).map(resultOf);
    }, options),
  };
}

/** One request as an inlined batch request: the streaming parameters without their per-call settings. */
function inlined(item: BatchItem): InlinedRequest {
  const { contents, config } = toGeminiRequest(item.request, new AbortController().signal);
  const { abortSignal: _signal, automaticContinuation: _continuation, ...rest } = config ?? {};
  return { contents, config: rest, metadata: { key: item.customId } };
}

function statusOf(job: BatchJob): BatchStatus {
  const state = STATES[job.state ?? ''] ?? 'inProgress';
  const answered = job.dest?.inlinedResponses;
  const counts = answered === undefined ? {} : { done: answered.length, failed: answered.filter((r) => r.error !== undefined).length };
  return { state, counts, ...(state === 'failed' ? { problem: 'Gemini could not run the batch.' } : {}) };
}

function resultOf(response: InlinedResponse): BatchResult {
  const customId = response.metadata?.key ?? '';
  if (response.error !== undefined || response.response === undefined) {
    const code = response.error?.code;
    return { customId, ok: false, kind: 'error', reason: (code !== undefined ? RPC_REASONS[code] : undefined) ?? 'serverError', message: `Gemini could not answer this batch request${code !== undefined ? ` (code ${code})` : ''}.` };
  }
  const answer = response.response;
  const candidate = answer.candidates?.[0];
  const text = (candidate?.content?.parts ?? []).filter((p) => p.thought !== true).map((p) => p.text ?? '').join('');
  const usage = answer.usageMetadata === undefined ? {} : toUsage(answer.usageMetadata);
  return {
    customId, ok: true, text, usage: Object.fromEntries(Object.entries(usage).filter(([, v]) => v !== undefined)),
    finish: candidate?.finishReason === undefined ? 'other' : mapFinishReason(candidate.finishReason),
  };
}
