/**
 * Text for the spend view. Kept apart from the DOM code so the wording rules — above all "an unknown
 * cost never reads as $0" — are unit-tested. No `vscode`, no DOM here.
 */
import { formatCount, formatUsd, plural } from './format';
import type { SpendAmount, SpendCapView, SpendDay, SpendSnapshot } from './spendProtocol';

const PLACEHOLDER = '—';

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

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** `2025-01-05` → `Jan 5` (the chart's axis and the text around it; the rest of the UI is English too). */
export function shortDay(day: string): string {
  const [, month = '', date = ''] = day.split('-');
  return `${MONTHS[Number(month) - 1] ?? month} ${Number(date)}`;
}

/** The chart's value axis: a round top and 2–3 gridlines at `step`, `2·step`… (`top = lines · step`). */
export interface ChartScale {
  readonly step: number;
  readonly top: number;
  readonly lines: number;
}

// The smallest gridline step, a hundredth of a cent: finer labels help nobody; small costs get small bars instead.
const MIN_STEP_USD = 0.0001;

/**
 * A scale for bars up to `maxUsd`: the smallest 1/2/2.5/5 × 10ⁿ step that needs at most three gridlines.
 * Consecutive steps differ by at most 2.5×, so it never needs fewer than two (unless the floor kicks in).
 */
export function chartScale(maxUsd: number): ChartScale {
  if (!(maxUsd > MIN_STEP_USD)) return { step: MIN_STEP_USD, top: MIN_STEP_USD, lines: 1 };
  let magnitude = Math.max(MIN_STEP_USD, 10 ** Math.floor(Math.log10(maxUsd / 3)));
  for (;;) {
    for (const factor of [1, 2, 2.5, 5]) {
      // Rounded so 0.1 × 3 is 0.3, not 0.30000000000000004 (gridline labels and the top must be exact).
      const step = Number((factor * magnitude).toPrecision(12));
      const lines = Math.ceil(Number((maxUsd / step).toPrecision(12)));
      if (lines <= 3) return { step, top: Number((step * lines).toPrecision(12)), lines };
    }
    magnitude *= 10;
  }
}

/** A bar's tooltip and the hidden table's row: `Jan 5: $0.0123 + 1 unknown (4 calls)`. */
export function dayText(day: SpendDay): string {
  return `${shortDay(day.day)}: ${rowCostText(day)} (${plural(day.calls, 'call')})`;
}

/**
 * The chart's accessible summary: the period, the total, the dearest day and the days with calls of unknown
 * cost, e.g. `Spend per day, Dec 17 – Jan 15: $1.23 over 40 calls; highest $0.5000 on Jan 12.`
 */
export function dailySummary(days: readonly SpendDay[]): string {
  const first = days[0];
  const last = days[days.length - 1];
  if (first === undefined || last === undefined) return 'Spend per day: no days to show.';
  let costUsd = 0;
  let calls = 0;
  let unpricedCalls = 0;
  let unpricedDays = 0;
  let peak: SpendDay | undefined;
  for (const day of days) {
    costUsd += day.costUsd;
    calls += day.calls;
    unpricedCalls += day.unpricedCalls;
    if (day.unpricedCalls > 0) unpricedDays++;
    if (day.costUsd > 0 && (peak === undefined || day.costUsd > peak.costUsd)) peak = day;
  }
  const period = `Spend per day, ${shortDay(first.day)} – ${shortDay(last.day)}`;
  if (calls === 0) return `${period}: no calls.`;
  const onDays = `on ${plural(unpricedDays, 'day')}`;
  if (unpricedCalls >= calls) return `${period}: ${plural(calls, 'call')}, all of unknown cost (${onDays}).`;
  const unknown = unpricedCalls === 0 ? '' : ` (${formatCount(unpricedCalls)} of unknown cost, ${onDays})`;
  const total = `${formatUsd(costUsd)} over ${plural(calls, 'call')}${unknown}`;
  return `${period}: ${total}${peak === undefined ? '' : `; highest ${formatUsd(peak.costUsd)} on ${shortDay(peak.day)}`}.`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
