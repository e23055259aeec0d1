import { isProviderError, type ProviderErrorReason } from '../errors';
import type { RemoteModel } from '../types';
import type { Provider } from './provider';

/** A provider's state as the Providers view shows it. */
export type ProviderStatus = 'ready' | 'noKey' | 'unreachable' | 'keyRejected' | 'error';

export interface ProviderCheck {
  readonly status: ProviderStatus;
  readonly models: readonly RemoteModel[];
  /** What went wrong and what to do, in our own words (never contains a key). */
  readonly message?: string;
  readonly reason?: ProviderErrorReason;
  /** Round trip of the model listing, in ms. */
  readonly latencyMs?: number;
}

/**
 * Checks a key and an endpoint the cheapest way there is: listing models spends no tokens.
 * `provider` undefined means no key is stored for a provider that needs one.
 */
export async function checkProvider(
  provider: Provider | undefined,
  options: { timeoutMs: number; signal?: AbortSignal; now?: () => number },
): Promise<ProviderCheck> {
  if (provider === undefined) {
    return { status: 'noKey', models: [], message: "No API key. Run 'Quorum: Set API Key'." };
  }
  const now = options.now ?? Date.now;
  const started = now();
  const signal = options.signal ?? new AbortController().signal;
  try {
    const models = await provider.listModels({ signal, timeoutMs: options.timeoutMs });
    return { status: 'ready', models, latencyMs: now() - started };
  } catch (error) {
    if (!isProviderError(error)) {
      return { status: 'error', models: [], message: `${provider.displayName}: unexpected failure while listing models.` };
    }
    return { status: statusFor(error.reason), models: [], message: error.message, reason: error.reason, latencyMs: now() - started };
  }
}

function statusFor(reason: ProviderErrorReason): ProviderStatus {
  switch (reason) {
    case 'auth':
    case 'permission':
      return 'keyRejected';
    case 'network':
    case 'timeout':
      return 'unreachable';
    default:
      return 'error';
  }
}
