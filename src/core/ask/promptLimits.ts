/**
 * The longest prompt Ask takes from its input, in characters: what the answer view can show whole
 * (shared/answerProtocol MAX_ANSWER_TEXT). A longer one is refused with a message, never cut or replaced.
 */
export const MAX_PROMPT_CHARS = 2_000_000;
