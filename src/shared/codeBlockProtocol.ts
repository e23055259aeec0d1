/**
 * The message a rendered answer's code block sends when its Copy, Insert or Apply button is pressed. Every
 * view that renders answers through the shared markdown renderer (the Answer view, the Quorum panel's
 * columns, the conversation view) includes `codeBlockActionSchema` in its message union, and the host hands
 * it to `CodeBlockActions` (src/vscode/editor/codeBlockActions.ts). No `vscode`, no DOM here.
 */
import * as z from 'zod/mini';
import { validator } from './ipc';

/** Longest code block a message may carry, in characters (an answer is at most 2,000,000). */
export const MAX_CODE_BLOCK = 2_000_000;

export const CODE_BLOCK_ACTIONS = ['copy', 'insert', 'apply'] as const;
export type CodeBlockActionKind = (typeof CODE_BLOCK_ACTIONS)[number];

export const codeBlockActionSchema = z.object({
  type: z.literal('codeBlock/action'),
  action: z.enum(CODE_BLOCK_ACTIONS),
  /** The block's code as rendered (the text the user sees, without the fence). */
  code: z.string().check(z.maxLength(MAX_CODE_BLOCK)),
  /** The fence's language tag, when it had one. */
  language: z.optional(z.string().check(z.maxLength(40))),
  /** Who wrote the answer, for the diff's title (a model label); the host may know better. */
  source: z.optional(z.string().check(z.maxLength(200))),
});
export type CodeBlockAction = z.infer<typeof codeBlockActionSchema>;

export const parseCodeBlockAction: (raw: unknown) => CodeBlockAction | undefined = validator(codeBlockActionSchema);
