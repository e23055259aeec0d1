import type { ProviderError } from '../errors';
import type { Logger } from '../ports';
import type { ModelRef } from '../types';
import type { BreakerRegistry } from './breaker';
import { describeReason, type FallbackDecision } from './fallbackPolicy';
import type { HealthMonitor } from './health';

export interface FailureFeedDeps {
  readonly breakers: BreakerRegistry;
  readonly health: HealthMonitor;
  readonly logger: Logger;
  onMisconfigured?(ref: ModelRef, error: ProviderError): void;
}

/**
 * What one failed attempt teaches the resilience state: breakers count what the policy counts, key states
 * become suspensions, misconfiguration is reported. A `local` failure (a timeout while this process was
 * overloaded, `loopLag.ts`) says nothing about the provider's health, so passive health does not see it.
 */
export function feedFailure(deps: FailureFeedDeps, ref: ModelRef, error: ProviderError, decision: FallbackDecision, local: boolean): void {
  const { breakers, health } = deps;
  const breaker = breakers.get(ref);
  if (decision.countsForBreaker) breaker.recordFailure(error.reason);
  else breaker.recordNeutral();
  if (!local) health.recordFailure(ref, error.reason);
  if (decision.cooldownMs !== undefined) {
    if (decision.cooldownScope === 'provider') health.suspend({ provider: ref.provider }, decision.cooldownMs, error.reason, error.note);
    else breaker.trip(decision.cooldownMs, `${describeReason(error.reason)} (cooldown ${Math.round(decision.cooldownMs / 1000)} s)`);
  }
  if (decision.markMisconfigured !== undefined) {
    const what = decision.markMisconfigured === 'provider' ? `the ${ref.provider} key or account` : `the model id ${ref.model}`;
    deps.logger.warn(`Fallback: ${ref.provider}/${ref.model} is misconfigured (${error.reason}${error.status === undefined ? '' : ` ${error.status}`}): check ${what}. ${error.message}`);
    deps.onMisconfigured?.(ref, error);
  }
}
