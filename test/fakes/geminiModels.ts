import { seededRandom } from './script';

/** One entry of `GET /{version}/models`, in the API's own field names. */
export interface GeminiModelEntry {
  readonly name: string;
  readonly version: string;
  readonly displayName: string;
  readonly description: string;
  readonly inputTokenLimit: number;
  readonly outputTokenLimit: number;
  readonly supportedGenerationMethods: readonly string[];
  readonly temperature?: number;
  readonly topP?: number;
  readonly topK?: number;
  readonly maxTemperature?: number;
  readonly thinking?: boolean;
}

const CHAT_METHODS = ['generateContent', 'countTokens', 'createCachedContent', 'batchGenerateContent'];

export const GEMINI_MODELS: readonly GeminiModelEntry[] = [
  // Quorum's built-in Gemini models first, then models it has no metadata for, then an embedding model.
  ...['gemini-3.1-pro-preview', 'gemini-3.8-flash', 'gemini-3.5-flash-lite'].map((id) => ({
    name: `models/${id}`, version: '001', displayName: id, description: `${id} (fake listing).`,
    inputTokenLimit: 1_048_576, outputTokenLimit: 65_536, supportedGenerationMethods: CHAT_METHODS,
    temperature: 1, topP: 0.95, topK: 64, maxTemperature: 2, thinking: true,
  })),
  {
    name: 'models/gemini-2.5-flash', version: '001', displayName: 'Gemini 2.5 Flash',
    description: 'Stable version of Gemini 2.5 Flash, our mid-size multimodal model that supports up to 1 million tokens.',
    inputTokenLimit: 1_048_576, outputTokenLimit: 65_536, supportedGenerationMethods: CHAT_METHODS,
    temperature: 1, topP: 0.95, topK: 64, maxTemperature: 2, thinking: true,
  },
  {
    name: 'models/gemini-2.5-pro', version: '2.5', displayName: 'Gemini 2.5 Pro',
    description: 'Stable release of Gemini 2.5 Pro.',
    inputTokenLimit: 1_048_576, outputTokenLimit: 65_536, supportedGenerationMethods: CHAT_METHODS,
    temperature: 1, topP: 0.95, topK: 64, maxTemperature: 2, thinking: true,
  },
  {
    name: 'models/gemini-2.5-flash-lite', version: '001', displayName: 'Gemini 2.5 Flash-Lite',
    description: 'Stable version of Gemini 2.5 Flash-Lite.',
    inputTokenLimit: 1_048_576, outputTokenLimit: 65_536, supportedGenerationMethods: CHAT_METHODS,
    temperature: 1, topP: 0.95, topK: 64, maxTemperature: 2, thinking: true,
  },
  {
    name: 'models/gemini-embedding-001', version: '001', displayName: 'Gemini Embedding 001',
    description: 'Obtain a distributed representation of a text.',
    inputTokenLimit: 2_048, outputTokenLimit: 1, supportedGenerationMethods: ['embedContent', 'countTextTokens', 'countTokens'],
  },
];

/** One page of the listing; `pageToken` is the offset (opaque to clients, as the real token is). */
export function listModelsPage(pageSize: string | null, pageToken: string | null): { models: GeminiModelEntry[]; nextPageToken?: string } {
  const size = Math.min(1000, Math.max(1, Number(pageSize) || 50));
  const start = Math.max(0, Number(pageToken) || 0);
  const models = GEMINI_MODELS.slice(start, start + size);
  const next = start + size;
  return next < GEMINI_MODELS.length ? { models, nextPageToken: String(next) } : { models };
}

/** Deterministic embedding values for a text, in [-1, 1). */
export function embedValues(text: string, dimensions: number): number[] {
  let seed = 2166136261;
  for (const ch of text) seed = Math.imul(seed ^ (ch.codePointAt(0) ?? 0), 16777619) >>> 0;
  const random = seededRandom(seed);
  return Array.from({ length: dimensions }, () => random() * 2 - 1);
}
