import { BATCH_SCENARIO_MODEL, countsOf, FakeBatchStore, messageTexts, outcomes, phaseOf, type FakeBatch, type FakeBatchPhase, type FakeBatchRequest } from './batchJobs';
import type { FakeRequest } from './fakeServer';
import { envelope } from './openaiEnvelopes';
import { sendJson, sendText } from './wire';

/**
 * OpenAI Batch as documented (https://platform.openai.com/docs/guides/batch, API reference "Batch" and "Files"):
 * `POST /v1/files` (multipart, purpose `batch`, a JSONL of `{custom_id, method, url, body}`), `POST /v1/batches`,
 * `GET /v1/batches/{id}`, `POST /v1/batches/{id}/cancel`, `GET /v1/files/{id}/content` for the output file
 * (`{id, custom_id, response: {status_code, request_id, body}, error: null}` per line) and the error file
 * (`{..., response: null, error: {code: batch_expired | batch_cancelled, message}}`).
 */
export function openaiBatchRoutes(): (request: FakeRequest) => boolean {
  const files = new Map<string, string>();
  const store = new FakeBatchStore('batch_');
  let nextFile = 0;
  return (request) => {
    const { method, path, res } = request;
    if (method === 'POST' && path === '/v1/files') {
      const upload = multipartFile(request);
      if (upload === undefined) return reply(request, 400, envelope("Missing required parameter: 'file'.", 'invalid_request_error', null));
      nextFile += 1;
      const id = `file-${String(nextFile).padStart(6, '0')}`;
      files.set(id, upload.content);
      return reply(request, 200, { id, object: 'file', bytes: Buffer.byteLength(upload.content), created_at: 1_765_000_000, filename: upload.filename, purpose: upload.purpose, status: 'processed' });
    }
    if (method === 'POST' && path === '/v1/batches') return create(request, files, store);
    const file = /^\/v1\/files\/([^/]+)\/content$/.exec(path);
    if (method === 'GET' && file !== null) return fileContent(request, file[1] ?? '', files, store);
    const batch = /^\/v1\/batches\/([^/]+)(\/cancel)?$/.exec(path);
    if (batch === null) return false;
    const job = store.get(batch[1] ?? '');
    if (job === undefined) return reply(request, 404, envelope(`No batch found with id '${batch[1] ?? ''}'.`, 'invalid_request_error', null));
    if (method === 'GET' && batch[2] === undefined) return reply(request, 200, batchObject(job, store.poll(job)));
    if (method === 'POST' && batch[2] !== undefined) return reply(request, 200, batchObject(job, store.cancel(job)));
    sendJson(res, 404, envelope(`Invalid URL (${method} ${path})`, 'invalid_request_error', null));
    return true;
  };
}

function reply(request: FakeRequest, status: number, body: unknown): true {
  sendJson(request.res, status, body, { 'x-request-id': `req_${Math.random().toString(16).slice(2, 18)}` });
  return true;
}

function create(request: FakeRequest, files: Map<string, string>, store: FakeBatchStore): true {
  const body = asRecord(request.body);
  const input = typeof body.input_file_id === 'string' ? files.get(body.input_file_id) : undefined;
  if (input === undefined) return reply(request, 400, envelope('Invalid input_file_id.', 'invalid_request_error', 'invalid_file'));
  if (body.endpoint !== '/v1/chat/completions' || body.completion_window !== '24h') {
    return reply(request, 400, envelope('Invalid endpoint or completion_window.', 'invalid_request_error', 'invalid_value'));
  }
  const requests: FakeBatchRequest[] = [];
  for (const line of input.split('\n').filter((l) => l.trim() !== '')) {
    const parsed = asRecord(JSON.parse(line) as unknown);
    const lineBody = asRecord(parsed.body);
    if (typeof parsed.custom_id !== 'string' || parsed.url !== '/v1/chat/completions' || parsed.method !== 'POST' || lineBody.stream === true) {
      return reply(request, 400, envelope('Each line needs custom_id, method POST, url /v1/chat/completions and a non-streaming body.', 'invalid_request_error', 'invalid_request'));
    }
    requests.push({ customId: parsed.custom_id, model: String(lineBody.model), texts: messageTexts(lineBody.messages) });
  }
  if (new Set(requests.map((r) => r.model)).size > 1) return reply(request, 400, envelope('A batch may use one model only.', 'invalid_request_error', 'mixed_models'));
  const plan = request.scenario?.model === BATCH_SCENARIO_MODEL ? request.scenario.batch : undefined;
  const job = store.create(requests, plan);
  return reply(request, 200, batchObject(job, phaseOf(job)));
}

