import type { ModelRef } from '../types';

/** `provider/model`, the form routing rules and the UI use (e.g. `compat:ollama/llama3.2:latest`). */
export function modelRefText(ref: ModelRef): string {
  return `${ref.provider}/${ref.model}`;
}

/** Parses `provider/model`; provider ids never contain a slash, model ids may. */
export function parseModelRefText(text: string): ModelRef | undefined {
  const slash = text.indexOf('/');
  if (slash <= 0 || slash === text.length - 1) return undefined;
  return { provider: text.slice(0, slash), model: text.slice(slash + 1) };
}

export function sameModelRef(a: ModelRef | undefined, b: ModelRef | undefined): boolean {
  return a !== undefined && b !== undefined && a.provider === b.provider && a.model === b.model;
}
