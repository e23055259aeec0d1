import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { parseMessagesBody, type ParsedMessagesBody } from './anthropicRequest';
import {
  anthropicStreamPlan, faultReply, messageBody, newRequestId, sendAnthropicError, sendAnthropicJson,
  type AnthropicAnswer, type AnthropicErrorReply,
} from './anthropicWire';
import { REJECTED_KEY_MARKER, type FakeRequest, type VendorFake } from './fakeServer';
import { answerFor, paceFor, promptTokens, tokenize, usageFor } from './script';
import { anthropicCacheUsage, createPromptCacheStore, withCacheCounts, type PromptCacheStore } from './promptCache';
import { whenClosed, writeStream } from './streamWriter';
import { anthropicBatchRoutes } from './anthropicBatchFake';
import { BATCH_SCENARIO_MODEL } from './batchJobs';

export interface AnthropicFakeOptions {
  /** Send streams without `event:` lines (the SDK then silently yields nothing): a broken-gateway case. */
  readonly omitEventNames?: boolean;
  /** The prompt cache's clock (tests move it to expire entries); `Date.now` by default. */
  readonly now?: () => number;
}

/** How a request authenticated: the 0.x SDKs send `x-api-key`, 1.x sends `Authorization: Bearer`. */
export type AnthropicAuthStyle = 'x-api-key' | 'bearer';

/** Reads the key and which header carried it, from a live or a recorded request; like the API, `x-api-key` wins. */
export function anthropicAuth(headers: IncomingHttpHeaders | Readonly<Record<string, string | string[] | undefined>>):
  { key?: string; style?: AnthropicAuthStyle } {
  const apiKey = headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey !== '') return { key: apiKey, style: 'x-api-key' };
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && /^Bearer\s+\S/i.test(authorization)) {
    return { key: authorization.replace(/^Bearer\s+/i, ''), style: 'bearer' };
  }
  return {};
}

/** API versions the fake accepts: the 0.x SDKs' and the pinned 1.12.0's. */
const KNOWN_VERSIONS = new Set(['2023-06-01', '2026-10-21']);

// Three of Quorum's four built-in Claude models (claude-fable-5-1 is left out on purpose: a built-in model this
// "account" does not serve), then older models Quorum has no metadata for.
const MODELS = [
  { id: 'claude-opus-5-5', display_name: 'Claude Opus 5.5', created_at: '2026-10-01T00:00:00Z' },
  { id: 'claude-sonnet-5-5', display_name: 'Claude Sonnet 5.5', created_at: '2026-10-01T00:00:00Z' },
  { id: 'claude-haiku-5-5', display_name: 'Claude Haiku 5.5', created_at: '2026-10-01T00:00:00Z' },
  { id: 'claude-opus-4-8', display_name: 'Claude Opus 4.8', created_at: '2026-09-01T00:00:00Z' },
  { id: 'claude-sonnet-4-6', display_name: 'Claude Sonnet 4.6', created_at: '2026-02-17T00:00:00Z' },
  { id: 'claude-haiku-4-5', display_name: 'Claude Haiku 4.5', created_at: '2025-10-01T00:00:00Z' },
  { id: 'claude-opus-4-5', display_name: 'Claude Opus 4.5', created_at: '2025-11-01T00:00:00Z' },
];

/**
 * The Anthropic Messages API dialect of the fake server: `POST /v1/messages` (streaming and not),
 * `POST /v1/messages/count_tokens` and `GET /v1/models[/{id}]`, with Anthropic's auth, envelopes and faults.
 */
export function anthropicFake(options: AnthropicFakeOptions = {}): VendorFake {
  const cache = createPromptCacheStore(options.now);
  const batches = anthropicBatchRoutes();
  return {
    vendor: 'anthropic',
    modelOf: (path, body) => {
      if (path === '/v1/messages/batches') return BATCH_SCENARIO_MODEL;
      const model = (body as { model?: unknown } | undefined)?.model;
      return typeof model === 'string' ? model : undefined;
    },
    handle: (request) => handle(request, options, cache, batches),
  };
}

async function handle(request: FakeRequest, options: AnthropicFakeOptions, cache: PromptCacheStore, batches: ReturnType<typeof anthropicBatchRoutes>): Promise<void> {
  const { req, res, method, path, body, fault } = request;
  const requestId = newRequestId();
  const fail = (reply: AnthropicErrorReply): void => sendAnthropicError(res, reply, requestId);

  const { key } = anthropicAuth(req.headers);
  if (key === undefined || key.includes(REJECTED_KEY_MARKER)) {
    return fail({ status: 401, type: 'authentication_error', message: key === undefined ? 'x-api-key header is required' : 'invalid x-api-key' });
  }
  const version = req.headers['anthropic-version'];
  if (typeof version !== 'string' || version === '') {
    return fail({ status: 400, type: 'invalid_request_error', message: 'anthropic-version: header is required' });
  }
  if (!KNOWN_VERSIONS.has(version)) {
    return fail({ status: 400, type: 'invalid_request_error', message: `anthropic-version: unknown version ${version}` });
  }

  if (batches(request, requestId)) return;
  const route = `${method} ${path}`;
  if (route === 'GET /v1/models') return listModels(request, requestId, fail);
  if (method === 'GET' && path.startsWith('/v1/models/')) {
    const found = MODELS.find((m) => m.id === decodeURIComponent(path.slice('/v1/models/'.length)));
    return found ? sendAnthropicJson(res, modelInfo(found), requestId) : fail({ status: 404, type: 'not_found_error', message: 'model not found' });
  }
  if (route !== 'POST /v1/messages' && route !== 'POST /v1/messages/count_tokens') {
    return fail({ status: 404, type: 'not_found_error', message: `Not found: ${method} ${path}` });
  }

  const countOnly = route === 'POST /v1/messages/count_tokens';
  const parsed = parseMessagesBody(body, { requireMaxTokens: !countOnly, apiVersion: version });
  if (typeof parsed === 'string') return fail({ status: 400, type: 'invalid_request_error', message: parsed });

  const pre = faultReply(fault, parsed.model, promptTokens(parsed.promptTexts));
  if (pre) return fail(pre);
  if (countOnly) return sendAnthropicJson(res, { input_tokens: promptTokens(parsed.promptTexts) }, requestId);

  const counts = anthropicCacheUsage(cache, body);
  if (typeof counts === 'string') return fail({ status: 400, type: 'invalid_request_error', message: counts });
  const answer = buildAnswer(request, parsed, requestId, counts);
  if (parsed.stream) {
    const plan = anthropicStreamPlan(answer, {
      crlf: request.scenario?.crlf, requestId, omitEventNames: options.omitEventNames, wire: request.scenario?.wire,
    });
    return writeStream(res, plan, { fault, tokensPerSecond: paceFor(parsed.model, request.options.tokensPerSecond) });
  }
  return replyWhole(res, answer, request, requestId);
}

