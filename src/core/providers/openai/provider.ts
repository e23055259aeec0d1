import { OpenAI } from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { ProviderError } from '../../errors';
import type { ChatRequest, RemoteModel, StreamEvent } from '../../types';
import { createChunkTranslator } from './chunks';
import { classifyOpenAIError, type OpenAIErrorContext } from './errors';
import { COMPATIBLE_DIALECT, OPENAI_DIALECT, toOpenAIChatBody, type OpenAIDialect } from './messages';
import {
  DEFAULT_STREAM_TIMEOUTS,
  type ListModelsOptions,
  type Provider,
  type ProviderSettings,
  type StreamOptions,
  type StreamTimeouts,
} from '../provider';
import { driveStream } from '../streamDriver';

const OPENAI_BASE_URL = 'https://api.openai.com/v1';
/**
 * The SDK refuses to construct without a key. Keyless compatible endpoints get this placeholder, and the
 * `Authorization` header is then explicitly removed so the placeholder never goes on the wire.
 */
const NO_KEY_PLACEHOLDER = 'quorum-no-key';

/** OpenAI's Chat Completions API (`kind: 'openai'`); a key is required. */
export function createOpenAIProvider(settings: ProviderSettings): Provider {
  return createChatCompletionsProvider(settings, OPENAI_DIALECT, settings.baseUrl ?? OPENAI_BASE_URL);
}

/**
 * An OpenAI-compatible endpoint (Ollama, vLLM, LM Studio, LiteLLM…; `kind: 'openaiCompatible'`): the base URL
 * is required, the key optional, and models are discovered from `GET /v1/models`.
 */
export function createOpenAICompatibleProvider(settings: ProviderSettings): Provider {
  return createChatCompletionsProvider(settings, COMPATIBLE_DIALECT, settings.baseUrl);
}

function createChatCompletionsProvider(settings: ProviderSettings, dialect: OpenAIDialect, baseUrl: string | undefined): Provider {
  const key = settings.apiKey?.trim() ?? '';
  const compatible = dialect.kind === 'openaiCompatible';
  const baseTimeouts: StreamTimeouts = { ...DEFAULT_STREAM_TIMEOUTS, ...settings.timeouts };
  const client = baseUrl === undefined || baseUrl.trim() === '' ? undefined : createClient(settings, baseUrl, key, baseTimeouts);
  const context = (model?: string): OpenAIErrorContext =>
    ({ provider: settings.id, providerName: settings.displayName, model, compatible });

  const ready = (model?: string): OpenAI => readyClient(client, settings, key === '' && !compatible, model);

  return {
    id: settings.id,
    kind: dialect.kind,
    displayName: settings.displayName,
    stream(request: ChatRequest, options: StreamOptions): AsyncIterable<StreamEvent> {
      const timeouts: StreamTimeouts = { ...baseTimeouts, ...options.timeouts };
      const translator = createChunkTranslator({
        provider: settings.id, providerName: settings.displayName, model: request.model, requireUsage: !compatible,
      });
      return driveStream<ChatCompletionChunk>({
        provider: settings.id,
        providerName: settings.displayName,
        model: request.model,
        open: async (signal) => {
          const sdk = ready(request.model);
          const body = toOpenAIChatBody(request, dialect, { provider: settings.id, providerName: settings.displayName });
          // The SDK's timeout only covers the wait for headers; the driver owns first-token and idle deadlines.
          return sdk.chat.completions.create(body, { signal, timeout: timeouts.firstTokenMs, maxRetries: 0 });
        },
        translate: (chunk) => translator.translate(chunk),
        flush: () => translator.flush(),
        classify: (error) => classifyOpenAIError(error, context(request.model)),
      }, { signal: options.signal, timeouts });
    },
    async listModels(options: ListModelsOptions): Promise<RemoteModel[]> {
      const sdk = ready();
      try {
        const page = await sdk.models.list({
          signal: options.signal,
          timeout: options.timeoutMs ?? baseTimeouts.firstTokenMs,
          maxRetries: 0,
        });
        return page.data.filter((m) => typeof m.id === 'string').map((m) => ({ id: m.id }));
      } catch (error) {
        throw classifyOpenAIError(error, context());
      }
    },
  };
}

/** The client, or the configuration problem that keeps it from sending, as an error of the call (nothing is sent). */
function readyClient(client: OpenAI | undefined, settings: ProviderSettings, keyMissing: boolean, model?: string): OpenAI {
  if (client === undefined) {
    throw new ProviderError({
      reason: 'notFound',
      provider: settings.id,
      model,
      message: `${settings.displayName} has no base URL. Set one (ending in /v1) in Quorum's provider settings.`,
    });
  }
  if (keyMissing) {
    throw new ProviderError({
      reason: 'auth',
      provider: settings.id,
      model,
      message: `No ${settings.displayName} API key is set. Run 'Quorum: Set API Key'.`,
    });
  }
  return client;
}

function createClient(settings: ProviderSettings, baseURL: string, key: string, timeouts: StreamTimeouts): OpenAI {
  const custom = Object.keys(settings.headers ?? {}).map((name) => name.toLowerCase());
  const gatewayAuth = custom.includes('authorization') || custom.includes('api-key');
  return new OpenAI({
    apiKey: key === '' ? NO_KEY_PLACEHOLDER : key,
    baseURL,
    // Quorum's router is the only retry loop; SDK retries would multiply attempts and hide failures.
    maxRetries: 0,
    timeout: timeouts.firstTokenMs,
    // Explicit values keep OPENAI_ORG_ID / OPENAI_PROJECT_ID / OPENAI_ADMIN_KEY / OPENAI_LOG out of requests.
    organization: null,
    project: null,
    adminAPIKey: null,
    logLevel: 'off',
    defaultHeaders: {
      ...settings.headers,
      // `null` removes the header the SDK would build from the placeholder key.
      ...(key === '' && !gatewayAuth ? { Authorization: null } : {}),
    },
  });
}
