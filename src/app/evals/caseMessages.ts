import type { EvalCase, EvalSuite } from '../../core/evals/suiteSchema';
import type { ChatMessage, ContentPart, ImagePart } from '../../core/types';

/** Reads a workspace file by its path relative to the workspace folder (the suite's `files` and `images`). */
export type WorkspaceReader = (relativePath: string) => Promise<Uint8Array>;

const IMAGE_TYPES: Readonly<Record<string, ImagePart['mediaType']>> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };

/**
 * What a case sends: the suite's system prompt, then one user message with the prompt, each attached file as a
 * fenced block under its path, and each image as an image part.
 */
export async function caseMessages(suite: EvalSuite, evalCase: EvalCase, read: WorkspaceReader): Promise<ChatMessage[]> {
  const files = await Promise.all(evalCase.files.map(async (path) => `${path}:\n\`\`\`\n${new TextDecoder().decode(await read(path))}\n\`\`\``));
  const text = [evalCase.prompt, ...files].join('\n\n');
  const images = await Promise.all(evalCase.images.map(async (path): Promise<ImagePart> => ({
    type: 'image', mediaType: IMAGE_TYPES[(path.split('.').pop() ?? '').toLowerCase()] ?? 'image/png', data: Buffer.from(await read(path)).toString('base64'),
  })));
  const content: string | ContentPart[] = images.length === 0 ? text : [{ type: 'text', text }, ...images];
  return [...(suite.system !== undefined ? [{ role: 'system' as const, content: suite.system }] : []), { role: 'user', content }];
}
