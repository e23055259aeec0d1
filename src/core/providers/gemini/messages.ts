import type { Content, GenerateContentConfig, GenerateContentParameters, Part } from '@google/genai';
import type { ChatMessage, ChatRequest } from '../../types';

/** Our content (a string or text/image parts) as Gemini `Part`s; images travel inline as base64. */
export function toGeminiParts(content: ChatMessage['content']): Part[] {
  if (typeof content === 'string') return [{ text: content }];
  return content.map((part): Part => part.type === 'text'
    ? { text: part.text }
    : { inlineData: { mimeType: part.mediaType, data: part.data } });
}

/**
 * A `ChatRequest` as `generateContentStream` parameters. System messages may appear anywhere in our
 * request; Gemini takes them once, as `systemInstruction`, so they are gathered in order. Assistant turns
 * are role `model`.
 */
export function toGeminiRequest(request: ChatRequest, abortSignal: AbortSignal): GenerateContentParameters {
  const system: Part[] = [];
  const contents: Content[] = [];
  for (const message of request.messages) {
    if (message.role === 'system') system.push(...toGeminiParts(message.content));
    else contents.push({ role: message.role === 'assistant' ? 'model' : 'user', parts: toGeminiParts(message.content) });
  }
  const config: GenerateContentConfig = {
    abortSignal,
    // On by default in @google/genai 3.x: a stream that ends with a continuation token would be re-requested
    // inside the SDK (and a dropped one retried), a hidden second request beside the router's own retry loop.
    automaticContinuation: false,
  };
  if (system.length > 0) config.systemInstruction = { parts: system };
  if (request.maxOutputTokens !== undefined) config.maxOutputTokens = request.maxOutputTokens;
  if (request.temperature !== undefined) config.temperature = request.temperature;
  if (request.stop !== undefined && request.stop.length > 0) config.stopSequences = [...request.stop];
  if (request.responseFormat === 'json') config.responseMimeType = 'application/json';
  return { model: request.model, contents, config };
}
