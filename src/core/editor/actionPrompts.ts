/**
 * Builds the chat request of a code action: the template's instructions plus the selection, its context
 * and its diagnostics, laid out the way the target provider reads best.
 */
import type { ChatMessage, ModelRef } from '../types';
import { codeActionSpec, type CodeActionId } from './codeActionKinds';
import { requestText, systemText, type TemplateFacts } from './promptTemplates';

/** Severity of a diagnostic, as VS Code names them. */
export type DiagnosticSeverityName = 'error' | 'warning' | 'information' | 'hint';

/** One diagnostic in (or next to) the selection. */
export interface ActionDiagnostic {
  readonly message: string;
  /** 1-based line within `ActionInput.code` (the selection's first line is 1); the adapter converts. */
  readonly line: number;
  readonly severity: DiagnosticSeverityName;
  /** Who reported it, e.g. "ts", "eslint". */
  readonly source?: string;
  /** Its rule or error code, e.g. 2322 or "no-unused-vars". */
  readonly code?: string | number;
}

/** What the editor sends along with an action. */
export interface ActionInput {
  /**
   * The selected text. When the selection starts after a line's indentation, prefer passing the line from
   * its start (indentation included): the model then sees consistent indentation, and
   * `computeReplacement` takes the same prefix as `linePrefix`.
   */
  readonly code: string;
  /** VS Code language id of the document, e.g. "typescript". */
  readonly languageId: string;
  /** Workspace-relative path (or untitled name) of the document; omitted when it must stay private. */
  readonly fileName?: string;
  /** A few lines around the selection, for context only (the model is told not to return them). */
  readonly surrounding?: { readonly before: string; readonly after: string };
  readonly diagnostics?: readonly ActionDiagnostic[];
  /** Refactor: what the user asked for; it closes the user message. */
  readonly instruction?: string;
}

/** Who will read the prompt, as far as its shape is concerned. */
export interface PromptTarget {
  /** Provider instance id: `openai`, `anthropic`, `gemini`, `compat:<id>`, `vscodeLm`… */
  readonly provider: string;
  /** False when the model takes no system message: the instructions then open the first user message. */
  readonly systemRole: boolean;
}

/** A request ready for the router: messages, an output budget in tokens, and whether code is expected back. */
export interface ActionRequest {
  readonly messages: ChatMessage[];
  /** Output budget in tokens, sized from the selection. */
  readonly maxOutputTokens: number;
  /** True when the answer is code to extract (fix, refactor, tests, docs); false for prose (explain). */
  readonly expectsCode: boolean;
}

// o1-mini / o1-preview reject system messages; the VS Code language model API has no system role at all.
const NO_SYSTEM_MODEL = /^o1-(?:mini|preview)\b/;
const NO_SYSTEM_PROVIDERS = new Set(['vscodeLm']);

/** The prompt shape for a model: which models take a system role is known here, not in each caller. */
export function promptTargetFor(ref: ModelRef): PromptTarget {
  const systemRole = !NO_SYSTEM_PROVIDERS.has(ref.provider) && !NO_SYSTEM_MODEL.test(ref.model);
  return { provider: ref.provider, systemRole };
}

// Language ids → the fence tags models write most reliably; unlisted ids are used as they are.
const FENCE_TAGS: Readonly<Record<string, string>> = {
  typescript: 'ts', typescriptreact: 'tsx', javascript: 'js', javascriptreact: 'jsx', python: 'python',
  shellscript: 'bash', csharp: 'csharp', cpp: 'cpp', plaintext: 'text',
};

const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  typescript: 'TypeScript', typescriptreact: 'TypeScript (React)', javascript: 'JavaScript',
  javascriptreact: 'JavaScript (React)', python: 'Python', java: 'Java', csharp: 'C#', cpp: 'C++', c: 'C',
  go: 'Go', rust: 'Rust', ruby: 'Ruby', php: 'PHP', kotlin: 'Kotlin', swift: 'Swift', shellscript: 'shell',
  html: 'HTML', css: 'CSS', sql: 'SQL', plaintext: 'plain text',
};

/** The fence tag to show `languageId` code under. */
export function fenceTagFor(languageId: string): string {
  return FENCE_TAGS[languageId] ?? languageId;
}

function languageName(languageId: string): string {
  return LANGUAGE_NAMES[languageId] ?? languageId;
}

