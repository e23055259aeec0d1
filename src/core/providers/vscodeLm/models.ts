import type { ModelInfo } from '../../catalog/modelInfo';
import { NO_CAPABILITIES } from '../../catalog/modelInfo';
import type { ChatMessage, ContentPart } from '../../types';

/** Provider instance id of VS Code's language models (`vscode.lm`, e.g. Copilot's). */
export const VSCODE_LM_PROVIDER_ID = 'vscodeLm';
export const VSCODE_LM_DISPLAY_NAME = 'VS Code language models';

/**
 * Shown in VS Code's consent dialog (`LanguageModelChatRequestOptions.justification`): what the access is for.
 */
export const VSCODE_LM_JUSTIFICATION = 'Quorum routes your prompt to the model that fits it best and compares answers across models.';

/** What Quorum reads of a `vscode.LanguageModelChat` (plain data, so this module stays free of `vscode`). */
export interface LanguageModelChatInfo {
  readonly id: string;
  readonly name: string;
  readonly vendor: string;
  readonly family: string;
  /** Largest prompt one request may carry, in tokens. */
  readonly maxInputTokens: number;
}

/**
 * A `vscode.lm` model as a catalog entry: prices unknown (`{}`: a subscription, not per-token billing, so any
 * cost is shown as "unknown (subscription)"), tier `standard`, capabilities unknown. `contextWindow` is the
 * model's *input* limit — the only limit the API reports. A `quorum.models` entry for provider `vscodeLm` may
 * override any of it (tier, capabilities, disabled), as for a built-in.
 */
export function vscodeLmModelInfo(model: LanguageModelChatInfo): ModelInfo {
  const name = model.name.trim() === '' ? model.id : model.name;
  return {
    provider: VSCODE_LM_PROVIDER_ID,
    id: model.id,
    displayName: model.vendor.trim() === '' ? name : `${name} (${model.vendor})`,
    pricing: {},
    ...(Number.isFinite(model.maxInputTokens) && model.maxInputTokens > 0 ? { contextWindow: Math.floor(model.maxInputTokens) } : {}),
    capabilities: NO_CAPABILITIES,
    tier: 'standard',
    source: 'discovered',
  };
}

/** One message as the lm API takes it: it has user and assistant roles only. */
export interface LmMessage {
  readonly role: 'user' | 'assistant';
  readonly text: string;
}

function textOf(content: string | readonly ContentPart[]): string {
  if (typeof content === 'string') return content;
  return content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

/**
 * Our messages in the lm API's shape. The API has no system role, so system text (wherever it appears) is
 * folded, in order, into the start of the first user message, separated by a blank line; with no user message
 * at all it becomes one. Images are dropped (capabilities are unknown). Consecutive messages of one role are
 * kept as they are: the lm API accepts them.
 */
export function toLmMessages(messages: readonly ChatMessage[]): LmMessage[] {
  const system = messages.filter((m) => m.role === 'system').map((m) => textOf(m.content)).filter((t) => t.trim() !== '');
  const out: LmMessage[] = messages
    .filter((m): m is ChatMessage & { role: 'user' | 'assistant' } => m.role !== 'system')
    .map((m) => ({ role: m.role, text: textOf(m.content) }));
  if (system.length === 0) return out;
  const preamble = system.join('\n\n');
  const first = out.findIndex((m) => m.role === 'user');
  if (first < 0) return [{ role: 'user', text: preamble }, ...out];
  const target = out[first];
  out[first] = { role: 'user', text: target === undefined || target.text === '' ? preamble : `${preamble}\n\n${target.text}` };
  return out;
}
