/**
 * The instruction text of each code action's prompt. Separate from `actionPrompts.ts` (which shapes the
 * messages per provider) so the wording can be tuned without touching the layout logic.
 */
import type { PromptActionId } from './codeActionKinds';

/** Facts a template needs: a display name for the language and the fence tag the reply must use. */
export interface TemplateFacts {
  /** Human language name, e.g. "TypeScript". */
  readonly language: string;
  /** Fence tag the answer must carry, e.g. "ts". */
  readonly fenceTag: string;
  /** Refactor only: what the user asked for. */
  readonly instruction?: string;
}

// The rules every code-producing action shares: they are what makes extraction and the diff reliable.
function replyRules(facts: TemplateFacts, what: string): string {
  return [
    `Return ${what} in exactly one fenced code block tagged \`${facts.fenceTag}\`.`,
    'The block must be complete and ready to paste as is: no placeholders such as "..." or "rest unchanged", ' +
      'no line numbers, no code from the surrounding context.',
    'Keep the indentation style (tabs or spaces) and the naming conventions of the original.',
    'Outside the block write at most one short note; no other commentary.',
  ].join('\n');
}

/** The system text for `action`: the role, the task and the reply rules. */
export function systemText(action: PromptActionId, facts: TemplateFacts): string {
  const role = `You are an expert ${facts.language} programmer helping inside a code editor.`;
  switch (action) {
    case 'explain':
      return [
        role,
        `Explain the selected ${facts.language} code to a developer reading it in their editor.`,
        'Start with a one-sentence summary, then the key steps, anything non-obvious, and any bug or risk you notice ' +
          '(including the listed diagnostics, if any).',
        'Use Markdown. Refer to code by quoting it, not by line number. Do not rewrite the code.',
      ].join('\n');
    case 'fix':
      return [
        role,
        'Fix the selected code: the listed diagnostics first, then any obvious bug you are sure of.',
        'Change only what the fix needs; keep everything else byte for byte.',
        replyRules(facts, 'the whole corrected selection'),
      ].join('\n');
    case 'refactor':
      return [
        role,
        'Refactor the selected code as the user asks. Keep its behaviour, and keep exported names and signatures ' +
          'unless the request says otherwise.',
        replyRules(facts, 'the whole refactored selection'),
      ].join('\n');
    case 'tests':
      return [
        role,
        'Write unit tests for the selected code with the test framework the language conventionally uses ' +
          '(or the one the surrounding code suggests). Cover the normal cases, the edge cases and the error paths.',
        replyRules(facts, 'one complete test file, imports included,'),
      ].join('\n');
    case 'docs':
      return [
        role,
        `Add documentation comments to the selected code in the conventional style for ${facts.language} ` +
          '(JSDoc, docstrings, Javadoc, /// comments…): purpose, parameters, return value, errors.',
        'Do not change any code: only add or complete comments.',
        replyRules(facts, 'the whole selection with the comments added'),
      ].join('\n');
  }
}

/** The one-line request that closes the user message. */
export function requestText(action: PromptActionId, facts: TemplateFacts, hasDiagnostics: boolean): string {
  switch (action) {
    case 'explain':
      return 'Explain the selected code.';
    case 'fix':
      return hasDiagnostics ? 'Fix the selected code so the diagnostics above go away.' : 'Fix the bugs in the selected code.';
    case 'refactor':
      // The user's words close the message, where models weigh them most; a trailing stop is ours to add.
      return `Refactor the selected code: ${facts.instruction?.trim().replace(/[.\s]+$/, '') || 'improve its readability and structure'}.`;
    case 'tests':
      return 'Write unit tests for the selected code.';
    case 'docs':
      return 'Add documentation comments to the selected code.';
  }
}
