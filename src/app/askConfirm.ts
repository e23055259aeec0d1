import type { RouteDecision, RouteEstimate } from '../core/routing/routeDecision';
import type { ModelRef } from '../core/types';

/** What the user chose when shown the route before sending: send it, another model, or nothing. */
export type RouteChoice = { readonly send: true; readonly model?: ModelRef } | { readonly send: false };

/**
 * The UI's side of `quorum.ask.confirmAboveUsd` (a quick pick in VS Code): shows the chosen model and its
 * estimate, and the chain's other models with theirs, and says what the user chose.
 */
export interface RouteConfirmPort {
  choose(chosen: RouteEstimate, alternatives: readonly RouteEstimate[], thresholdUsd: number): Promise<RouteChoice>;
}

/** The request path's hook: called with every routed (not pinned) decision before anything is sent. */
export type ConfirmRoute = (decision: RouteDecision) => Promise<RouteChoice>;

/**
 * Asks through `port` when the chosen model's estimate is above `thresholdUsd()` (USD; 0 = never). An unknown
 * estimate is not "above": without a price there is nothing to compare, and the budget gate still applies.
 */
export function confirmAboveThreshold(thresholdUsd: () => number, port: RouteConfirmPort): ConfirmRoute {
  return async (decision) => {
    const threshold = thresholdUsd();
    const chosen = decision.estimates[0];
    if (threshold <= 0 || chosen?.costUsd === undefined || chosen.costUsd <= threshold) return { send: true };
    return port.choose(chosen, decision.estimates.slice(1), threshold);
  };
}
