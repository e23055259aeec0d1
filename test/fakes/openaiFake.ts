import type { ServerResponse } from 'node:http';
import { REJECTED_KEY_MARKER, type FakeRequest, type VendorFake } from './fakeServer';
import { answerOutcome, chatCompletionBody, chatStreamPlan, type OpenAIAnswer, type OpenAIDialect } from './openaiChunks';
import { envelope, errorForFault, invalidKey, type OpenAIErrorResponse } from './openaiEnvelopes';
import type { Fault } from './scenario';
import { answerFor, paceFor, seededRandom, usageFor } from './script';
import { writeStream } from './streamWriter';
import { writeWholeBody } from './wholeBodyWriter';
import { sendJson } from './wire';
import { checkOpenAIParts } from './imageParts';
import { BATCH_SCENARIO_MODEL } from './batchJobs';
import { openaiBatchRoutes } from './openaiBatchFake';
import { automaticCacheTokens, createPromptCacheStore, OPENAI_CACHE_STEP_TOKENS, withCacheCounts, type PromptCacheStore } from './promptCache';
import type { FakeUsage } from './script';

/** Usage with OpenAI's automatic cache reads (`cached_tokens`); a scenario's explicit cache counts win. */
function cachedUsage(usage: FakeUsage, model: string, texts: readonly string[], request: FakeRequest, cache: PromptCacheStore | undefined): FakeUsage {
  if (cache === undefined) return usage;
  const extras = request.scenario?.usage;
  const scenarioSetsCache = extras?.cachedInputTokens !== undefined || extras?.cacheWriteTokens !== undefined;
  // Chat Completions never reports cache writes: caching is automatic and writes cost nothing extra.
  return withCacheCounts(usage, { cached: automaticCacheTokens(cache, model, texts, OPENAI_CACHE_STEP_TOKENS), cacheWrite: 0 }, scenarioSetsCache);
}

/** Models each dialect lists: OpenAI's own ids, or local tags as Ollama names them. */
const MODELS: Readonly<Record<OpenAIDialect, readonly { id: string; owned_by: string }[]>> = {
  // Quorum's built-in OpenAI models, then models it has no metadata for (served only by this listing) and an
  // embedding model, which is never a chat candidate.
  openai: [
    { id: 'gpt-6.2-astra', owned_by: 'system' },
    { id: 'gpt-6.2-sol', owned_by: 'system' },
    { id: 'gpt-6-luna', owned_by: 'system' },
    { id: 'gpt-5.4', owned_by: 'system' },
    { id: 'gpt-5.4-mini', owned_by: 'system' },
    { id: 'gpt-4o-mini', owned_by: 'system' },
    { id: 'text-embedding-3-small', owned_by: 'system' },
  ],
  openaiCompatible: [
    { id: 'llama3.2:latest', owned_by: 'library' },
    { id: 'qwen2.5-coder:7b', owned_by: 'library' },
    { id: 'nomic-embed-text:latest', owned_by: 'library' },
  ],
};

/**
 * The OpenAI Chat Completions dialect (`openai`) and an Ollama/vLLM-like OpenAI-compatible server
 * (`openaiCompatible`): chat (streamed and not), models listing and embeddings, with every fault of the
 * matrix rendered the way these servers send it.
 */
export function openaiFake(dialect: OpenAIDialect, now?: () => number): VendorFake {
  // OpenAI's automatic prompt caching; the compatible dialect (an Ollama-like local server) caches nothing it reports.
  const cache = dialect === 'openai' ? createPromptCacheStore(now) : undefined;
  // Batch and Files exist at OpenAI only, not at compatible servers.
  const batches = dialect === 'openai' ? openaiBatchRoutes() : undefined;
  return {
    vendor: dialect,
    modelOf: (path, body) => {
      if (path === '/v1/batches') return BATCH_SCENARIO_MODEL;
      const model = asRecord(body).model;
      return typeof model === 'string' ? model : undefined;
    },
    handle: async (request) => {
      const { method, path, res } = request;
      const headers = responseHeaders(dialect);
      const rejected = authFailure(dialect, request.req.headers.authorization);
      if (rejected) return sendError(res, rejected, headers);
      const named = asRecord(request.body).model;
      const model = typeof named === 'string' ? named : 'unknown';
      const failure = errorForFault(dialect, request.fault, model);
      if (failure) return sendError(res, failure, headers);
      if (batches?.(request) === true) return;

      if (method === 'POST' && path === '/v1/chat/completions') return chat(dialect, request, headers, cache);
      if (method === 'GET' && path === '/v1/models') return sendJson(res, 200, modelList(dialect), headers);
      if (method === 'POST' && path === '/v1/embeddings') return embeddings(request, headers);
      sendJson(res, 404, envelope(`Invalid URL (${method} ${path})`, 'invalid_request_error', null), headers);
    },
  };
}

/** OpenAI requires a Bearer key; compatible servers accept none, but a rejected-looking key still gets a 401. */
function authFailure(dialect: OpenAIDialect, authorization: string | undefined): OpenAIErrorResponse | undefined {
  const key = authorization?.match(/^Bearer\s+(.*)$/i)?.[1]?.trim();
  if (dialect === 'openai' && (key === undefined || key === '')) return invalidKey(undefined);
  if (key !== undefined && key.includes(REJECTED_KEY_MARKER)) return invalidKey(key);
  return undefined;
}

