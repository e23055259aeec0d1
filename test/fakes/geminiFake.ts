import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { REJECTED_KEY_MARKER, type FakeRequest, type VendorFake } from './fakeServer';
import { generateContentBody, geminiStreamPlan, streamChunks, type GeminiAnswer } from './geminiChunks';
import { errorForFault, invalidKeyReply, missingKeyReply, rpcError, type GeminiErrorReply } from './geminiErrorReplies';
import { embedValues, listModelsPage } from './geminiModels';
import { writeUnary } from './geminiUnary';
import { answerFor, paceFor, promptTokens, usageFor } from './script';
import { writeStream } from './streamWriter';
import { sendJson } from './wire';
import { checkGeminiInlineData } from './imageParts';
import { automaticCacheTokens, createPromptCacheStore, withCacheCounts, type PromptCacheStore } from './promptCache';
import {
  CACHED_CONTENTS_ROUTE, cachedContentNotFound, createCachedContentStore, handleCachedContents, liveCachedContent,
  type CachedContentEntry, type CachedContentStore,
} from './geminiCachedContents';
import { BATCH_SCENARIO_MODEL } from './batchJobs';
import { geminiBatchRoutes } from './geminiBatchFake';

/** `/{v1|v1beta}/models/{model}:{action}`; the SDK joins `baseUrl`, `apiVersion` and the resource path. */
const ACTION_ROUTE = /^\/(v1|v1beta)\/models\/([^/:]+):([A-Za-z]+)$/;
const LIST_ROUTE = /^\/(v1|v1beta)\/models\/?$/;
/** What the API bills for one inline image, whatever its size (Gemini 2.x, ≤ 384 px per side). */
const IMAGE_TOKENS = 258;
const JSON_TYPE = 'application/json; charset=UTF-8';

type Json = Record<string, unknown>;

/**
 * The Gemini API (not Vertex): `generateContent`, `streamGenerateContent` (`alt=sse`), `countTokens`,
 * `batchEmbedContents` and `GET models`, under either API version, with every fault rendered the Gemini way.
 */
export function geminiFake(now?: () => number): VendorFake {
  // Implicit caching: automatic on repeated prefixes (Gemini 2.5+), reported as `cachedContentTokenCount`.
  const cache = createPromptCacheStore(now);
  const explicit = createCachedContentStore(now);
  const batches = geminiBatchRoutes();
  return {
    vendor: 'gemini',
    modelOf: (path) => {
      if (ACTION_ROUTE.exec(path)?.[3] === 'batchGenerateContent') return BATCH_SCENARIO_MODEL;
      const model = ACTION_ROUTE.exec(path)?.[2];
      return model === undefined ? undefined : decodeURIComponent(model);
    },
    handle: async (request) => {
      const { method, path, res } = request;
      const action = ACTION_ROUTE.exec(path);
      const list = LIST_ROUTE.exec(path);
      const apiVersion = action?.[1] ?? list?.[1] ?? 'v1beta';
      const model = action?.[2] === undefined ? '' : decodeURIComponent(action[2]);
      // Errors on a stream call keep the stream's content type (js-genai recording
      // Chats_Tests_sendMessage_Send_message_stream_with_error), so the SDK wraps the body as text.
      const streaming = action?.[3] === 'streamGenerateContent';
      const sendError = (reply: GeminiErrorReply): void => writeError(res, reply, streaming);

      const rejected = authFailure(request);
      if (rejected) return sendError(rejected);
      const failure = errorForFault(request.fault, model, apiVersion);
      if (failure) return sendError(failure);
      if (batches(request, sendError)) return;

      const cachedContents = CACHED_CONTENTS_ROUTE.exec(path);
      if (cachedContents) return handleCachedContents(explicit, method, cachedContents[2], request.body, res, contentTexts, sendError);
      if (method === 'GET' && list) {
        return sendJson(res, 200, listModelsPage(request.query.get('pageSize'), request.query.get('pageToken')), { 'content-type': JSON_TYPE });
      }
      if (method === 'POST' && action) {
        switch (action[3]) {
          case 'generateContent':
          case 'streamGenerateContent':
            return generate(request, model, streaming, sendError, { cache, explicit });
          case 'countTokens':
            return countTokens(request);
          case 'batchEmbedContents':
            return batchEmbed(request, sendError);
          default:
            break;
        }
      }
      sendError(rpcError(404, 'NOT_FOUND', `Method not found: ${method} ${path}`));
    },
  };
}

