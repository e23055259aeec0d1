/**
 * A total over calls some of whose costs are unknown. Both views are kept because each is honest for a
 * different question: `totalUsd` answers "what did it cost?" (unknown if any part is), while `knownUsd` plus
 * `unknownCount` lets the panel still say "at least $0.0042 + 1 call of unknown cost".
 */
export interface VoteCost {
  /** USD of every call; `undefined` when any call's cost is unknown (never a false low total). */
  readonly totalUsd?: number;
  /** USD of the calls whose cost is known: a lower bound of the true total. */
  readonly knownUsd: number;
  /** Calls whose cost is unknown (a stopped stream, an unpriced model). */
  readonly unknownCount: number;
}

/** Sums per-call USD amounts, `undefined` meaning unknown. No calls cost a known $0. */
export function sumCosts(costs: readonly (number | undefined)[]): VoteCost {
  let knownUsd = 0;
  let unknownCount = 0;
  for (const cost of costs) {
    if (cost === undefined) unknownCount += 1;
    else knownUsd += cost;
  }
  return unknownCount === 0 ? { totalUsd: knownUsd, knownUsd, unknownCount } : { knownUsd, unknownCount };
}
