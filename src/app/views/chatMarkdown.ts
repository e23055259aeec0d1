import { answerHeader } from './answerHeader';
import type { AnswerState } from '../../core/ask/answerState';
import { modelRefText } from '../../core/ask/modelRefText';
import type { ModelCatalog } from '../../core/catalog/modelCatalog';
import { VSCODE_LM_PROVIDER_ID } from '../../core/providers/vscodeLm/models';
import type { ModelRef } from '../../core/types';

/**
 * Markdown for `@quorum` answers in VS Code chat (`ChatResponseStream.markdown`). Pure: the chat handler only
 * appends what these return, so the header, the continuation marks and the footer are unit-tested here.
 */

/** Cost label of a subscription model (`vscodeLm`): the API reports no usage and there is no per-token price. */
export const SUBSCRIPTION_COST = 'unknown (subscription)';

/** Escapes text that must read literally inside markdown (model names, reasons, error messages). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+!|~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** `ref` in backticks, safe for any model id (a backtick inside is replaced). */
export function modelCode(ref: ModelRef): string {
  return `\`${modelRefText(ref).replace(/`/g, "'")}\``;
}

/** A cost the way chat shows it: "unknown (subscription)" for VS Code's models, else the given label. */
export function chatCost(ref: ModelRef | undefined, costLabel: string): string {
  return ref?.provider === VSCODE_LM_PROVIDER_ID && costLabel === 'unknown' ? SUBSCRIPTION_COST : costLabel;
}

/** The route header, first line of an answer: the model and why it was chosen. */
export function askRouteLine(state: AnswerState, catalog?: ModelCatalog): string {
  const model = state.decision?.chosen ?? state.current;
  const why = state.pinned !== undefined ? 'you chose this model' : state.decision?.reasons[0];
  const name = model === undefined ? '' : catalog?.get(model)?.displayName;
  const label = model === undefined ? 'no model' : `${modelCode(model)}${name !== undefined && name !== model.model ? ` (${escapeMarkdown(name)})` : ''}`;
  return `**Quorum** → ${label}${why === undefined ? '' : ` — ${escapeMarkdown(why)}`}\n\n`;
}

/** The line after the answer: fallback hops, then tokens and cost ("unknown (subscription)" for `vscodeLm`). */
export function askFooter(state: AnswerState, catalog?: ModelCatalog): string {
  const header = answerHeader(state, catalog);
  const by = state.answeredBy ?? state.current ?? state.decision?.chosen;
  const parts: string[] = [];
  if (state.phase === 'failed') parts.push(`**Failed:** ${escapeMarkdown(state.error ?? 'no model finished the answer')}`);
  if (state.phase === 'stopped') parts.push('_Stopped._');
  if (header.hops !== undefined) parts.push(`Route: ${escapeMarkdown(header.hops)}`);
  // Before the cost line, which stays last (the footer ends with what the answer cost).
  if (header.cache !== undefined) parts.push(`Prompt cache: ${escapeMarkdown(header.cache)}`);
  parts.push(`Tokens: ${header.tokens} · Cost: ${chatCost(by, header.cost)}${header.cached === undefined ? '' : ` · _${escapeMarkdown(header.cached)}_`}`);
  return `\n\n---\n${parts.map((p) => `${p}  `).join('\n').trimEnd()}\n`;
}

/**
 * Turns the successive states of one Ask into the markdown to append: the route header once the model is
 * known, each new piece of answer text, and an inline "continued by" mark when another model takes over
 * mid-answer. Call `next` for every state and `end` once with the final state.
 */
export class AskChatRenderer {
  private headerShown = false;
  /** Segments fully or partly written, and how much of the last one. */
  private segment = 0;
  private written = 0;

  constructor(private readonly catalog?: ModelCatalog) {}

  next(state: AnswerState): string {
    let out = '';
    if (!this.headerShown && state.decision !== undefined) {
      this.headerShown = true;
      out += askRouteLine(state, this.catalog);
    }
    for (; this.segment < state.segments.length; this.segment++, this.written = 0) {
      const seg = state.segments[this.segment];
      if (seg === undefined) break;
      if (this.written === 0 && seg.continuedFrom !== undefined && seg.by !== undefined) {
        out += `\n\n_(continued by ${modelCode(seg.by)} after ${modelCode(seg.continuedFrom)} failed)_\n\n`;
        this.written = -1; // the mark is out; no text yet
      }
      const from = Math.max(0, this.written);
      out += seg.text.slice(from);
      this.written = seg.text.length === 0 ? this.written : seg.text.length;
      // The last segment may still grow: stay on it.
      if (this.segment === state.segments.length - 1) break;
    }
    return out;
  }

  end(state: AnswerState): string {
    const rest = this.next(state);
    const header = this.headerShown ? '' : askRouteLine(state, this.catalog);
    this.headerShown = true;
    return `${header}${rest}${askFooter(state, this.catalog)}`;
  }
}
