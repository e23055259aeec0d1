/**
 * The one way Quorum writes an amount of US dollars, for every view, chat, the meter, budget messages and
 * routing reasons, so one call's cost reads the same wherever it is shown.
 *
 * It lives in core because core builds user-facing sentences with money in them (budget admissions and
 * alerts, routing reasons, both persisted or shown as they are); `src/shared/format.ts` re-exports it for the
 * presenters and webviews, which import only from shared. It imports nothing, so the webview bundles only it.
 */

export interface UsdFormat {
  /** Mark a known amount as an estimate made before the call (`$0.0123 est.`). Default false. */
  readonly estimate?: boolean;
}

/** Below this, the amount reads `<$0.000001` rather than in exponent notation or as a false `$0.000000`. */
const SMALLEST_USD = 0.000_001;
/** Below this, two significant digits, so two cheap estimates still compare (`$0.00046 vs $0.00061`). */
const SUB_TENTH_CENT_USD = 0.001;

/**
 * `unknown` when the amount is unknown (or not a finite number) — never a false $0; `$0.00` for a known zero; two significant digits
 * below a tenth of a cent (`$0.00046`, `<$0.000001` below a millionth); four decimals below a dollar
 * (`$0.0123`); two decimals from a dollar, thousands separated (`$1,234.50`); negatives with a leading `-`.
 * @param amountUsd USD; `undefined` = unknown
 */
export function formatUsd(amountUsd: number | undefined, format: UsdFormat = {}): string {
  // A non-finite amount can only be a bug upstream; "unknown" is the reading that claims nothing.
  if (amountUsd === undefined || !Number.isFinite(amountUsd)) return 'unknown';
  const text = amountUsd < 0 ? `-${dollars(-amountUsd)}` : dollars(amountUsd);
  return format.estimate === true ? `${text} est.` : text;
}

function dollars(amount: number): string {
  if (amount === 0) return '$0.00';
  if (amount < SMALLEST_USD) return `<$${SMALLEST_USD.toFixed(6)}`;
  if (amount < SUB_TENTH_CENT_USD) return `$${amount.toPrecision(2)}`;
  // Rounded to four decimals first, so $0.99996 reads $1.00 rather than $1.0000.
  const cents = amount.toFixed(4);
  if (Number(cents) < 1) return `$${cents}`;
  return `$${groupThousands(amount.toFixed(2))}`;
}

function groupThousands(digits: string): string {
  const [whole = '', fraction] = digits.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}
