/**
 * Image parts as each vendor's API checks them, so an adapter that sends a malformed image fails against the
 * fakes as it would against the real service. Shared by the OpenAI(-compatible), Gemini and Anthropic fakes.
 */

/** The image types all three vendors accept inline. */
export const IMAGE_MEDIA_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Non-empty, canonical base64 (length a multiple of 4): what the APIs decode without complaint. */
export function isBase64(data: unknown): data is string {
  return typeof data === 'string' && data.length > 0 && data.length % 4 === 0 && BASE64.test(data);
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An OpenAI-style error for a bad content part: the message, `param` and `code` the API returns. */
export interface OpenAIImageProblem {
  readonly message: string;
  readonly param: string;
  readonly code: string;
}

/**
 * Chat Completions content parts: `text` or `image_url` (a `data:<type>;base64,<data>` URL, or http(s)); images
 * only in user messages. Returns the first problem, or `undefined` when every part is well-formed. Counts images.
 */
export function checkOpenAIParts(messages: unknown): { problem?: OpenAIImageProblem; images: number } {
  let images = 0;
  if (!Array.isArray(messages)) return { images };
  for (const [i, message] of messages.entries()) {
    const content = isObj(message) ? message.content : undefined;
    if (!Array.isArray(content)) continue;
    for (const [j, part] of content.entries()) {
      const param = `messages.[${i}].content.[${j}]`;
      if (!isObj(part)) return { problem: { message: `Invalid type for '${param}': expected an object.`, param, code: 'invalid_type' }, images };
      if (part.type === 'text') continue;
      if (part.type !== 'image_url') return { problem: { message: `Invalid value: '${String(part.type)}'. Supported values are: 'text' and 'image_url'.`, param: `${param}.type`, code: 'invalid_value' }, images };
      if (isObj(message) && message.role !== 'user') {
        return { problem: { message: `Invalid 'messages[${i}]'. Image URLs are only allowed for messages with role 'user', but this message with role '${String(message.role)}' contains an image URL.`, param: `messages.[${i}]`, code: 'invalid_value' }, images };
      }
      const url = isObj(part.image_url) ? part.image_url.url : undefined;
      if (!validImageUrl(url)) {
        return { problem: { message: "Invalid image URL: expected a base64-encoded data URL with an image MIME type (e.g. 'data:image/png;base64,aW1nIGJ5dGVzIGhlcmU='), or a public http(s) URL.", param: `${param}.image_url.url`, code: 'invalid_image_url' }, images };
      }
      images++;
    }
  }
  return { images };
}

function validImageUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  if (/^https?:\/\//.test(url)) return true;
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  return match !== null && IMAGE_MEDIA_TYPES.has(match[1] ?? '') && isBase64(match[2]);
}

/**
 * Gemini `inlineData` parts: a supported `mimeType` and base64 `data`. Returns the API's INVALID_ARGUMENT
 * message for the first bad one, else `undefined`. `where` names the content (e.g. `contents[0]`).
 */
export function checkGeminiInlineData(parts: unknown, where: string): string | undefined {
  if (!Array.isArray(parts)) return undefined;
  for (const [j, part] of parts.entries()) {
    if (!isObj(part) || part.inlineData === undefined) continue;
    const inline = part.inlineData;
    const field = `${where}.parts[${j}].inline_data`;
    if (!isObj(inline)) return `Invalid value at '${field}': expected a Blob.`;
    if (typeof inline.mimeType !== 'string' || !IMAGE_MEDIA_TYPES.has(inline.mimeType)) {
      return `Unsupported MIME type: ${String(inline.mimeType)}`;
    }
    if (!isBase64(inline.data)) return `Invalid value at '${field}.data' (TYPE_BYTES), Base64 decoding failed for "${String(inline.data).slice(0, 32)}"`;
  }
  return undefined;
}
