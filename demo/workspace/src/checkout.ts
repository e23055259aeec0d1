import { cartTotal, type CartLine } from './cart';
import { applyDiscount, formatCents } from './discount';

/** The line the checkout page shows under the cart. */
export function checkoutSummary(lines: ReadonlyArray<CartLine | null>, discountPercent: number): string {
  const total = applyDiscount(cartTotal(lines), discountPercent);
  return `Total: ${formatCents(total)}`;
}
