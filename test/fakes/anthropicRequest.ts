import { IMAGE_MEDIA_TYPES, isBase64 } from './imageParts';

/** What the fake needs from a valid Messages request body. */
export interface ParsedMessagesBody {
  readonly model: string;
  readonly maxTokens: number;
  readonly stream: boolean;
  readonly stopSequences: readonly string[];
  /** System text and every text part, for the prompt token count. */
  readonly promptTexts: readonly string[];
  /** Text of the last user message, which the scripted answer echoes. */
  readonly lastUserText: string;
}


type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validates a `/v1/messages` (or `count_tokens`) body the way the API does, strictly enough to catch adapter
 * mistakes: `max_tokens` required, `temperature` only on the old API version, no `system` role inside `messages` (it is a top-level field), roles must
 * alternate, text blocks non-empty, images as base64 sources. Returns the API's error message on failure.
 */
export function parseMessagesBody(
  body: unknown,
  options: { requireMaxTokens: boolean; apiVersion: string },
): ParsedMessagesBody | string {
  if (!isObj(body)) return 'Request body must be a JSON object';
  const { model, max_tokens: maxTokens, messages, system, stop_sequences: stop, temperature, stream } = body;
  if (typeof model !== 'string' || model === '') return 'model: Field required';
  if (options.requireMaxTokens && maxTokens === undefined) return 'max_tokens: Field required';
  if (maxTokens !== undefined && (!Number.isInteger(maxTokens) || (maxTokens as number) < 1)) {
    return 'max_tokens: Input should be a valid integer greater than or equal to 1';
  }
  if (temperature !== undefined && options.apiVersion !== '2023-06-01') {
    // API version 2026-10-21 removed the sampling parameters; even the default value is a 400.
    return 'temperature: Extra inputs are not permitted';
  }
  if (temperature !== undefined && (typeof temperature !== 'number' || temperature < 0 || temperature > 1)) {
    return 'temperature: Input should be between 0 and 1';
  }
  if (stream !== undefined && typeof stream !== 'boolean') return 'stream: Input should be a valid boolean';
  if (stop !== undefined && (!Array.isArray(stop) || !stop.every((s) => typeof s === 'string' && s.trim() !== ''))) {
    return 'stop_sequences: each stop sequence must contain non-whitespace';
  }
  if (!Array.isArray(messages) || messages.length === 0) return 'messages: at least one message is required';

  const promptTexts: string[] = [];
  if (system !== undefined) {
    const texts = textsOf(system, 'system', false);
    if (typeof texts === 'string') return texts;
    promptTexts.push(...texts);
  }
  let lastUserText = '';
  let previousRole: unknown;
  for (const [i, message] of messages.entries()) {
    if (!isObj(message)) return `messages.${i}: Input should be an object`;
    if (message.role !== 'user' && message.role !== 'assistant') {
      return `messages.${i}.role: Input should be 'user' or 'assistant'`;
    }
    if (message.role === previousRole) {
      return `messages: roles must alternate between "user" and "assistant", but found multiple "${message.role}" roles in a row`;
    }
    previousRole = message.role;
    const texts = textsOf(message.content, `messages.${i}.content`, message.role === 'user');
    if (typeof texts === 'string') return texts;
    promptTexts.push(...texts);
    if (message.role === 'user') lastUserText = texts.join('\n');
  }
  return {
    model,
    maxTokens: typeof maxTokens === 'number' ? maxTokens : Number.MAX_SAFE_INTEGER,
    stream: stream === true,
    stopSequences: (stop as string[] | undefined) ?? [],
    promptTexts,
    lastUserText,
  };
}

/** The texts of a string or block-list content; an error message when a block is invalid. */
function textsOf(content: unknown, where: string, imagesAllowed: boolean): string[] | string {
  if (typeof content === 'string') return content === '' ? `${where}: text content must be non-empty` : [content];
  if (!Array.isArray(content) || content.length === 0) return `${where}: Input should be a valid list of content blocks`;
  const texts: string[] = [];
  for (const [j, block] of content.entries()) {
    if (!isObj(block)) return `${where}.${j}: Input should be an object`;
    if (block.type === 'text') {
      if (typeof block.text !== 'string' || block.text === '') return `${where}.${j}: text content blocks must be non-empty`;
      texts.push(block.text);
    } else if (block.type === 'image' && imagesAllowed) {
      const source = block.source;
      if (!isObj(source) || source.type !== 'base64' || !isBase64(source.data)
        || typeof source.media_type !== 'string' || !IMAGE_MEDIA_TYPES.has(source.media_type)) {
        return `${where}.${j}.source: expected a base64 image source with media_type one of image/jpeg, image/png, image/gif, image/webp`;
      }
    } else {
      return `${where}.${j}.type: unexpected block type ${JSON.stringify(block.type)}`;
    }
  }
  return texts;
}
