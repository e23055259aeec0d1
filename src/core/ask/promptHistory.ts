/** How many past prompts Ask Best Model offers again. */
export const PROMPT_HISTORY_LIMIT = 20;

/**
 * The history with `prompt` moved (or added) to the front; blank prompts are not remembered and the
 * list never grows beyond `limit`. Pure: returns a new array.
 */
export function rememberPrompt(history: readonly string[], prompt: string, limit = PROMPT_HISTORY_LIMIT): string[] {
  const trimmed = prompt.trim();
  if (trimmed === '') return history.slice(0, limit);
  return [trimmed, ...history.filter((p) => p !== trimmed)].slice(0, limit);
}

/** Reads a stored history defensively: storage may hold anything an older version wrote. */
export function readPromptHistory(stored: unknown, limit = PROMPT_HISTORY_LIMIT): string[] {
  if (!Array.isArray(stored)) return [];
  return stored.filter((p): p is string => typeof p === 'string' && p.trim() !== '').slice(0, limit);
}
