/**
 * Numbers as every view writes them: money (the one USD rule, defined in core so core's own messages use it
 * too, see `core/cost/formatUsd.ts`) and counts. No `vscode`, no DOM here.
 */
export { formatUsd, type UsdFormat } from '../core/cost/formatUsd';

/** `1,234`: rounded to a whole number, thousands separated. */
export function formatCount(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `1 call`, `2 calls`, `1,000 calls`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}
