import * as vscode from 'vscode';
import { imageMediaType, MAX_IMAGE_BYTES } from '../../core/ask/imageAttachments';
import type { RouteRequest } from '../../core/routing/taskProfile';
import type { ChatMessage, ContentPart } from '../../core/types';

/** Earlier turns of this conversation sent with a new one: enough to follow up, bounded in cost. */
export const MAX_HISTORY_TURNS = 10;
/** Text of one `#file` reference sent at most, in characters (~25k tokens); the rest is cut with a note. */
export const MAX_REFERENCE_CHARS = 100_000;

/**
 * The chat turn as a routed request: the conversation's earlier `@quorum` turns (user prompts and our answers'
 * text), then the new prompt with its `#file` references — text files as fenced text before the question,
 * images as image parts after it. Every referenced file's path joins `contextFiles`, so
 * `quorum.privacy.localOnlyGlobs` applies to it as to any attached file.
 */
export async function chatRouteRequest(
  prompt: string, references: readonly vscode.ChatPromptReference[], history: vscode.ChatContext['history'], participant: string,
): Promise<RouteRequest> {
  const texts: ContentPart[] = [];
  const images: ContentPart[] = [];
  const contextFiles: string[] = [];
  for (const reference of references) {
    const attached = await referencePart(reference);
    if (attached === undefined) continue;
    (attached.part.type === 'image' ? images : texts).push(attached.part);
    if (attached.path !== undefined) contextFiles.push(attached.path);
  }
  const question: ChatMessage = texts.length === 0 && images.length === 0
    ? { role: 'user', content: prompt }
    : { role: 'user', content: [...texts, { type: 'text', text: prompt }, ...images] };
  return {
    messages: [...historyMessages(history, participant), question],
    feature: 'ask',
    ...(contextFiles.length > 0 ? { contextFiles } : {}),
  };
}

/** This participant's earlier turns as alternating user/assistant messages (the last `MAX_HISTORY_TURNS`). */
export function historyMessages(history: vscode.ChatContext['history'], participant: string): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (const turn of history.slice(-2 * MAX_HISTORY_TURNS)) {
    if (turn.participant !== participant) continue;
    // Duck-typed rather than instanceof: hosts (and stand-in chat APIs) may build turns from other realms.
    if ('prompt' in turn) {
      if (turn.prompt.trim() !== '') messages.push({ role: 'user', content: turn.prompt });
    } else {
      const text = turn.response.flatMap((part) => (isMarkdownPart(part) ? [part.value.value] : [])).join('').trim();
      // A turn without text (a refused or failed one) is left out with its question, so roles keep alternating.
      if (text === '') { if (messages.at(-1)?.role === 'user') messages.pop(); }
      else messages.push({ role: 'assistant', content: text });
    }
  }
  return messages.at(-1)?.role === 'user' ? messages.slice(0, -1) : messages;
}

function isMarkdownPart(part: unknown): part is vscode.ChatResponseMarkdownPart {
  const value = typeof part === 'object' && part !== null ? (part as { value?: unknown }).value : undefined;
  return typeof value === 'object' && value !== null && typeof (value as { value?: unknown }).value === 'string';
}

/** One reference as a content part, with its workspace-relative path; `undefined` when it cannot be sent. */
async function referencePart(reference: vscode.ChatPromptReference): Promise<{ part: ContentPart; path?: string } | undefined> {
  const value = reference.value;
  if (typeof value === 'string') return { part: { type: 'text', text: value } };
  const uri = value instanceof vscode.Uri ? value : value instanceof vscode.Location ? value.uri : undefined;
  if (uri === undefined) return undefined;
  const path = vscode.workspace.asRelativePath(uri, false);
  const mediaType = imageMediaType(uri.path);
  if (mediaType !== undefined) {
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (bytes.byteLength > MAX_IMAGE_BYTES) return undefined;
    return { part: { type: 'image', mediaType, data: Buffer.from(bytes).toString('base64') }, path };
  }
  const document = await vscode.workspace.openTextDocument(uri);
  const range = value instanceof vscode.Location ? value.range : undefined;
  const whole = document.getText(range);
  const text = whole.length > MAX_REFERENCE_CHARS ? `${whole.slice(0, MAX_REFERENCE_CHARS)}\n… (cut at ${MAX_REFERENCE_CHARS.toLocaleString('en-US')} characters)` : whole;
  const where = range === undefined ? path : `${path} (lines ${range.start.line + 1}–${range.end.line + 1})`;
  return { part: { type: 'text', text: `${where}:\n\`\`\`${document.languageId}\n${text}\n\`\`\`` }, path };
}
