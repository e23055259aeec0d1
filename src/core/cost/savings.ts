import { MODEL_TIERS } from '../catalog/modelInfo';
import type { ModelInfo } from '../catalog/modelInfo';
import type { Usage } from '../types';
import { priceCall } from './pricing';

/**
 * What routing saved: for each call, what the same usage would have cost on a baseline model
 * (`quorum.savings.baselineModel`, by default the most capable configured model), minus what it did cost.
 *
 * The same token counts are priced on the baseline. That is an approximation — another vendor's tokenizer
 * counts the same text differently, and another model might have answered at a different length — but it
 * is the only comparison that needs no second call. Savings can be negative when a routed call cost more.
 *
 * Bad data never throws: records come from the ledger on disk. A record without a finite `ts` is skipped;
 * an unknown, negative or NaN cost makes that call's savings unknown, counted in `unknownCalls`.
 */

/**
 * The fields of a ledger record (DESIGN.md §3) that savings need; a ledger record is assignable to it.
 */
export interface SavingsRecord {
  /** When the call happened, ms since the epoch. */
  readonly ts: number;
  /** Provider instance id that served the call. */
  readonly provider: string;
  readonly model: string;
  /** Provider-reported usage; `undefined` when unknown. */
  readonly usage?: Usage;
  /** What the call cost in USD, as the ledger priced it; `undefined` when unknown. */
  readonly costUsd?: number;
  /** A cache hit cost nothing and was not routed; crediting it to routing would overstate savings. */
  readonly cacheHit?: boolean;
}

/** The baseline's identity and prices (a `ModelInfo` fits). */
export type BaselineModel = Pick<ModelInfo, 'provider' | 'id' | 'pricing'>;

/** One call's comparison in USD; each field `undefined` when unknown. */
export interface CallSavings {
  readonly baselineUsd?: number;
  readonly actualUsd?: number;
  /** `baselineUsd - actualUsd`; 0 for a call made on the baseline itself. */
  readonly savedUsd?: number;
}

/** Savings over one period, in USD. The three sums cover the same calls, so saved = baseline - actual. */
export interface SavingsTotals {
  readonly savedUsd: number;
  readonly baselineUsd: number;
  readonly actualUsd: number;
  /** Calls whose savings are known and summed. */
  readonly calls: number;
  /** Calls left out because their own or their baseline cost is unknown (shown as "+ N not compared"). */
  readonly unknownCalls: number;
}

/** Half-open `[fromMs, toMs)` of epoch ms; the ledger's `TimeRange` (from `periodRange`) fits. */
export interface SavingsRange {
  readonly fromMs: number;
  readonly toMs: number;
}

export interface SavingsSummary {
  readonly today: SavingsTotals;
  readonly month: SavingsTotals;
}

/** What the call would have cost on the baseline, what it cost, and the difference. */
export function callSavings(record: SavingsRecord, baseline: BaselineModel): CallSavings {
  const actualUsd = isAmount(record.costUsd) ? record.costUsd : undefined;
  if (record.provider === baseline.provider && record.model === baseline.id) {
    // Same model, same usage: nothing saved, whatever the price.
    return actualUsd === undefined ? { savedUsd: 0 } : { baselineUsd: actualUsd, actualUsd, savedUsd: 0 };
  }
  const baselineUsd = priceCall(record.usage, baseline.pricing);
  return {
    ...(baselineUsd === undefined ? {} : { baselineUsd }),
    ...(actualUsd === undefined ? {} : { actualUsd }),
    ...(baselineUsd === undefined || actualUsd === undefined ? {} : { savedUsd: baselineUsd - actualUsd }),
  };
}

/**
 * Savings today and this month over routed calls, in one pass. Cache hits are left out; the caller passes
 * only the records of routed calls (not, say, a side-by-side comparison the user asked for).
 * @param periods the local day and month, e.g. `{ today: periodRange('today', at), month: periodRange('month', at) }`
 */
export function summarizeSavings(
  records: Iterable<SavingsRecord>,
  baseline: BaselineModel,
  periods: { readonly today: SavingsRange; readonly month: SavingsRange },
): SavingsSummary {
  const today = new Totals();
  const month = new Totals();
  for (const record of records) {
    if (record.cacheHit === true || !Number.isFinite(record.ts)) continue;
    const inToday = within(record.ts, periods.today);
    const inMonth = within(record.ts, periods.month);
    if (!inToday && !inMonth) continue;
    const savings = callSavings(record, baseline);
    if (inMonth) month.add(savings);
    if (inToday) today.add(savings);
  }
  return { today: today.result(), month: month.result() };
}

function within(ts: number, range: SavingsRange): boolean {
  return ts >= range.fromMs && ts < range.toMs;
}

/**
 * The default baseline: among enabled models of configured providers, the most capable — the highest tier,
 * then the highest output price (a known price before an unknown one: an unpriced baseline compares nothing),
 * then the highest input price, then provider and model id, so the choice is deterministic.
 * @param configuredProviders provider instance ids that can be called (e.g. have a key)
 * @returns `undefined` when no configured provider has an enabled model
 */
export function defaultBaselineModel(models: readonly ModelInfo[], configuredProviders: Iterable<string>): ModelInfo | undefined {
  const configured = new Set(configuredProviders);
  const candidates = models.filter((model) => model.disabled !== true && configured.has(model.provider));
  return [...candidates].sort(moreCapableFirst)[0];
}

function moreCapableFirst(a: ModelInfo, b: ModelInfo): number {
  return (
    MODEL_TIERS.indexOf(b.tier) - MODEL_TIERS.indexOf(a.tier) ||
    higherKnownFirst(a.pricing.outputPerMTok, b.pricing.outputPerMTok) ||
    higherKnownFirst(a.pricing.inputPerMTok, b.pricing.inputPerMTok) ||
    compareText(a.provider, b.provider) ||
    compareText(a.id, b.id)
  );
}

function higherKnownFirst(a: number | undefined, b: number | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  return b - a;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isAmount(value: number | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** A running sum for one period. */
class Totals {
  private savedUsd = 0;
  private baselineUsd = 0;
  private actualUsd = 0;
  private calls = 0;
  private unknownCalls = 0;

  add(savings: CallSavings): void {
    const { savedUsd, baselineUsd, actualUsd } = savings;
    if (savedUsd === undefined || baselineUsd === undefined || actualUsd === undefined) {
      // A baseline call with an unknown price saved 0 but its dollars are unknown: it cannot join the sums.
      this.unknownCalls += 1;
      return;
    }
    this.savedUsd += savedUsd;
    this.baselineUsd += baselineUsd;
    this.actualUsd += actualUsd;
    this.calls += 1;
  }

  result(): SavingsTotals {
    return { savedUsd: this.savedUsd, baselineUsd: this.baselineUsd, actualUsd: this.actualUsd, calls: this.calls, unknownCalls: this.unknownCalls };
  }
}
