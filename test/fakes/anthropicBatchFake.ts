import { BATCH_SCENARIO_MODEL, countsOf, FakeBatchStore, messageTexts, outcomes, phaseOf, type FakeBatch, type FakeBatchPhase, type FakeBatchRequest } from './batchJobs';
import { faultReply, sendAnthropicError, sendAnthropicJson } from './anthropicWire';
import { VENDOR_PREFIX, type FakeRequest } from './fakeServer';

/**
 * Anthropic Message Batches as documented (https://platform.claude.com/docs/en/build-with-claude/batch-processing,
 * API reference "Message Batches"): `POST /v1/messages/batches` with `{requests: [{custom_id, params}]}`,
 * `GET /v1/messages/batches/{id}` (`processing_status` in_progress | canceling | ended, `request_counts`,
 * `results_url` once ended), `POST …/{id}/cancel`, and `GET …/{id}/results`: JSONL, one
 * `{custom_id, result: {type: succeeded | errored | canceled | expired, …}}` per request.
 */
export function anthropicBatchRoutes(): (request: FakeRequest, requestId: string) => boolean {
  const store = new FakeBatchStore('msgbatch_');
  return (request, requestId) => {
    const { method, path, res } = request;
    if (method === 'POST' && path === '/v1/messages/batches') return create(request, requestId, store);
    const route = /^\/v1\/messages\/batches\/([^/]+)(\/cancel|\/results)?$/.exec(path);
    if (route === null) return false;
    const job = store.get(route[1] ?? '');
    if (job === undefined) {
      sendAnthropicError(res, { status: 404, type: 'not_found_error', message: `Message batch ${route[1] ?? ''} not found.` }, requestId);
      return true;
    }
    const base = `http://${request.req.headers.host ?? '127.0.0.1'}${VENDOR_PREFIX.anthropic}`;
    if (method === 'GET' && route[2] === undefined) sendAnthropicJson(res, batchObject(job, store.poll(job), base), requestId);
    else if (method === 'POST' && route[2] === '/cancel') sendAnthropicJson(res, batchObject(job, store.cancel(job), base), requestId);
    else if (method === 'GET' && route[2] === '/results') results(request, job, requestId);
    else sendAnthropicError(res, { status: 404, type: 'not_found_error', message: `Not found: ${method} ${path}` }, requestId);
    return true;
  };
}

function create(request: FakeRequest, requestId: string, store: FakeBatchStore): true {
  const body = asRecord(request.body);
  const items = Array.isArray(body.requests) ? body.requests.map(asRecord) : [];
  const requests: FakeBatchRequest[] = [];
  for (const item of items) {
    const params = asRecord(item.params);
    if (typeof item.custom_id !== 'string' || typeof params.model !== 'string' || typeof params.max_tokens !== 'number' || params.stream === true) {
      sendAnthropicError(request.res, { status: 400, type: 'invalid_request_error', message: 'requests: each needs custom_id and non-streaming params with model and max_tokens' }, requestId);
      return true;
    }
    const system = typeof params.system === 'string' ? [params.system] : [];
    requests.push({ customId: item.custom_id, model: params.model, texts: [...system, ...messageTexts(params.messages)] });
  }
  if (requests.length === 0) {
    sendAnthropicError(request.res, { status: 400, type: 'invalid_request_error', message: 'requests: at least one request is required' }, requestId);
    return true;
  }
  const fault = faultReply(request.fault, requests[0]?.model ?? 'unknown', 0);
  if (fault !== undefined) {
    sendAnthropicError(request.res, fault, requestId);
    return true;
  }
  const plan = request.scenario?.model === BATCH_SCENARIO_MODEL ? request.scenario.batch : undefined;
  const job = store.create(requests, plan);
  sendAnthropicJson(request.res, batchObject(job, phaseOf(job), ''), requestId);
  return true;
}

function batchObject(job: FakeBatch, phase: FakeBatchPhase, base: string): unknown {
  const c = countsOf(job);
  const ended = phase === 'ended' || phase === 'expired' || phase === 'cancelled' || phase === 'failed';
  const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
  return {
    id: job.id, type: 'message_batch',
    processing_status: ended ? 'ended' : phase === 'cancelling' ? 'canceling' : 'in_progress',
    request_counts: { processing: c.processing, succeeded: c.answered, errored: c.failed, canceled: c.cancelled, expired: c.expired },
    created_at: iso(job.createdAt), expires_at: iso(job.createdAt + 86_400), ended_at: ended ? iso(job.createdAt + 60) : null, archived_at: null,
    cancel_initiated_at: job.doneAtCancel !== undefined ? iso(job.createdAt + 30) : null,
    results_url: ended && base !== '' ? `${base}/v1/messages/batches/${job.id}/results` : null,
  };
}

function results(request: FakeRequest, job: FakeBatch, requestId: string): void {
  const lines = outcomes(job, request.options).map((outcome) => {
    const custom_id = outcome.request.customId;
    switch (outcome.kind) {
      case 'answer':
        return {
          custom_id,
          result: {
            type: 'succeeded',
            message: {
              id: `msg_${custom_id}`, type: 'message', role: 'assistant', model: outcome.request.model, content: [{ type: 'text', text: outcome.text }],
              stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: outcome.usage.input, output_tokens: outcome.usage.output, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
            },
          },
        };
      case 'error':
        return { custom_id, result: { type: 'errored', error: { type: 'error', error: { type: 'api_error', message: 'Internal server error' } } } };
      case 'expired':
        return { custom_id, result: { type: 'expired' } };
      case 'cancelled':
        return { custom_id, result: { type: 'canceled' } };
    }
  });
  request.res.writeHead(200, { 'content-type': 'application/binary', 'request-id': requestId });
  request.res.end(lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : {};
}