/** A fence longer than any backtick run in `code`, so code containing ``` stays one block. */
function fence(code: string, tag: string): string {
  const longest = Math.max(0, ...[...code.matchAll(/`{3,}/g)].map((m) => m[0].length));
  const marker = '`'.repeat(Math.max(3, longest + 1));
  return `${marker}${tag}\n${code.replace(/\n$/, '')}\n${marker}`;
}

function diagnosticLine(d: ActionDiagnostic, lineCount: number): string {
  const where = d.line >= 1 && d.line <= lineCount ? `line ${d.line}` : 'next to the selection';
  const origin = d.source !== undefined ? (d.code !== undefined ? `${d.source}(${d.code})` : d.source) : d.code !== undefined ? String(d.code) : '';
  // Messages can span lines (tsc's elaborations); indent continuations so each stays one list item.
  const message = d.message.trim().replace(/\r?\n/g, '\n  ');
  return `${where}, ${d.severity}${origin !== '' ? `, ${origin}` : ''}: ${message}`;
}

// XML sections hold code raw; if the code itself contains the closing tag (HTML, JSX), fence it instead
// so the section cannot end early.
function xmlSection(tag: string, body: string, attrs = '', fenceTag = ''): string {
  const inner = body.includes(`</${tag}>`) ? fence(body, fenceTag) : body.replace(/\n$/, '');
  return `<${tag}${attrs}>\n${inner}\n</${tag}>`;
}

interface Sections {
  readonly input: ActionInput;
  readonly tag: string;
  readonly diagnostics: readonly string[];
  readonly request: string;
}

// Anthropic's guidance: distinct XML-tagged sections are read more reliably than prose headings.
function xmlUserText({ input, tag, diagnostics, request }: Sections): string {
  const parts: string[] = [];
  if (input.fileName !== undefined) parts.push(`<file path="${input.fileName.replace(/"/g, '&quot;')}" language="${input.languageId}"/>`);
  if (input.surrounding !== undefined && input.surrounding.before.trim() !== '') {
    parts.push(xmlSection('context_before', input.surrounding.before, '', tag));
  }
  parts.push(xmlSection('code', input.code, ` language="${input.languageId}"`, tag));
  if (input.surrounding !== undefined && input.surrounding.after.trim() !== '') {
    parts.push(xmlSection('context_after', input.surrounding.after, '', tag));
  }
  if (diagnostics.length > 0) {
    parts.push(`<diagnostics note="line numbers are relative to <code>, its first line is 1">\n${diagnostics.join('\n')}\n</diagnostics>`);
  }
  parts.push(request.replace('the selected code', 'the code in <code>'));
  return parts.join('\n\n');
}

function markdownUserText({ input, tag, diagnostics, request }: Sections): string {
  const parts: string[] = [];
  if (input.fileName !== undefined) parts.push(`File: \`${input.fileName}\` (${input.languageId})`);
  if (input.surrounding !== undefined && input.surrounding.before.trim() !== '') {
    parts.push(`## Code before the selection (context only, do not return it)\n${fence(input.surrounding.before, tag)}`);
  }
  parts.push(`## Selected code\n${fence(input.code, tag)}`);
  if (input.surrounding !== undefined && input.surrounding.after.trim() !== '') {
    parts.push(`## Code after the selection (context only, do not return it)\n${fence(input.surrounding.after, tag)}`);
  }
  if (diagnostics.length > 0) {
    parts.push(`## Diagnostics (line numbers relative to the selection, its first line is 1)\n${diagnostics.map((d) => `- ${d}`).join('\n')}`);
  }
  parts.push(request);
  return parts.join('\n\n');
}

/** Chars per token assumed when sizing the output budget: code tokenises denser than prose. */
const CHARS_PER_TOKEN = 3;

/**
 * Output budget in tokens: room for the selection rewritten plus a note (tests: several times the code),
 * floored so short selections still get a useful answer and capped below every mainstream model's limit.
 */
function outputBudget(action: CodeActionId, codeChars: number): number {
  const codeTokens = Math.ceil(codeChars / CHARS_PER_TOKEN);
  switch (codeActionSpec(action).prompt) {
    case 'explain':
      return Math.min(2_048, Math.max(768, Math.ceil(codeTokens / 2) + 512));
    case 'tests':
      return Math.min(8_192, Math.max(2_048, codeTokens * 3 + 1_024));
    default:
      return Math.min(16_384, Math.max(1_024, Math.ceil(codeTokens * 1.5) + 512));
  }
}

/**
 * The request for `action` on `input`, shaped for `target`: XML sections for Anthropic, Markdown headings
 * elsewhere; the instructions as a system message, or at the top of the user message when the model takes
 * no system role. `compareFixes` builds the fix prompt.
 */
export function buildActionRequest(action: CodeActionId, input: ActionInput, target: PromptTarget): ActionRequest {
  const spec = codeActionSpec(action);
  const tag = fenceTagFor(input.languageId);
  const facts: TemplateFacts = {
    language: languageName(input.languageId),
    fenceTag: tag,
    ...(input.instruction !== undefined ? { instruction: input.instruction } : {}),
  };
  const lineCount = input.code.split(/\r?\n/).length;
  const diagnostics = (input.diagnostics ?? []).map((d) => diagnosticLine(d, lineCount));
  const sections: Sections = { input, tag, diagnostics, request: requestText(spec.prompt, facts, diagnostics.length > 0) };
  const xml = target.provider === 'anthropic';
  const user = xml ? xmlUserText(sections) : markdownUserText(sections);
  const system = systemText(spec.prompt, facts);
  const messages: ChatMessage[] = target.systemRole
    ? [{ role: 'system', content: system }, { role: 'user', content: user }]
    : [{ role: 'user', content: xml ? `<instructions>\n${system}\n</instructions>\n\n${user}` : `## Instructions\n${system}\n\n${user}` }];
  return { messages, maxOutputTokens: outputBudget(action, input.code.length), expectsCode: spec.prompt !== 'explain' };
}
