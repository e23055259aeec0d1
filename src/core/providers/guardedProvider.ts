import { ProviderError } from '../errors';
import type { Provider } from './provider';

/**
 * The adapter as the rest of Quorum sees it: every error it throws — from a stream or a model listing — carries
 * only cleaned text (`clean`: redacted, bounded, without foreign links) and no SDK object that could hold the key
 * or a full response body (`cause` becomes a cleaned summary).
 */
export function guardedProvider(provider: Provider, clean: (text: string) => string): Provider {
  return {
    id: provider.id,
    kind: provider.kind,
    displayName: provider.displayName,
    async *stream(request, options) {
      try {
        yield* provider.stream(request, options);
      } catch (error) {
        throw cleanError(error, clean);
      }
    },
    async listModels(options) {
      try {
        return await provider.listModels(options);
      } catch (error) {
        throw cleanError(error, clean);
      }
    },
  };
}

/** The same failure with cleaned text and a cleaned, SDK-free cause. */
export function cleanError(error: unknown, clean: (text: string) => string): Error {
  if (error instanceof ProviderError) {
    const cause = error.cause === undefined ? undefined : summary(error.cause, clean);
    return new ProviderError({
      reason: error.reason, provider: error.provider, model: error.model, status: error.status, retryAfterMs: error.retryAfterMs,
      providerCode: error.providerCode === undefined ? undefined : clean(error.providerCode).slice(0, 64),
      shouldRetry: error.shouldRetry, message: clean(error.message), cause,
    });
  }
  const cleaned = new Error(summary(error, clean).message);
  if (error instanceof Error) cleaned.name = error.name;
  return cleaned;
}

function summary(error: unknown, clean: (text: string) => string): { readonly name?: string; readonly message: string } {
  return error instanceof Error ? { name: error.name, message: clean(error.message) } : { message: clean(String(error)) };
}

/** Stands in for an adapter that must not be built (its key may not go to its origin): every call fails, nothing is sent. */
export function refusingProvider(id: string, kind: Provider['kind'], displayName: string, message: string): Provider {
  const refuse = (): never => {
    throw new ProviderError({ reason: 'permission', provider: id, message });
  };
  return {
    id, kind, displayName,
    // eslint-disable-next-line require-yield -- refuses before the first event
    async *stream() {
      refuse();
    },
    listModels: async () => refuse(),
  };
}
