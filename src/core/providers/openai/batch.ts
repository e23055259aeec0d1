import { OpenAI, toFile } from 'openai';
import type { Batch } from 'openai/resources/batches';
import type { ChatCompletion } from 'openai/resources/chat/completions';
import { ProviderError } from '../../errors';
import {
  BATCH_CALL_TIMEOUT_MS, reasonForBatchStatus, type BatchCallOptions, type BatchClient, type BatchItem, type BatchResult, type BatchState, type BatchStatus,
} from '../batchClient';
import type { ProviderSettings } from '../provider';
import { FINISH, toUsage } from './chunks';
import { classifyOpenAIError } from './errors';
import { OPENAI_DIALECT, toOpenAIChatBody } from './messages';

const OPENAI_BASE_URL = 'https://api.openai.com/v1';
/** OpenAI's limit per batch file (https://platform.openai.com/docs/guides/batch: 50,000 requests, 200 MB). */
const MAX_REQUESTS = 50_000;
const ENDPOINT = '/v1/chat/completions';

const STATES: Readonly<Record<Batch['status'], BatchState>> = {
  validating: 'submitted',
  in_progress: 'inProgress',
  finalizing: 'inProgress',
  completed: 'ended',
  expired: 'expired',
  cancelling: 'cancelling',
  cancelled: 'cancelled',
  failed: 'failed',
};

/**
 * OpenAI Batch over the official SDK: the requests go up as a JSONL file (`files.create`, purpose `batch`), one line
 * per request `{custom_id, method, url, body}`; `batches.create` starts the job on `/v1/chat/completions` with the
 * 24 h window; results come back as the output file (answers, and per-request errors with their status) and the
 * error file (requests that never ran: `batch_expired`, `batch_cancelled`).
 */
export function createOpenAIBatchClient(settings: ProviderSettings): BatchClient {
  const context = (model?: string) => ({ provider: settings.id, providerName: settings.displayName, model, compatible: false });
  let client: OpenAI | undefined;
  const sdk = (): OpenAI => {
    const key = settings.apiKey?.trim() ?? '';
    if (key === '') throw new ProviderError({ reason: 'auth', provider: settings.id, message: `No ${settings.displayName} API key is set. Run 'Quorum: Set API Key'.` });
    client ??= new OpenAI({
      apiKey: key, baseURL: settings.baseUrl ?? OPENAI_BASE_URL, maxRetries: 0, timeout: BATCH_CALL_TIMEOUT_MS,
      organization: null, project: null, adminAPIKey: null, logLevel: 'off', ...(settings.headers !== undefined ? { defaultHeaders: settings.headers } : {}),
    });
    return client;
  };
  const call = async <T>(run: (openai: OpenAI, options: { signal?: AbortSignal; timeout: number; maxRetries: 0 }) => Promise<T>, options: BatchCallOptions, model?: string): Promise<T> => {
    try {
      return await run(sdk(), { ...(options.signal !== undefined ? { signal: options.signal } : {}), timeout: options.timeoutMs ?? BATCH_CALL_TIMEOUT_MS, maxRetries: 0 });
    } catch (error) {
      throw classifyOpenAIError(error, context(model));
    }
  };
  return {
    provider: settings.id,
    oneModelPerBatch: true,
    maxRequests: MAX_REQUESTS,
    submit: (items, options = {}) => call(async (openai, request) => {
      const file = await openai.files.create({ file: await toFile(Buffer.from(jsonl(items, settings)), 'quorum-batch.jsonl'), purpose: 'batch' }, request);
      const batch = await openai.batches.create({ input_file_id: file.id, endpoint: ENDPOINT, completion_window: '24h' }, request);
      return batch.id;
    }, options, items[0]?.request.model),
    poll: (batchId, options = {}) => call(async (openai, request) => statusOf(await openai.batches.retrieve(batchId, request)), options),
    cancel: (batchId, options = {}) => call(async (openai, request) => statusOf(await openai.batches.cancel(batchId, request)), options),
    results: (batchId, options = {}) => call(async (openai, request) => {
      const batch = await openai.batches.retrieve(batchId, request);
      const files = [batch.output_file_id, batch.error_file_id].filter((id): id is string => typeof id === 'string' && id !== '');
      const texts = await Promise.all(files.map(async (id) => (await openai.files.content(id, request)).text()));
      return texts.flatMap((text) => text.split('\n')).filter((line) => line.trim() !== '').map(resultOf);
    }, options),
  };
}

/** The batch input file: one Chat Completions request a line, not streamed (a batch answer arrives whole). */
function jsonl(items: readonly BatchItem[], settings: ProviderSettings): string {
  return items.map((item) => {
    const { stream: _stream, stream_options: _options, ...body } = toOpenAIChatBody(item.request, OPENAI_DIALECT, { provider: settings.id, providerName: settings.displayName });
    return JSON.stringify({ custom_id: item.customId, method: 'POST', url: ENDPOINT, body });
  }).join('\n') + '\n';
}

function statusOf(batch: Batch): BatchStatus {
  const counts = batch.request_counts;
  const state = STATES[batch.status] ?? 'inProgress';
  return {
    state,
    counts: counts === undefined ? {} : { total: counts.total, done: counts.completed + counts.failed, failed: counts.failed },
    ...(state === 'failed' ? { problem: `OpenAI refused the batch${batch.errors?.data?.[0]?.code !== undefined ? ` (${batch.errors.data[0].code})` : ''}.` } : {}),
  };
}

interface OutputLine {
  readonly custom_id?: string;
  readonly response?: { readonly status_code?: number; readonly body?: unknown } | null;
  readonly error?: { readonly code?: string | null; readonly message?: string | null } | null;
}

/** One line of the output or error file as our result; a line we cannot read is a failure, never a throw. */
function resultOf(line: string): BatchResult {
  let parsed: OutputLine;
  try {
    parsed = JSON.parse(line) as OutputLine;
  } catch {
    return { customId: '', ok: false, kind: 'error', reason: 'malformedResponse', message: 'OpenAI sent a batch result line that is not JSON.' };
  }
  const customId = parsed.custom_id ?? '';
  const status = parsed.response?.status_code;
  if (parsed.error?.code === 'batch_expired') return { customId, ok: false, kind: 'expired', message: 'The batch expired before this request ran.' };
  if (parsed.error?.code === 'batch_cancelled') return { customId, ok: false, kind: 'cancelled', message: 'The batch was cancelled before this request ran.' };
  if (status !== 200 || parsed.response?.body === undefined) {
    return { customId, ok: false, kind: 'error', reason: reasonForBatchStatus(status), message: `OpenAI answered this batch request with ${status === undefined ? 'an error' : `HTTP ${status}`}.` };
  }
  const completion = parsed.response.body as ChatCompletion;
  const choice = completion.choices?.[0];
  return {
    customId,
    ok: true,
    text: typeof choice?.message?.content === 'string' ? choice.message.content : '',
    usage: completion.usage === undefined ? {} : toUsage(completion.usage),
    finish: FINISH[choice?.finish_reason ?? ''] ?? 'other',
  };
}
