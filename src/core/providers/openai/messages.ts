import type {
  ChatCompletionContentPart,
  ChatCompletionContentPartText,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import { ProviderError } from '../../errors';
import type { ChatMessage, ChatRequest, ContentPart } from '../../types';

/** The two flavours of the Chat Completions API this adapter speaks. */
export interface OpenAIDialect {
  readonly kind: 'openai' | 'openaiCompatible';
  /**
   * OpenAI deprecated `max_tokens` for `max_completion_tokens` (reasoning models reject the old name), while
   * Ollama, vLLM and llama.cpp servers often know only `max_tokens`.
   */
  readonly maxTokensField: 'max_completion_tokens' | 'max_tokens';
  /**
   * Many chat templates of compatible servers reject a system message that is not first, so there all system
   * messages are merged into one leading message. OpenAI itself accepts them anywhere and keeps their position.
   */
  readonly leadingSystemOnly: boolean;
}

export const OPENAI_DIALECT: OpenAIDialect = { kind: 'openai', maxTokensField: 'max_completion_tokens', leadingSystemOnly: false };
export const COMPATIBLE_DIALECT: OpenAIDialect = { kind: 'openaiCompatible', maxTokensField: 'max_tokens', leadingSystemOnly: true };

/**
 * Maps a vendor-neutral request to a streaming Chat Completions body.
 *
 * System messages use the `system` role, not `developer`: OpenAI treats `system` as `developer` for reasoning
 * models itself, and `system` is the only instruction role every compatible server understands, so one role
 * serves both dialects. Throws `ProviderError` (`invalidRequest`) for content the API cannot carry.
 */
export function toOpenAIChatBody(
  request: ChatRequest,
  dialect: OpenAIDialect,
  context: { provider: string; providerName: string },
): ChatCompletionCreateParamsStreaming {
  const messages = dialect.leadingSystemOnly ? hoistSystem(request.messages) : request.messages;
  const body: ChatCompletionCreateParamsStreaming = {
    model: request.model,
    messages: messages.map((m) => toMessage(m, request.model, context)),
    stream: true,
    // Without it OpenAI sends no usage at all in a stream; the usage chunk is also how a complete stream is told apart.
    stream_options: { include_usage: true },
  };
  if (request.maxOutputTokens !== undefined) body[dialect.maxTokensField] = request.maxOutputTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.stop !== undefined && request.stop.length > 0) body.stop = [...request.stop];
  if (request.responseFormat === 'json') body.response_format = { type: 'json_object' };
  // OpenAI caches every prompt prefix of 1,024+ tokens on its own; the key only keeps one conversation's turns
  // on the same cache machines, raising the hit rate. Compatible servers are not sent it: most ignore unknown
  // fields, but strict ones (vLLM with extra fields forbidden, some gateways) answer 400, for no gain there.
  if (request.cache !== undefined && dialect.kind === 'openai') body.prompt_cache_key = request.cache.key;
  return body;
}

function hoistSystem(messages: readonly ChatMessage[]): readonly ChatMessage[] {
  const system = messages.filter((m) => m.role === 'system');
  if (system.length === 0 || (system.length === 1 && messages[0]?.role === 'system')) return messages;
  const rest = messages.filter((m) => m.role !== 'system');
  const text = system.map((m) => (typeof m.content === 'string' ? m.content : textOf(m.content))).join('\n\n');
  // Image parts cannot live in a system message; keep them so `toMessage` reports the problem.
  const images = system.flatMap((m) => (typeof m.content === 'string' ? [] : m.content.filter((p) => p.type === 'image')));
  const merged: ChatMessage = { role: 'system', content: images.length === 0 ? text : [{ type: 'text', text }, ...images] };
  return [merged, ...rest];
}

function toMessage(
  message: ChatMessage,
  model: string,
  context: { provider: string; providerName: string },
): ChatCompletionMessageParam {
  const { role, content } = message;
  if (typeof content === 'string') return { role, content };
  if (role === 'user') return { role, content: content.map(toUserPart) };
  if (content.some((p) => p.type === 'image')) {
    throw new ProviderError({
      reason: 'invalidRequest',
      provider: context.provider,
      model,
      message: `${context.providerName} accepts images only in user messages; move the image out of the ${role} message.`,
    });
  }
  const parts: ChatCompletionContentPartText[] = content.map((p) => ({ type: 'text', text: p.type === 'text' ? p.text : '' }));
  return { role, content: parts };
}

function toUserPart(part: ContentPart): ChatCompletionContentPart {
  if (part.type === 'text') return { type: 'text', text: part.text };
  return { type: 'image_url', image_url: { url: `data:${part.mediaType};base64,${part.data}` } };
}

function textOf(parts: readonly ContentPart[]): string {
  return parts.map((p) => (p.type === 'text' ? p.text : '')).join('');
}