/** The key travels in `x-goog-api-key` (or `?key=`); a missing one and a wrong one fail differently. */
function authFailure(request: FakeRequest): GeminiErrorReply | undefined {
  const header = request.req.headers['x-goog-api-key'];
  const key = (Array.isArray(header) ? header[0] : header) ?? request.query.get('key') ?? '';
  if (key.trim() === '') return missingKeyReply();
  if (key.includes(REJECTED_KEY_MARKER)) return invalidKeyReply();
  return undefined;
}

function writeError(res: ServerResponse, reply: GeminiErrorReply, streaming: boolean): void {
  if (reply.envelope !== undefined) {
    res.writeHead(reply.status, { 'content-type': streaming ? 'text/event-stream' : JSON_TYPE, ...reply.headers });
    res.end(`${JSON.stringify(reply.envelope, null, 2)}\n`); // Google pretty-prints error bodies
    return;
  }
  res.writeHead(reply.status, { 'content-type': reply.contentType ?? 'text/plain', ...reply.headers });
  res.end(reply.text ?? '');
}

async function generate(
  request: FakeRequest, model: string, streaming: boolean, sendError: (r: GeminiErrorReply) => void,
  stores: { cache: PromptCacheStore; explicit: CachedContentStore },
): Promise<void> {
  const body = asRecord(request.body);
  const contents = Array.isArray(body.contents) ? body.contents.map(asRecord) : [];
  if (contents.length === 0) return sendError(rpcError(400, 'INVALID_ARGUMENT', '* GenerateContentRequest.contents: contents is not specified\n'));
  const badRole = contents.find((c) => c.role !== undefined && c.role !== 'user' && c.role !== 'model');
  if (badRole) return sendError(rpcError(400, 'INVALID_ARGUMENT', 'Please use a valid role: user, model.'));
  const badImage = contents.map((c, i) => checkGeminiInlineData(c.parts, `contents[${i}]`)).find((problem) => problem !== undefined);
  if (badImage !== undefined) return sendError(rpcError(400, 'INVALID_ARGUMENT', badImage));

  const cached = explicitCacheOf(body, model, stores.explicit);
  if (cached !== undefined && 'status' in cached) return sendError(cached);
  const system = partsOf(body.systemInstruction);
  const turns = contents.map((c) => partsOf(c));
  const lastUser = [...contents].reverse().find((c) => c.role !== 'model');
  const prompt = lastUser === undefined ? '' : partsOf(lastUser).texts.join('');
  const texts = [...(cached?.texts ?? []), ...system.texts, ...turns.flatMap((t) => t.texts)];
  const text = request.scenario?.answer ?? answerFor(model, prompt, request.options.answers, texts);
  const images = system.images + turns.reduce((sum, t) => sum + t.images, 0);
  const extras = request.scenario?.usage;
  const scenarioSetsCache = extras?.cachedInputTokens !== undefined || extras?.cacheWriteTokens !== undefined;
  // Gemini sells no cache writes: an implicit hit is a read, and nothing else is reported.
  const read = cached?.tokens ?? automaticCacheTokens(stores.cache, model, texts, 1);
  const base = withCacheCounts(usageFor(texts, text, extras), { cached: read, cacheWrite: 0 }, scenarioSetsCache);
  const config = asRecord(body.generationConfig);
  const answer: GeminiAnswer = {
    model,
    text,
    usage: { ...base, input: base.input + images * IMAGE_TOKENS },
    maxOutputTokens: typeof config.maxOutputTokens === 'number' ? config.maxOutputTokens : undefined,
    fault: request.fault,
    crlf: request.scenario?.crlf,
    wire: request.scenario?.wire,
  };
  const responseId = randomBytes(12).toString('base64url');
  if (streaming && request.query.get('alt') === 'sse') {
    return writeStream(request.res, geminiStreamPlan(answer, responseId), { fault: request.fault, tokensPerSecond: paceFor(model, request.options.tokensPerSecond) });
  }
  if (streaming) {
    // Without `alt=sse` the API streams one JSON array of the same chunks.
    const { content, final } = streamChunks(answer, responseId);
    return writeUnary(request.res, JSON.stringify([...content, final]), request.fault);
  }
  return writeUnary(request.res, JSON.stringify(generateContentBody(answer, responseId)), request.fault);
}

