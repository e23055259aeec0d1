import type { Provider } from '../providers/provider';
import type { HealthProbe } from './health';

export interface HealthProbeDeps {
  getProvider(providerId: string): Promise<Provider | undefined>;
  /** The cheapest model of the provider (from the catalog); `undefined` skips the check as failed. */
  cheapestModel(providerId: string): string | undefined;
  /** Deadline of one check, in ms (first token and idle). */
  readonly timeoutMs?: number;
}

/** What a check asks: as little as possible, one output token. */
export const HEALTH_CHECK_PROMPT = 'Reply with OK.';

/**
 * An active check over the real adapter: the cheapest model, a tiny prompt and `maxOutputTokens: 1`, so a
 * check costs a handful of tokens. Passes when the stream reaches its terminal signal (any finish reason:
 * a one-token answer usually ends with `length`).
 */
export function createHealthProbe(deps: HealthProbeDeps): HealthProbe {
  const timeoutMs = deps.timeoutMs ?? 10_000;
  return async (providerId, signal) => {
    const provider = await deps.getProvider(providerId);
    const model = deps.cheapestModel(providerId);
    if (provider === undefined || model === undefined) throw new Error(`${providerId} has no key or no model to check`);
    let finished = false;
    const request = { model, messages: [{ role: 'user' as const, content: HEALTH_CHECK_PROMPT }], maxOutputTokens: 1 };
    for await (const event of provider.stream(request, { signal, timeouts: { firstTokenMs: timeoutMs, idleMs: timeoutMs } })) {
      if (event.type === 'finish') finished = true;
    }
    if (!finished) throw new Error(`${providerId} check ended without an answer`);
  };
}
