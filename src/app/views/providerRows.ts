import type { AvailabilityNote, ProviderRow } from '../../shared/providersProtocol';
import type { ProviderCheck } from '../../core/providers/providerCheck';
import { displayBaseUrl, type ProviderDescriptor } from '../../core/providers/providerDescriptor';
import type { KeyState } from '../../core/providers/providerService';
import { LISTED_KIND_LABEL } from '../../core/catalog/listedModelKind';
import type { ServedModels } from '../../core/catalog/servedModels';

/** How many model ids a row carries to the webview; the count is always complete. */
export const MAX_MODELS_SHOWN = 50;

/**
 * One row of the Providers view. `check` undefined means "not checked yet": shown as checking when the
 * provider can be checked, as "no key" when it cannot. `unavailable`: the provider's notes from
 * `availabilityNotes` (a reachable provider can still be suspended or cooling down).
 */
export function providerRow(
  descriptor: ProviderDescriptor, keyState: KeyState, check: ProviderCheck | undefined, unavailable: readonly AvailabilityNote[] = [], served?: ServedModels,
): ProviderRow {
  const base = {
    id: descriptor.id,
    kind: descriptor.kind,
    name: descriptor.displayName,
    baseUrl: displayBaseUrl(descriptor),
    keyState,
    local: descriptor.local,
    ...(unavailable.length === 0 ? {} : { unavailable: [...unavailable] }),
    ...offerFields(descriptor, keyState, served),
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

/**
 * What the catalog offers of this provider beside its listing: built-ins it does not serve, listed models that
 * are not chat models, and — when there is no listing — that Quorum's built-in list stands in.
 */
function offerFields(descriptor: ProviderDescriptor, keyState: KeyState, served: ServedModels | undefined): Pick<ProviderRow, 'notServed' | 'nonChat' | 'offerNote'> {
  if (served === undefined) return {};
  if (served.basis === 'fallback') {
    if (keyState === 'missing' || served.failure === undefined) return {};
    return { offerNote: `Model list unavailable: Quorum offers its built-in ${descriptor.displayName} models until the listing works.` };
  }
  return {
    ...(served.notServed.length === 0 ? {} : { notServed: served.notServed.map((m) => m.id) }),
    ...(served.nonChat.length === 0 ? {} : { nonChat: served.nonChat.map((m) => `${m.id} (${LISTED_KIND_LABEL[m.kind]})`) }),
  };
}
