import { BATCH_SCENARIO_MODEL, countsOf, FakeBatchStore, messageTexts, outcomes, phaseOf, type FakeBatch, type FakeBatchPhase, type FakeBatchRequest } from './batchJobs';
import type { FakeRequest } from './fakeServer';
import { rpcError, type GeminiErrorReply } from './geminiErrorReplies';
import { sendJson } from './wire';

const JSON_TYPE = 'application/json; charset=UTF-8';
const CREATE_ROUTE = /^\/(v1|v1beta)\/models\/([^/:]+):batchGenerateContent$/;
const JOB_ROUTE = /^\/(v1|v1beta)\/batches\/([^/:]+)(:cancel)?$/;

/**
 * Gemini batch mode as documented (https://ai.google.dev/gemini-api/docs/batch-mode, REST `batches`):
 * `POST /{version}/models/{model}:batchGenerateContent` with inlined requests
 * (`{batch: {displayName, inputConfig: {requests: {requests: [{request, metadata}]}}}}`) answers a long-running
 * operation `{name: batches/…, metadata: {@type, model, state: BATCH_STATE_…, output?}}`; `GET /{version}/batches/{id}`
 * reads it (inlined responses under `metadata.output.inlinedResponses.inlinedResponses` once done, each with its
 * `metadata` and a `response` or an `error`), `POST /{version}/batches/{id}:cancel` cancels it.
 */
export function geminiBatchRoutes(): (request: FakeRequest, sendError: (reply: GeminiErrorReply) => void) => boolean {
  const store = new FakeBatchStore('');
  return (request, sendError) => {
    const { method, path } = request;
    const create = CREATE_ROUTE.exec(path);
    if (method === 'POST' && create !== null) return createJob(request, decodeURIComponent(create[2] ?? ''), store, sendError);
    const route = JOB_ROUTE.exec(path);
    if (route === null) return false;
    const job = store.get(route[2] ?? '');
    if (job === undefined) {
      sendError(rpcError(404, 'NOT_FOUND', `Batch batches/${route[2] ?? ''} not found.`));
      return true;
    }
    if (method === 'GET' && route[3] === undefined) sendJson(request.res, 200, operation(job, store.poll(job), request), { 'content-type': JSON_TYPE });
    else if (method === 'POST' && route[3] === ':cancel') {
      store.cancel(job);
      sendJson(request.res, 200, {}, { 'content-type': JSON_TYPE });
    } else sendError(rpcError(404, 'NOT_FOUND', `Method not found: ${method} ${path}`));
    return true;
  };
}

function createJob(request: FakeRequest, model: string, store: FakeBatchStore, sendError: (reply: GeminiErrorReply) => void): true {
  const batch = asRecord(asRecord(request.body).batch);
  const items = asRecord(asRecord(asRecord(batch.inputConfig).requests)).requests;
  if (!Array.isArray(items) || items.length === 0) {
    sendError(rpcError(400, 'INVALID_ARGUMENT', 'batch.input_config.requests must not be empty.'));
    return true;
  }
  const requests: FakeBatchRequest[] = items.map((raw: unknown, index) => {
    const item = asRecord(raw);
    const inner = asRecord(item.request);
    const system = messageTexts([asRecord(inner.systemInstruction)]).filter((t) => t !== '');
    return { customId: String(asRecord(item.metadata).key ?? index), model, texts: [...system, ...messageTexts(inner.contents)] };
  });
  const plan = request.scenario?.model === BATCH_SCENARIO_MODEL ? request.scenario.batch : undefined;
  const job = store.create(requests, plan);
  sendJson(request.res, 200, operation(job, phaseOf(job), request), { 'content-type': JSON_TYPE });
  return true;
}

const STATE: Readonly<Record<FakeBatchPhase, string>> = {
  pending: 'BATCH_STATE_PENDING', running: 'BATCH_STATE_RUNNING', ended: 'BATCH_STATE_SUCCEEDED', expired: 'BATCH_STATE_EXPIRED',
  cancelling: 'BATCH_STATE_RUNNING', cancelled: 'BATCH_STATE_CANCELLED', failed: 'BATCH_STATE_FAILED',
};

function operation(job: FakeBatch, phase: FakeBatchPhase, request: FakeRequest): unknown {
  const c = countsOf(job);
  const final = phase === 'ended' || phase === 'expired' || phase === 'cancelled';
  const time = (s: number) => new Date(s * 1000).toISOString();
  return {
    name: `batches/${job.id}`,
    metadata: {
      '@type': 'type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch',
      model: `models/${job.model}`, displayName: `batch ${job.id}`, state: STATE[phase], createTime: time(job.createdAt), updateTime: time(job.createdAt + job.polls),
      batchStats: { requestCount: String(c.total), successfulRequestCount: String(c.answered), failedRequestCount: String(c.failed), pendingRequestCount: String(c.processing) },
      ...(final ? { endTime: time(job.createdAt + 60), output: { inlinedResponses: { inlinedResponses: inlinedResponses(job, request) } } } : {}),
    },
    ...(final || phase === 'failed' ? { done: true } : {}),
  };
}

/** One inlined response per request that ran (the documented order: that of the requests). */
function inlinedResponses(job: FakeBatch, request: FakeRequest): unknown[] {
  return outcomes(job, request.options).flatMap((outcome): unknown[] => {
    const metadata = { key: outcome.request.customId };
    if (outcome.kind === 'answer') {
      const { input, output } = outcome.usage;
      return [{
        response: {
          candidates: [{ content: { parts: [{ text: outcome.text }], role: 'model' }, finishReason: 'STOP', index: 0 }],
          usageMetadata: { promptTokenCount: input, candidatesTokenCount: output, totalTokenCount: input + output },
          modelVersion: job.model,
        },
        metadata,
      }];
    }
    if (outcome.kind === 'error') return [{ error: { code: 13, message: 'Internal error encountered.' }, metadata }];
    return [];
  });
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : {};
}
