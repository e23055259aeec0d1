/** Applies a percentage discount to a price in cents, rounding to the nearest cent. */
export function applyDiscount(priceCents: number, percent: number): number {
  if (percent < 0 || percent > 100) throw new RangeError(`percent must be 0..100, not ${percent}`);
  return Math.round(priceCents * (1 - percent / 100));
}

export function formatCents(cents: number, currency = 'USD'): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(cents / 100);
}
