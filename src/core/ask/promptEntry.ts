/**
 * What Enter in Ask's prompt input does (issue 14): send exactly the text in the input, or nothing. A past
 * prompt is never sent by Enter: picking one from "Recent prompts" puts it into the input, where the user
 * sends it. The input is an input box, not a quick pick, because the workbench's quick pick cannot take a
 * long paste: its filter turns the typed text into a regular expression, which fails past ~50 KB, so the
 * extension never hears of the text and a stale history row was sent in its place. Pure: the adapter is
 * src/vscode/ask/promptInput.ts.
 */
import { MAX_PROMPT_CHARS } from './promptLimits';

export type PromptDecision =
  | { readonly kind: 'send'; readonly prompt: string }
  | { readonly kind: 'empty'; readonly message: string }
  | { readonly kind: 'tooLong'; readonly message: string };

export function decidePrompt(value: string): PromptDecision {
  if (value.trim() === '') return { kind: 'empty', message: 'Type a prompt first: nothing was sent. For a past prompt, choose Recent Prompts (the clock button).' };
  if (value.length > MAX_PROMPT_CHARS) {
    const n = (x: number) => x.toLocaleString('en-US');
    return { kind: 'tooLong', message: `The prompt is ${n(value.length)} characters; Ask takes up to ${n(MAX_PROMPT_CHARS)}. Nothing was sent: shorten it, or put the text in a file and ask about that file.` };
  }
  return { kind: 'send', prompt: value };
}