function countTokens(request: FakeRequest): void {
  const body = asRecord(request.body);
  // The SDK sends `contents`; the REST API also accepts a whole `generateContentRequest`.
  const wrapped = asRecord(body.generateContentRequest);
  const raw = Array.isArray(body.contents) ? body.contents : Array.isArray(wrapped.contents) ? wrapped.contents : [];
  const parts = raw.map((c: unknown) => partsOf(c));
  const totalTokens = promptTokens(parts.flatMap((p) => p.texts)) + parts.reduce((s, p) => s + p.images, 0) * IMAGE_TOKENS;
  sendJson(request.res, 200, { totalTokens, promptTokensDetails: [{ modality: 'TEXT', tokenCount: totalTokens }] }, { 'content-type': JSON_TYPE });
}

function batchEmbed(request: FakeRequest, sendError: (r: GeminiErrorReply) => void): void {
  const requests = asRecord(request.body).requests;
  if (!Array.isArray(requests) || requests.length === 0) {
    return sendError(rpcError(400, 'INVALID_ARGUMENT', '* BatchEmbedContentsRequest.requests: at least one request is required\n'));
  }
  const embeddings = requests.map((r: unknown) => {
    const item = asRecord(r);
    const dims = typeof item.outputDimensionality === 'number' && item.outputDimensionality > 0 ? item.outputDimensionality : 768;
    return { values: embedValues(partsOf(item.content).texts.join(' '), dims) };
  });
  sendJson(request.res, 200, { embeddings }, { 'content-type': JSON_TYPE });
}

/** Text and image count of one `Content` (`{ role?, parts: [{ text } | { inlineData }] }`). */
/** The explicit cache a request names (`cachedContent`), or the API's refusal; `undefined` when it names none. */
function explicitCacheOf(body: Json, model: string, store: CachedContentStore): CachedContentEntry | GeminiErrorReply | undefined {
  if (typeof body.cachedContent !== 'string') return undefined;
  const entry = liveCachedContent(store, body.cachedContent);
  if (entry === undefined) return cachedContentNotFound(body.cachedContent);
  if (body.systemInstruction !== undefined) {
    return rpcError(400, 'INVALID_ARGUMENT', 'CachedContent can not be used with GenerateContent request setting system_instruction, tools or tool_config.');
  }
  if (entry.model !== `models/${model}`) {
    return rpcError(400, 'INVALID_ARGUMENT', `Model used by GenerateContent request (models/${model}) and CachedContent (${entry.model}) has to be the same.`);
  }
  return entry;
}

/** The texts of a Content list and a system instruction, system first (as the prompt is counted). */
function contentTexts(contents: readonly unknown[], system: unknown): string[] {
  return [...partsOf(system).texts, ...contents.flatMap((c) => partsOf(c).texts)];
}

function partsOf(content: unknown): { texts: string[]; images: number } {
  const parts = asRecord(content).parts;
  const texts: string[] = [];
  let images = 0;
  for (const part of Array.isArray(parts) ? parts : []) {
    const p = asRecord(part);
    if (typeof p.text === 'string') texts.push(p.text);
    else if (p.inlineData !== undefined) images++;
  }
  return { texts, images };
}

function asRecord(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Json : {};
}
