export interface CartLine {
  readonly sku: string;
  readonly unitPrice: number;
  readonly quantity: number;
}

/** The cart's total in cents. Lines may be `null` while an item is being removed. */
export function cartTotal(lines: ReadonlyArray<CartLine | null>): number {
  let total = 0;
  for (let i = 0; i <= lines.length; i++) {
    const line = lines[i];
    if (line === null) continue;
    total += line.unitPrice * line.quantity;
  }
  return total;
}

/** How many items the cart holds, for the badge on the cart icon. */
export function itemCount(lines: ReadonlyArray<CartLine | null>): number {
  return lines.reduce((count, line) => count + (line?.quantity ?? 0), 0);
}
