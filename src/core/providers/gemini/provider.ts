import { ApiError, GoogleGenAI, type GenerateContentParameters, type GenerateContentResponse } from '@google/genai';
import { ProviderError } from '../../errors';
import type { ChatRequest, RemoteModel } from '../../types';
import { GeminiExplicitCaches } from './explicitCache';
import { createGeminiChunkTranslator } from './chunks';
import { classifyGeminiError } from './errors';
import { toGeminiRequest } from './messages';
import type { ListModelsOptions, Provider, ProviderSettings } from '../provider';
import { driveStream } from '../streamDriver';

/** The public Gemini API endpoint; set explicitly so a developer's `GOOGLE_GEMINI_BASE_URL` cannot redirect us. */
const DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com/';

export interface GeminiProviderSettings extends ProviderSettings {
  /**
   * `v1beta` by default: the SDK's own default moved from `v1beta` (2.x) to `v1` (3.1.0), so leaving it to the
   * SDK would change our URLs on an upgrade; and new models and features (thinking, JSON mode with schemas)
   * reach `v1beta` first.
   */
  readonly apiVersion?: 'v1' | 'v1beta';
}

/**
 * Google Gemini (the Gemini API, not Vertex) over the official `@google/genai` SDK.
 * - No `retryOptions`: without them the SDK never retries, and the router is the only retry loop.
 * - No `httpOptions.timeout`: it is a *total* deadline that keeps running while the stream is read, ends
 *   the call with an `AbortError` indistinguishable from a cancellation, sends `X-Server-Timeout`, and in the
 *   2.x line raises undici's process-wide header/body timeouts — a side effect on every other SDK in the
 *   extension host. Our stream driver owns the first-token and idle deadlines instead.
 */
export function createGeminiProvider(settings: GeminiProviderSettings): Provider {
  const providerName = settings.displayName.trim() === '' ? 'Google Gemini' : settings.displayName;
  const apiKey = settings.apiKey?.trim() ?? '';
  const client = apiKey === ''
    ? undefined
    : new GoogleGenAI({
      apiKey,
      // Explicit, so `GOOGLE_GENAI_USE_VERTEXAI` in the environment cannot switch the backend.
      vertexai: false,
      httpOptions: {
        baseUrl: settings.baseUrl ?? DEFAULT_BASE_URL,
        apiVersion: settings.apiVersion ?? 'v1beta',
        ...(settings.headers === undefined ? {} : { headers: { ...settings.headers } }),
      },
    });

  // Without a key the SDK would fall back to GEMINI_API_KEY / GOOGLE_API_KEY from the environment.
  const requireClient = (model: string | undefined): GoogleGenAI => {
    if (client !== undefined) return client;
    throw new ProviderError({
      reason: 'auth',
      provider: settings.id,
      model,
      message: `No ${providerName} API key is set. Run 'Quorum: Set API Key' to add one.`,
    });
  };

  const explicitCaches = new GeminiExplicitCaches();

  return {
    id: settings.id,
    kind: 'gemini',
    displayName: providerName,

    stream(request, options) {
      let afterHeaders = false;
      return driveStream<GenerateContentResponse>({
        provider: settings.id,
        providerName,
        model: request.model,
        open: async (signal) => {
          const gemini = requireClient(request.model);
          const stream = await openWithCache(explicitCaches, gemini, request, signal);
          afterHeaders = true;
          return stream;
        },
        translate: createGeminiChunkTranslator(),
        classify: (error) => classifyGeminiError(error, { provider: settings.id, providerName, model: request.model, afterHeaders }),
      }, { signal: options.signal, timeouts: { ...settings.timeouts, ...options.timeouts } });
    },

    listModels: (options) => listModels(requireClient, settings.id, providerName, options),
  };
}

/**
 * The request's parameters, using the conversation's explicit cached content when it has (or now gets) one: the
 * cached messages are then not sent again, and the call bills them at the cache-read rate.
 */
async function withExplicitCache(caches: GeminiExplicitCaches, gemini: GoogleGenAI, request: ChatRequest, signal: AbortSignal): Promise<GenerateContentParameters> {
  const cached = await caches.prepare(gemini, request, signal);
  if (cached === undefined) return toGeminiRequest(request, signal);
  const params = toGeminiRequest({ ...request, messages: cached.rest }, signal);
  return { ...params, config: { ...params.config, cachedContent: cached.cachedContent } };
}

/**
 * Opens the stream, through the conversation's explicit cache when it has one. A cache Google no longer has (deleted
 * or expired early: 403 "CachedContent not found") is forgotten and the request is sent whole at once — it is not
 * a permission problem of the key, and must not send the router to another provider.
 */
async function openWithCache(caches: GeminiExplicitCaches, gemini: GoogleGenAI, request: ChatRequest, signal: AbortSignal): Promise<AsyncGenerator<GenerateContentResponse>> {
  const params = await withExplicitCache(caches, gemini, request, signal);
  try {
    return await gemini.models.generateContentStream(params);
  } catch (error) {
    const missing = error instanceof ApiError && error.status === 403 && /CachedContent not found/i.test(error.message);
    if (params.config?.cachedContent === undefined || request.cache === undefined || !missing) throw error;
    caches.forgetKey(request.cache.key);
    return gemini.models.generateContentStream(toGeminiRequest(request, signal));
  }
}

/** `GET /{version}/models`, every page, under the caller's signal and an optional whole-call deadline. */
async function listModels(
  requireClient: (model: string | undefined) => GoogleGenAI,
  provider: string,
  providerName: string,
  options: ListModelsOptions,
): Promise<RemoteModel[]> {
  const deadline = new AbortController();
  const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => deadline.abort(), options.timeoutMs);
  const signal = AbortSignal.any([options.signal, deadline.signal]);
  try {
    if (signal.aborted) throw signal.reason;
    // The largest page the API allows: one round trip for the whole catalogue.
    const pager = await requireClient(undefined).models.list({ config: { abortSignal: signal, pageSize: 1000 } });
    const models: RemoteModel[] = [];
    for await (const model of pager) {
      if (model.name === undefined) continue;
      const id = model.name.startsWith('models/') ? model.name.slice('models/'.length) : model.name;
      models.push(remoteModel(id, model));
    }
    return models;
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    if (options.signal.aborted) {
      throw new ProviderError({ reason: 'aborted', provider, message: `Listing ${providerName} models was cancelled.`, cause: error });
    }
    if (deadline.signal.aborted) {
      throw new ProviderError({
        reason: 'timeout', provider, providerCode: 'list-timeout', cause: error,
        message: `${providerName} did not list its models within ${options.timeoutMs} ms. Check the base URL and your network.`,
      });
    }
    throw classifyGeminiError(error, { provider, providerName });
  } finally {
    clearTimeout(timer);
  }
}

/** The facts of a Gemini listing entry the catalog can use; a field the API left out stays absent. */
function remoteModel(id: string, model: { displayName?: string; supportedActions?: string[]; inputTokenLimit?: number; outputTokenLimit?: number; thinking?: boolean }): RemoteModel {
  return {
    id,
    ...(model.displayName === undefined ? {} : { displayName: model.displayName }),
    ...(model.supportedActions === undefined ? {} : { methods: [...model.supportedActions] }),
    ...(model.inputTokenLimit === undefined ? {} : { inputTokenLimit: model.inputTokenLimit }),
    ...(model.outputTokenLimit === undefined ? {} : { outputTokenLimit: model.outputTokenLimit }),
    ...(model.thinking === undefined ? {} : { thinking: model.thinking }),
  };
}