function buildAnswer(request: FakeRequest, parsed: ParsedMessagesBody, requestId: string, counts: { cached: number; cacheWrite: number }): AnthropicAnswer {
  let text = request.scenario?.answer ?? answerFor(parsed.model, parsed.lastUserText, request.options.answers, parsed.promptTexts);
  let stopReason: AnthropicAnswer['stopReason'] = 'end_turn';
  let stopSequence: string | null = null;
  // Like the API: the answer ends before the earliest stop sequence, which is not included.
  for (const sequence of parsed.stopSequences) {
    const at = text.indexOf(sequence);
    if (at >= 0 && (stopSequence === null || at < text.indexOf(stopSequence))) stopSequence = sequence;
  }
  if (stopSequence !== null) {
    text = text.slice(0, text.indexOf(stopSequence));
    stopReason = 'stop_sequence';
  }
  let tokens = tokenize(text);
  const rest = text.slice(tokens.join('').length); // trailing whitespace `tokenize` leaves out
  if (rest !== '' && tokens.length > 0) tokens[tokens.length - 1] += rest;
  if (tokens.length > parsed.maxTokens) {
    tokens = tokens.slice(0, parsed.maxTokens);
    stopReason = 'max_tokens';
    stopSequence = null;
  }
  if (request.fault?.kind === 'content-filter') stopReason = 'refusal';
  if (request.scenario?.wire?.includes('pause-turn') === true) stopReason = 'pause_turn';
  const extras = request.scenario?.usage;
  const scenarioSetsCache = extras?.cachedInputTokens !== undefined || extras?.cacheWriteTokens !== undefined;
  const usage = withCacheCounts(usageFor(parsed.promptTexts, tokens.join(''), extras), counts, scenarioSetsCache);
  return {
    id: `msg_fake${requestId.slice(8)}`,
    model: parsed.model,
    tokens,
    usage: { ...usage, output: tokens.length },
    stopReason,
    stopSequence,
  };
}

/** Non-streaming reply; stream-phase faults become their closest whole-body equivalent. */
async function replyWhole(res: ServerResponse, answer: AnthropicAnswer, request: FakeRequest, requestId: string): Promise<void> {
  const fault = request.fault;
  switch (fault?.kind) {
    case 'slow-first-token':
      await Promise.race([delay(fault.delayMs), whenClosed(res)]);
      break;
    case 'latency':
      await Promise.race([delay(fault.perChunkMs), whenClosed(res)]);
      break;
    case 'stall':
    case 'keepalive-only':
      return whenClosed(res);
    case 'reset':
      res.socket?.resetAndDestroy();
      return;
    case 'in-stream-error':
      return sendAnthropicError(res, { status: 529, type: 'overloaded_error', message: 'Overloaded' }, requestId);
    case 'truncate':
    case 'malformed':
      res.writeHead(200, { 'content-type': 'application/json', 'request-id': requestId });
      res.end('{"id":"msg_');
      return;
    default:
      break;
  }
  if (!res.destroyed) sendAnthropicJson(res, messageBody(answer), requestId);
}

function listModels(request: FakeRequest, requestId: string, fail: (reply: AnthropicErrorReply) => void): void {
  const pre = faultReply(request.fault, undefined, 0);
  if (pre) return fail(pre);
  const limit = Number(request.query.get('limit') ?? 20);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    return fail({ status: 400, type: 'invalid_request_error', message: 'limit: Input should be between 1 and 1000' });
  }
  const afterId = request.query.get('after_id');
  const beforeId = request.query.get('before_id');
  let start = 0;
  let end = MODELS.length;
  if (afterId !== null) start = MODELS.findIndex((m) => m.id === afterId) + 1;
  if (beforeId !== null) end = Math.max(0, MODELS.findIndex((m) => m.id === beforeId));
  const page = beforeId !== null ? MODELS.slice(Math.max(start, end - limit), end) : MODELS.slice(start, Math.min(end, start + limit));
  const hasMore = beforeId !== null ? end - limit > start : start + limit < end;
  sendAnthropicJson(request.res, {
    data: page.map(modelInfo),
    has_more: hasMore,
    first_id: page[0]?.id ?? null,
    last_id: page[page.length - 1]?.id ?? null,
  }, requestId);
}

function modelInfo(model: (typeof MODELS)[number]): unknown {
  return { type: 'model', ...model, capabilities: null, deprecated_at: null, lifecycle: 'active' };
}
