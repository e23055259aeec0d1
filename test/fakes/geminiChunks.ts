import type { Fault, WireFeature } from './scenario';
import type { FakeUsage } from './script';
import { tokenize } from './script';
import type { StreamPlan } from './streamWriter';
import { overloadedStatus } from './geminiErrorReplies';
import { sseFrame } from './wire';

/** Everything needed to render one Gemini answer, streamed or whole. */
export interface GeminiAnswer {
  readonly model: string;
  readonly text: string;
  readonly usage: FakeUsage;
  /** `generationConfig.maxOutputTokens`: the answer is cut there with `MAX_TOKENS`. */
  readonly maxOutputTokens?: number;
  readonly fault?: Fault;
  readonly crlf?: boolean;
  /** Recorded Gemini shapes to switch on (`late-candidates-count`, `prompt-count-drift`, `thoughts-only-max-tokens`). */
  readonly wire?: readonly WireFeature[];
}

type Json = Record<string, unknown>;

/** Ratings as the API attaches them to a blocked candidate or prompt; one category tripped. */
const SAFETY_RATINGS: readonly Json[] = [
  { category: 'HARM_CATEGORY_SEXUALLY_EXPLICIT', probability: 'NEGLIGIBLE' },
  { category: 'HARM_CATEGORY_HATE_SPEECH', probability: 'NEGLIGIBLE' },
  { category: 'HARM_CATEGORY_HARASSMENT', probability: 'NEGLIGIBLE' },
  { category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH', blocked: true },
];

/**
 * `usageMetadata` as running totals after `candidates` answer tokens. The prompt count includes cached content;
 * thoughts are counted outside `candidatesTokenCount`; zero counts are omitted, as proto3 JSON does.
 */
export function usageMetadata(usage: FakeUsage, candidates: number): Json {
  const prompt = usage.input - usage.cacheWrite; // Gemini has no cache writes; the cache is created separately
  const meta: Json = { promptTokenCount: prompt };
  if (candidates > 0) meta.candidatesTokenCount = candidates;
  meta.totalTokenCount = prompt + candidates + usage.reasoning;
  if (usage.cached > 0) meta.cachedContentTokenCount = usage.cached;
  meta.promptTokensDetails = [{ modality: 'TEXT', tokenCount: prompt }];
  if (usage.cached > 0) meta.cacheTokensDetails = [{ modality: 'TEXT', tokenCount: usage.cached }];
  if (candidates > 0) meta.candidatesTokensDetails = [{ modality: 'TEXT', tokenCount: candidates }];
  if (usage.reasoning > 0) meta.thoughtsTokenCount = usage.reasoning;
  meta.serviceTier = 'standard';
  return meta;
}

/** The answer tokens actually sent, and the finish reason that goes with them. */
export function answerTokens(answer: GeminiAnswer): { tokens: string[]; finishReason: string } {
  if (answer.fault?.kind === 'content-filter') return { tokens: [], finishReason: 'SAFETY' };
  if (answer.wire?.includes('thoughts-only-max-tokens') === true) return { tokens: [], finishReason: 'MAX_TOKENS' };
  const all = tokenize(answer.text);
  const limit = answer.maxOutputTokens;
  if (limit !== undefined && limit >= 0 && limit < all.length) return { tokens: all.slice(0, limit), finishReason: 'MAX_TOKENS' };
  return { tokens: all, finishReason: 'STOP' };
}

function envelope(answer: GeminiAnswer, responseId: string, fields: Json): Json {
  return { ...fields, modelVersion: answer.model, responseId };
}

function candidate(text: string, extra: Json = {}): Json {
  return { content: { parts: [{ text }], role: 'model' }, ...extra, index: 0 };
}

/** The terminal chunk: the block verdict, or an empty text part carrying `finishReason`. */
function finalChunk(answer: GeminiAnswer, responseId: string, sent: number, finishReason: string): Json {
  if (answer.fault?.kind === 'content-filter' && answer.fault.promptBlock === true) {
    // A blocked prompt: no candidates at all, only the verdict (sent in the first and only chunk).
    const prompt = answer.usage.input - answer.usage.cacheWrite;
    return envelope(answer, responseId, {
      promptFeedback: { blockReason: 'SAFETY', safetyRatings: SAFETY_RATINGS },
      usageMetadata: { promptTokenCount: prompt, totalTokenCount: prompt, promptTokensDetails: [{ modality: 'TEXT', tokenCount: prompt }] },
    });
  }
  if (finishReason === 'SAFETY') {
    return envelope(answer, responseId, {
      candidates: [{ finishReason, index: 0, safetyRatings: SAFETY_RATINGS }],
      usageMetadata: usageMetadata(answer.usage, sent),
    });
  }
  if (sent === 0 && finishReason === 'MAX_TOKENS') {
    // The whole budget went on thoughts: a candidate with a role but no parts at all.
    return envelope(answer, responseId, { candidates: [{ content: { role: 'model' }, finishReason, index: 0 }], usageMetadata: usageMetadata(answer.usage, 0) });
  }
  return envelope(answer, responseId, { candidates: [candidate('', { finishReason })], usageMetadata: usageMetadata(answer.usage, sent) });
}

/**
 * Running usage on a chunk before the last, as some real streams send it: no `candidatesTokenCount` yet, or a
 * `promptTokenCount` that the last chunk corrects.
 */
function runningUsage(answer: GeminiAnswer, candidates: number): Json {
  const meta = usageMetadata(answer.usage, candidates);
  const wire = new Set(answer.wire);
  if (wire.has('late-candidates-count')) {
    delete meta.candidatesTokenCount;
    meta.totalTokenCount = (meta.promptTokenCount as number) + answer.usage.reasoning;
  }
  // Per-modality output counts come with the last chunk only (gm-stream-raw).
  delete meta.candidatesTokensDetails;
  if (wire.has('prompt-count-drift')) {
    meta.promptTokenCount = (meta.promptTokenCount as number) + 2;
    meta.totalTokenCount = (meta.totalTokenCount as number) + 2;
  }
  return meta;
}

/** The chunks of a stream: one per answer token, then the `finishReason` chunk. */
export function streamChunks(answer: GeminiAnswer, responseId: string): { content: Json[]; final: Json } {
  const { tokens, finishReason } = answerTokens(answer);
  const content = tokens.map((token, i) => envelope(answer, responseId, {
    candidates: [candidate(token)],
    usageMetadata: runningUsage(answer, i + 1),
  }));
  return { content, final: finalChunk(answer, responseId, tokens.length, finishReason) };
}

/**
 * `streamGenerateContent?alt=sse`: data-only SSE, one `data:` line per event, no terminator event — the stream
 * ends when the connection closes after the `finishReason` chunk.
 */
export function geminiStreamPlan(answer: GeminiAnswer, responseId: string): StreamPlan {
  const crlf = answer.crlf === true;
  const frame = (value: Json): string => sseFrame(JSON.stringify(value), { crlf });
  const { content, final } = streamChunks(answer, responseId);
  const nl = crlf ? '\r\n' : '\n';
  return {
    preamble: [],
    content: content.map(frame),
    epilogue: [frame(final)],
    errorFrame: frame({ error: overloadedStatus() }),
    keepAliveFrame: `: keep-alive${nl}${nl}`,
  };
}

/** `generateContent`: the whole answer in one response. */
export function generateContentBody(answer: GeminiAnswer, responseId: string): Json {
  const { tokens, finishReason } = answerTokens(answer);
  const final = finalChunk(answer, responseId, tokens.length, finishReason);
  if (final.candidates === undefined || finishReason === 'SAFETY') return final;
  return envelope(answer, responseId, {
    candidates: [candidate(tokens.join(''), { finishReason })],
    usageMetadata: usageMetadata(answer.usage, tokens.length),
  });
}