function responseHeaders(dialect: OpenAIDialect): Record<string, string> {
  const id = `req_${Math.random().toString(16).slice(2, 18)}`;
  return dialect === 'openai'
    ? { 'x-request-id': id, 'openai-processing-ms': '42', 'openai-version': '2020-10-01' }
    : { 'x-request-id': id };
}

function sendError(res: ServerResponse, error: OpenAIErrorResponse, common: Record<string, string>): void {
  if (error.contentType === 'application/json') return sendJson(res, error.status, error.body, { ...common, ...error.headers });
  res.writeHead(error.status, { 'content-type': error.contentType, ...error.headers });
  res.end(String(error.body));
}

async function chat(dialect: OpenAIDialect, request: FakeRequest, headers: Record<string, string>, cache: PromptCacheStore | undefined): Promise<void> {
  const body = asRecord(request.body);
  if (body.prompt_cache_key !== undefined && body.prompt_cache_key !== null && typeof body.prompt_cache_key !== 'string') {
    return sendJson(request.res, 400, envelope("Invalid type for 'prompt_cache_key': expected a string.", 'invalid_request_error', 'invalid_type', 'prompt_cache_key'), headers);
  }
  const { problem } = checkOpenAIParts(body.messages);
  if (problem !== undefined) {
    return sendJson(request.res, 400, envelope(problem.message, 'invalid_request_error', problem.code, problem.param), headers);
  }
  const model = typeof body.model === 'string' ? body.model : 'unknown';
  const texts = messageTexts(body.messages);
  const prompt = texts.at(-1) ?? '';
  const text = request.scenario?.answer ?? answerFor(model, prompt, request.options.answers, texts);
  const sent = answerOutcome(text, request.fault).tokens.join('');
  const answer: OpenAIAnswer = {
    dialect,
    model,
    text,
    usage: cachedUsage(usageFor(texts, sent, request.scenario?.usage), model, texts, request, cache),
    includeUsage: asRecord(body.stream_options).include_usage === true,
    scenario: request.scenario,
    headers,
  };
  if (body.stream === true) {
    return writeStream(request.res, chatStreamPlan(answer), { fault: request.fault, tokensPerSecond: paceFor(model, request.options.tokensPerSecond) });
  }
  return writeWhole(request.res, JSON.stringify(chatCompletionBody(answer)), request.fault, headers);
}

/** A non-streamed body under the faults that still make sense without a stream. */
function writeWhole(res: ServerResponse, text: string, fault: Fault | undefined, headers: Record<string, string>): Promise<void> {
  return writeWholeBody(res, text, fault, {
    contentType: 'application/json',
    headers,
    sendServerError: (r) =>
      sendJson(r, 500, envelope('The server had an error while processing your request. Sorry about that!', 'server_error', null), headers),
  });
}

function modelList(dialect: OpenAIDialect): unknown {
  const created = 1_700_000_000;
  return { object: 'list', data: MODELS[dialect].map((m) => ({ id: m.id, object: 'model', created, owned_by: m.owned_by })) };
}

/** `encoding_format: base64` (the SDK's default on the wire) wants little-endian float32 bytes, base64-encoded. */
function embeddings(request: FakeRequest, headers: Record<string, string>): void {
  const body = asRecord(request.body);
  const inputs = typeof body.input === 'string' ? [body.input] : Array.isArray(body.input) ? body.input : [];
  const dimensions = typeof body.dimensions === 'number' && body.dimensions > 0 ? body.dimensions : 8;
  const base64 = body.encoding_format === 'base64';
  const data = inputs.map((input: unknown, index) => {
    const vector = embeddingVector(typeof input === 'string' ? input : JSON.stringify(input), dimensions);
    const embedding = base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
    return { object: 'embedding', index, embedding };
  });
  const tokens = inputs.reduce((sum: number, input: unknown) => sum + Math.ceil(String(input).length / 4), 0);
  sendJson(request.res, 200, {
    object: 'list', data, model: typeof body.model === 'string' ? body.model : 'unknown',
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  }, headers);
}

/** Deterministic unit-scale values, already float32-exact so both encodings decode to the same numbers. */
export function embeddingVector(text: string, dimensions: number): number[] {
  let seed = 2166136261;
  for (const ch of text) seed = Math.imul(seed ^ (ch.codePointAt(0) ?? 0), 16777619) >>> 0;
  const random = seededRandom(seed);
  return Array.from({ length: dimensions }, () => Math.fround(random() * 2 - 1));
}

function messageTexts(messages: unknown): string[] {
  if (!Array.isArray(messages)) return [];
  return messages.map((m: unknown) => {
    const content = asRecord(m).content;
    if (typeof content === 'string') return content;
    if (!Array.isArray(content)) return '';
    return content.map((part: unknown) => {
      const p = asRecord(part);
      return p.type === 'text' && typeof p.text === 'string' ? p.text : '';
    }).join('');
  });
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : {};
}
