/**
 * Text for the spend view. Kept apart from the DOM code so the wording rules — above all "an unknown
 * cost never reads as $0" — are unit-tested. No `vscode`, no DOM here.
 */
import type { SpendAmount, SpendCapView, SpendSnapshot } from './spendProtocol';

const PLACEHOLDER = '—';

/** `$0.0123` below a dollar, `$1.23` (thousands separated) from one; sub-hundredth-cent reads `<$0.0001`, never `$0.0000`. */
export function formatUsd(amount: number): string {
  if (amount < 0) return `-${formatUsd(-amount)}`;
  if (amount === 0) return '$0.00';
  if (amount < 0.0001) return '<$0.0001';
  if (amount < 1) return `$${amount.toFixed(4)}`;
  return `$${groupThousands(amount.toFixed(2))}`;
}

export function formatCount(value: number): string {
  return groupThousands(String(Math.round(value)));
}

function groupThousands(digits: string): string {
  const [whole = '', fraction] = digits.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/** A total card: the cost line, and a note when some calls have no known price (the cost is then a lower bound). */
export function amountText(amount: SpendAmount): { readonly cost: string; readonly calls: string; readonly unknown?: string } {
  const calls = plural(amount.calls, 'call');
  if (amount.unpricedCalls === 0) return { cost: formatUsd(amount.costUsd), calls };
  const unknown = `+ ${plural(amount.unpricedCalls, 'call')} of unknown cost`;
  // Nothing priced at all: a dollar figure would claim a known cost, so say what we know instead.
  if (amount.unpricedCalls >= amount.calls) return { cost: 'Unknown', calls, unknown: `${plural(amount.unpricedCalls, 'call')} of unknown cost` };
  return { cost: formatUsd(amount.costUsd), calls, unknown };
}

/** A table cell: `$0.0123`, `$0.0123 + 2 unknown`, or `unknown` when no call in the row was priced. */
export function rowCostText(row: SpendAmount): string {
  if (row.unpricedCalls === 0) return formatUsd(row.costUsd);
  if (row.unpricedCalls >= row.calls) return 'unknown';
  return `${formatUsd(row.costUsd)} + ${formatCount(row.unpricedCalls)} unknown`;
}

/** `42%`; one decimal under 10% so 0.4% does not read as 0%. */
export function formatPercent(fraction: number): string {
  const percent = fraction * 100;
  if (percent > 0 && percent < 10) return `${percent.toFixed(1)}%`;
  return `${Math.round(percent)}%`;
}

export function formatMs(ms: number | undefined): string {
  return ms === undefined ? PLACEHOLDER : `${formatCount(ms)} ms`;
}

export function formatErrorRate(rate: number | undefined): string {
  return rate === undefined ? PLACEHOLDER : formatPercent(rate);
}

export type CapPeriod = 'daily' | 'monthly';

const LEVEL_TEXT: Record<SpendCapView['level'], string> = { ok: '', warning: ' — nearing the cap', error: ' — cap reached' };

/** `Daily budget: $1.20 of $5.00 (24%)`, with the level in words so it never rests on colour alone. */
export function capText(cap: SpendCapView, period: CapPeriod): string {
  const name = period === 'daily' ? 'Daily budget' : 'Monthly budget';
  return `${name}: ${formatUsd(cap.spentUsd)} of ${formatUsd(cap.capUsd)} (${formatPercent(cap.usedFraction)})${LEVEL_TEXT[cap.level]}`;
}

/** 0..100 for `aria-valuenow` and the bar's width; spend past the cap fills the bar, the text gives the real figure. */
export function capPercent(cap: SpendCapView): number {
  return Math.min(100, Math.max(0, Math.round(cap.usedFraction * 100)));
}

/**
 * `Saved $0.12 today / $3.40 this month vs claude-opus-4`. A negative saving is said plainly
 * ("cost $0.03 more"); a period with no figure is left out rather than shown as $0.
 */
export function savingsText(savings: SpendSnapshot['savings']): string | undefined {
  if (savings === undefined) return undefined;
  const [first, second] = [periodSaving(savings.todayUsd, 'today'), periodSaving(savings.monthUsd, 'this month')].filter((p) => p !== undefined);
  if (first === undefined) return undefined;
  // "Saved $x today / $y this month": the verb is not repeated when both periods share it.
  const joined = second === undefined ? first.text : `${first.text} / ${first.verb === second.verb ? second.bare : second.text}`;
  return `${capitalise(joined)} vs ${savings.baseline}`;
}

function periodSaving(usd: number | undefined, period: string): { verb: string; text: string; bare: string } | undefined {
  if (usd === undefined) return undefined;
  if (usd < 0) {
    const bare = `${formatUsd(-usd)} more ${period}`;
    return { verb: 'cost', text: `cost ${bare}`, bare };
  }
  const bare = `${formatUsd(usd)} ${period}`;
  return { verb: 'saved', text: `saved ${bare}`, bare };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
