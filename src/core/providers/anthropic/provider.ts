import Anthropic from '@anthropic-ai/sdk';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { ProviderError } from '../../errors';
import type { RemoteModel } from '../../types';
import { classifyAnthropicError, type AnthropicErrorContext } from './errors';
import { toAnthropicParams } from './messages';
import { createAnthropicTranslator } from './chunks';
import {
  DEFAULT_STREAM_TIMEOUTS, type ListModelsOptions, type Provider, type ProviderSettings, type StreamTimeouts,
} from '../provider';
import { driveStream } from '../streamDriver';

/** The API host; the SDK's paths already start with `/v1/`, so no `/v1` here. */
export const DEFAULT_ANTHROPIC_BASE_URL = 'https://api.anthropic.com';

/** Upper bound on models collected from the paginated listing (the real list is a few dozen). */
const MAX_LISTED_MODELS = 1000;

/**
 * Anthropic Messages over the official `@anthropic-ai/sdk`. The SDK never retries (`maxRetries: 0`: the router
 * is the only retry loop, and the SDK would otherwise sleep for any `retry-after`); its request timeout is the
 * first-token deadline, and everything after the headers is timed by `driveStream`.
 */
export function createAnthropicProvider(settings: ProviderSettings): Provider {
  const providerName = settings.displayName.trim() === '' ? 'Anthropic' : settings.displayName;
  const baseTimeouts: StreamTimeouts = { ...DEFAULT_STREAM_TIMEOUTS, ...settings.timeouts };
  let client: Anthropic | undefined;

  const contextFor = (model: string | undefined): AnthropicErrorContext =>
    ({ provider: settings.id, providerName, model, apiKey: settings.apiKey });

  const getClient = (model: string | undefined): Anthropic => {
    const apiKey = settings.apiKey;
    if (apiKey === undefined || apiKey === '') {
      // Checked here rather than left to the SDK, which would fall back to ANTHROPIC_API_KEY or a profile on disk.
      throw new ProviderError({
        reason: 'auth', provider: settings.id, model,
        message: `No API key is set for ${providerName}. Run 'Quorum: Set API Key'.`,
      });
    }
    client ??= new Anthropic({
      apiKey,
      // Explicit, so a developer's ANTHROPIC_BASE_URL cannot redirect requests (or keys) elsewhere.
      baseURL: settings.baseUrl ?? DEFAULT_ANTHROPIC_BASE_URL,
      maxRetries: 0,
      // Explicit also skips the SDK's client-side guard against long non-streaming requests.
      timeout: baseTimeouts.firstTokenMs,
      defaultHeaders: settings.headers,
      // The SDK would otherwise log to the console (e.g. the raw chunk of a malformed stream).
      logLevel: 'off',
    });
    return client;
  };

  return {
    id: settings.id,
    kind: 'anthropic',
    displayName: providerName,

    stream(request, options) {
      const timeouts: StreamTimeouts = { ...baseTimeouts, ...options.timeouts };
      const context = contextFor(request.model);
      return driveStream<RawMessageStreamEvent>({
        provider: settings.id,
        providerName,
        model: request.model,
        // The raw event iterator, not `messages.stream()`: the driver must see every event (and judge the end itself).
        open: async (signal) => getClient(request.model).messages.create(toAnthropicParams(request), {
          signal,
          timeout: timeouts.firstTokenMs,
        }),
        translate: createAnthropicTranslator(),
        classify: (error) => classifyAnthropicError(error, context),
      }, { signal: options.signal, timeouts });
    },

    listModels: (options) => listModels(getClient, contextFor(undefined), options),
  };
}

async function listModels(
  getClient: (model: undefined) => Anthropic,
  context: AnthropicErrorContext,
  options: ListModelsOptions,
): Promise<RemoteModel[]> {
  const deadline = options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs);
  const signal = deadline === undefined ? options.signal : AbortSignal.any([options.signal, deadline]);
  const models: RemoteModel[] = [];
  try {
    const pages = getClient(undefined).models.list({ limit: 100 }, {
      signal,
      timeout: options.timeoutMs ?? DEFAULT_STREAM_TIMEOUTS.firstTokenMs,
    });
    for await (const model of pages) {
      models.push({ id: model.id, displayName: model.display_name });
      if (models.length >= MAX_LISTED_MODELS) break;
    }
    return models;
  } catch (error) {
    if (options.signal.aborted) {
      throw new ProviderError({
        reason: 'aborted', provider: context.provider, cause: error,
        message: `Listing ${context.providerName} models was cancelled.`,
      });
    }
    if (deadline?.aborted) {
      throw new ProviderError({
        reason: 'timeout', provider: context.provider, cause: error,
        message: `${context.providerName} did not list its models within ${options.timeoutMs} ms. Check your network or try again.`,
      });
    }
    throw classifyAnthropicError(error, context);
  }
}