const STATUS: Readonly<Record<FakeBatchPhase, string>> = {
  pending: 'validating', running: 'in_progress', ended: 'completed', expired: 'expired', cancelling: 'cancelling', cancelled: 'cancelled', failed: 'failed',
};

function batchObject(job: FakeBatch, phase: FakeBatchPhase): unknown {
  const counts = countsOf(job);
  const final = phase === 'ended' || phase === 'expired' || phase === 'cancelled';
  return {
    id: job.id, object: 'batch', endpoint: '/v1/chat/completions', input_file_id: 'file-input', completion_window: '24h', status: STATUS[phase],
    errors: phase === 'failed' ? { object: 'list', data: [{ code: 'invalid_json_line', message: 'This line is not parseable as valid JSON.', line: 1, param: null }] } : null,
    output_file_id: final ? `${job.id}-output` : null, error_file_id: final && counts.answered < counts.total ? `${job.id}-errors` : null,
    created_at: job.createdAt, in_progress_at: null, expires_at: job.createdAt + 86_400, completed_at: phase === 'ended' ? job.createdAt + 60 : null,
    request_counts: { total: counts.total, completed: counts.answered, failed: counts.failed + counts.expired + counts.cancelled }, metadata: null,
  };
}

function fileContent(request: FakeRequest, id: string, files: Map<string, string>, store: FakeBatchStore): true {
  const uploaded = files.get(id);
  if (uploaded !== undefined) return text(request, uploaded);
  const [, batchId, kind] = /^(.+)-(output|errors)$/.exec(id) ?? [];
  const job = batchId === undefined ? undefined : store.get(batchId);
  if (job === undefined) return reply(request, 404, envelope(`No such File object: ${id}`, 'invalid_request_error', null));
  const lines = outcomes(job, request.options).flatMap((outcome, i): unknown[] => {
    const base = { id: `batch_req_${i}`, custom_id: outcome.request.customId };
    if (outcome.kind === 'answer') {
      return kind === 'output' ? [{ ...base, response: { status_code: 200, request_id: `req_${i}`, body: completion(outcome.request, outcome.text, outcome.usage.input, outcome.usage.output) }, error: null }] : [];
    }
    if (outcome.kind === 'error') {
      return kind === 'output' ? [{ ...base, response: { status_code: 500, request_id: `req_${i}`, body: envelope('The server had an error while processing your request.', 'server_error', null) }, error: null }] : [];
    }
    return kind === 'errors' ? [{ ...base, response: null, error: { code: outcome.kind === 'expired' ? 'batch_expired' : 'batch_cancelled', message: `This request could not be executed before the batch ${outcome.kind === 'expired' ? 'expired' : 'was cancelled'}.` } }] : [];
  });
  return text(request, lines.map((l) => JSON.stringify(l)).join('\n') + (lines.length > 0 ? '\n' : ''));
}

function completion(request: FakeBatchRequest, content: string, input: number, output: number): unknown {
  return {
    id: `chatcmpl-${request.customId}`, object: 'chat.completion', created: 1_765_000_000, model: request.model,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: input, completion_tokens: output, total_tokens: input + output, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } },
  };
}

function text(request: FakeRequest, body: string): true {
  sendText(request.res, 200, body, 'application/octet-stream');
  return true;
}

/** The `file` part of a multipart upload (the fake server hands over the raw body as text). */
function multipartFile(request: FakeRequest): { content: string; filename: string; purpose: string } | undefined {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(request.req.headers['content-type'] ?? '');
  const raw = typeof request.body === 'string' ? request.body : undefined;
  const marker = boundary?.[1] ?? boundary?.[2];
  if (raw === undefined || marker === undefined) return undefined;
  const parts = raw.split(`--${marker}`).map((part) => {
    const split = part.indexOf('\r\n\r\n');
    return { head: part.slice(0, split), body: part.slice(split + 4).replace(/\r\n$/, '') };
  });
  const file = parts.find((p) => /name="file"/.test(p.head));
  const purpose = parts.find((p) => /name="purpose"/.test(p.head))?.body ?? '';
  if (file === undefined || purpose !== 'batch') return undefined;
  return { content: file.body, filename: /filename="([^"]*)"/.exec(file.head)?.[1] ?? 'upload.jsonl', purpose };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : {};
}
