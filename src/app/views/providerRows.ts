import type { AvailabilityNote, ProviderRow } from '../../shared/providersProtocol';
import type { ProviderCheck } from '../../core/providers/providerCheck';
import { displayBaseUrl, type ProviderDescriptor } from '../../core/providers/providerDescriptor';
import type { KeyState } from '../../core/providers/providerService';

/** How many model ids a row carries to the webview; the count is always complete. */
export const MAX_MODELS_SHOWN = 50;

/**
 * One row of the Providers view. `check` undefined means "not checked yet": shown as checking when the
 * provider can be checked, as "no key" when it cannot. `unavailable`: the provider's notes from
 * `availabilityNotes` (a reachable provider can still be suspended or cooling down).
 */
export function providerRow(descriptor: ProviderDescriptor, keyState: KeyState, check: ProviderCheck | undefined, unavailable: readonly AvailabilityNote[] = []): ProviderRow {
  const base = {
    id: descriptor.id,
    kind: descriptor.kind,
    name: descriptor.displayName,
    baseUrl: displayBaseUrl(descriptor),
    keyState,
    local: descriptor.local,
    ...(unavailable.length === 0 ? {} : { unavailable: [...unavailable] }),
  };
  if (keyState === 'missing') {
    return { ...base, status: 'noKey', detail: "No API key. Run 'Quorum: Set API Key'.", models: [], modelCount: 0 };
  }
  if (check === undefined) return { ...base, status: 'checking', models: [], modelCount: 0 };
  const ids = check.models.map((m) => m.id);
  return {
    ...base,
    status: check.status,
    detail: check.message,
    models: ids.slice(0, MAX_MODELS_SHOWN),
    modelCount: ids.length,
    latencyMs: check.latencyMs,
  };
}
