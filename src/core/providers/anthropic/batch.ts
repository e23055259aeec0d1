import Anthropic from '@anthropic-ai/sdk';
import type { MessageBatch, MessageBatchIndividualResponse } from '@anthropic-ai/sdk/resources/messages/batches';
import { ProviderError } from '../../errors';
import {
  BATCH_CALL_TIMEOUT_MS, type BatchCallOptions, type BatchClient, type BatchResult, type BatchStatus,
} from '../batchClient';
import type { ProviderSettings } from '../provider';
import { mapStopReason, toUsage } from './chunks';
import { classifyAnthropicError, REASON_BY_TYPE } from './errors';
import { toAnthropicParams } from './messages';
import { DEFAULT_ANTHROPIC_BASE_URL } from './provider';

/** Anthropic's limit per Message Batch (https://platform.claude.com/docs/en/build-with-claude/batch-processing: 100,000 requests, 256 MB). */
const MAX_REQUESTS = 100_000;

/**
 * Anthropic Message Batches over the official SDK (`messages.batches.create/retrieve/results/cancel`): each request
 * is `{custom_id, params}` with ordinary Messages params (not streamed); the job reports `processing_status`
 * `in_progress | canceling | ended` and per-outcome counts, and its results are JSONL at `results_url`, one
 * `succeeded | errored | canceled | expired` result per request. Models may be mixed within one batch.
 */
export function createAnthropicBatchClient(settings: ProviderSettings): BatchClient {
  const providerName = settings.displayName.trim() === '' ? 'Anthropic' : settings.displayName;
  let client: Anthropic | undefined;
  const sdk = (): Anthropic => {
    const apiKey = settings.apiKey ?? '';
    if (apiKey === '') throw new ProviderError({ reason: 'auth', provider: settings.id, message: `No API key is set for ${providerName}. Run 'Quorum: Set API Key'.` });
    client ??= new Anthropic({
      apiKey, baseURL: settings.baseUrl ?? DEFAULT_ANTHROPIC_BASE_URL, maxRetries: 0, timeout: BATCH_CALL_TIMEOUT_MS, logLevel: 'off',
      ...(settings.headers !== undefined ? { defaultHeaders: settings.headers } : {}),
    });
    return client;
  };
  const call = async <T>(run: (anthropic: Anthropic, options: { signal?: AbortSignal; timeout: number; maxRetries: 0 }) => Promise<T>, options: BatchCallOptions): Promise<T> => {
    try {
      return await run(sdk(), { ...(options.signal !== undefined ? { signal: options.signal } : {}), timeout: options.timeoutMs ?? BATCH_CALL_TIMEOUT_MS, maxRetries: 0 });
    } catch (error) {
      throw classifyAnthropicError(error, { provider: settings.id, providerName, model: undefined, apiKey: settings.apiKey });
    }
  };
  return {
    provider: settings.id,
    oneModelPerBatch: false,
    maxRequests: MAX_REQUESTS,
    submit: (items, options = {}) => call(async (anthropic, request) => {
      const requests = items.map((item) => {
        const { stream: _stream, ...params } = toAnthropicParams(item.request);
        return { custom_id: item.customId, params };
      });
      return (await anthropic.messages.batches.create({ requests }, request)).id;
    }, options),
    poll: (batchId, options = {}) => call(async (anthropic, request) => statusOf(await anthropic.messages.batches.retrieve(batchId, {}, request)), options),
    cancel: (batchId, options = {}) => call(async (anthropic, request) => statusOf(await anthropic.messages.batches.cancel(batchId, {}, request)), options),
    results: (batchId, options = {}) => call(async (anthropic, request) => {
      const results: BatchResult[] = [];
      for await (const line of await anthropic.messages.batches.results(batchId, {}, request)) results.push(resultOf(line));
      return results;
    }, options),
  };
}

function statusOf(batch: MessageBatch): BatchStatus {
  const c = batch.request_counts;
  const done = c.succeeded + c.errored + c.canceled + c.expired;
  const counts = { total: done + c.processing, done, failed: c.errored + c.canceled + c.expired };
  if (batch.processing_status === 'canceling') return { state: 'cancelling', counts };
  if (batch.processing_status === 'in_progress') return { state: 'inProgress', counts };
  // Anthropic has no "expired" or "cancelled" job state: an ended job says so through its counts.
  if (c.expired > 0) return { state: 'expired', counts };
  if (batch.cancel_initiated_at !== null && batch.cancel_initiated_at !== undefined) return { state: 'cancelled', counts };
  return { state: 'ended', counts };
}

function resultOf(line: MessageBatchIndividualResponse): BatchResult {
  const customId = line.custom_id;
  const result = line.result;
  switch (result.type) {
    case 'succeeded': {
      const message = result.message;
      const text = message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
      const usage = toUsage({
        input: message.usage.input_tokens,
        output: message.usage.output_tokens,
        ...(typeof message.usage.cache_read_input_tokens === 'number' ? { cacheRead: message.usage.cache_read_input_tokens } : {}),
        ...(typeof message.usage.cache_creation_input_tokens === 'number' ? { cacheWrite: message.usage.cache_creation_input_tokens } : {}),
      });
      return { customId, ok: true, text, usage: withoutUndefined(usage), finish: mapStopReason(message.stop_reason) };
    }
    case 'errored': {
      const type = result.error.error.type;
      return { customId, ok: false, kind: 'error', reason: REASON_BY_TYPE[type] ?? 'serverError', message: `Anthropic refused this batch request (${type}).` };
    }
    case 'canceled':
      return { customId, ok: false, kind: 'cancelled', message: 'The batch was cancelled before this request ran.' };
    case 'expired':
      return { customId, ok: false, kind: 'expired', message: 'The batch expired before this request ran.' };
  }
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
