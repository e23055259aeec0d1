import type { ImagePart } from '../types';
import type { AskRequest } from './askContext';

/** An image the user attached to a question: where it came from and the part that carries it. */
export interface AttachedImage {
  /** Workspace-relative path (or the absolute path outside a workspace): privacy globs are matched on it. */
  readonly path: string;
  /** File name, for the answer header. */
  readonly name: string;
  readonly part: ImagePart;
}

/**
 * Largest image sent, in bytes (5 MiB): Anthropic's per-image limit, the smallest of the three vendors; a larger
 * file would fail at the provider after routing, so it is refused before anything is sent.
 */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

const MEDIA_TYPES: Readonly<Record<string, ImagePart['mediaType']>> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp',
};

/** The image type of a file by its extension, or `undefined` when no vendor takes it inline. */
export function imageMediaType(fileName: string): ImagePart['mediaType'] | undefined {
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return extension === undefined ? undefined : MEDIA_TYPES[extension];
}

/**
 * The Ask request with images added to its question: text first, then each image, in one user message (every
 * vendor reads an image with the text of its own turn). The images' paths join `contextFiles`, so
 * `quorum.privacy.localOnlyGlobs` applies to them as to any attached file, and routing sees them as image parts
 * (vision required, not text).
 */
export function withImages(ask: AskRequest, images: readonly AttachedImage[]): AskRequest {
  if (images.length === 0) return ask;
  const messages = ask.request.messages.map((message, index, all) => {
    if (index !== all.length - 1 || message.role !== 'user') return message;
    const text = typeof message.content === 'string' ? [{ type: 'text' as const, text: message.content }] : message.content;
    return { ...message, content: [...text, ...images.map((image) => image.part)] };
  });
  const contextFiles = [...(ask.request.contextFiles ?? []), ...images.map((image) => image.path)];
  return {
    request: { ...ask.request, messages, contextFiles },
    attached: { ...ask.attached, images: images.map((image) => image.name) },
  };
}
