import type { RemoteModel } from '../types';
import { matchBuiltin, versionedFamily } from './builtinMatch';
import { listedModelKind, type ListedModelKind } from './listedModelKind';
import { NO_CAPABILITIES, type ModelInfo } from './modelInfo';

/** What a provider's model listing gave: its models, or why there are none. */
export type ProviderListing =
  | { readonly state: 'listed'; readonly models: readonly RemoteModel[] }
  | { readonly state: 'failed'; readonly message?: string };

/** One provider's offer after the merge, and what Show Providers says about the rest. */
export interface ServedModels {
  /** The models to offer and route to, in catalog order: listed built-ins first, then the other listed ones. */
  readonly models: readonly ModelInfo[];
  /**
   * `listed`: the listing decides; `fallback`: no listing (not fetched yet, no key, or it failed), so Quorum's
   * built-in list stands in rather than an empty catalog.
   */
  readonly basis: 'listed' | 'fallback';
  /** Built-in models the listing does not name ("not served by your account"). */
  readonly notServed: readonly ModelInfo[];
  /** Listed models that are not chat models (embeddings, speech, images…): never offered or routed to. */
  readonly nonChat: readonly { readonly id: string; readonly kind: Exclude<ListedModelKind, 'chat'> }[];
  /** Why the built-in list stands in, when the listing failed. */
  readonly failure?: string;
}

/**
 * Merges one provider's listing with its built-in models (pure):
 * - a listed built-in id, or a dated snapshot / `-latest` alias of one, gets the built-in's prices, tier and
 *   capabilities; any snapshot is left out when its family id is listed too (one entry per model, not per date);
 * - a listed chat model Quorum does not know gets unknown prices, tier `standard`, and what the listing says
 *   (context window, output limit, thinking) — `quorum.models` can give it a tier and prices;
 * - a listed embedding/speech/image/… model is never a chat model (see `listedModelKind`);
 * - a built-in model the listing does not name, directly or through a snapshot, is not served.
 * Without a listing, the built-ins stand (basis `fallback`).
 */
export function servedModels(provider: string, builtins: readonly ModelInfo[], listing: ProviderListing | undefined): ServedModels {
  if (listing?.state !== 'listed') {
    return { models: builtins, basis: 'fallback', notServed: [], nonChat: [], ...(listing?.message === undefined ? {} : { failure: listing.message }) };
  }
  const listedIds = new Set(listing.models.map((m) => m.id.replace(/^models\//, '')));
  const servedBuiltins = new Set<string>();
  const known: ModelInfo[] = [];
  const unknown: ModelInfo[] = [];
  const nonChat: { id: string; kind: Exclude<ListedModelKind, 'chat'> }[] = [];
  const seen = new Set<string>();
  for (const remote of listing.models) {
    const id = remote.id.replace(/^models\//, '');
    if (seen.has(id)) continue;
    seen.add(id);
    const kind = listedModelKind(remote);
    if (kind !== 'chat') {
      nonChat.push({ id, kind });
      continue;
    }
    const match = matchBuiltin(id, builtins);
    if (match === undefined) {
      // A dated snapshot of a family that is listed too is the same model under a pinned name: offer the family once.
      const family = versionedFamily(id)?.family;
      if (family === undefined || !listedIds.has(family)) unknown.push(unknownModel(provider, id, remote));
      continue;
    }
    servedBuiltins.add(match.model.id);
    if (match.exact) known.push(match.model);
    else if (!listedIds.has(match.model.id)) known.push({ ...match.model, id, displayName: `${match.model.displayName} (${match.suffix ?? id})` });
  }
  return {
    models: [...known, ...unknown],
    basis: 'listed',
    notServed: builtins.filter((m) => !servedBuiltins.has(m.id)),
    nonChat,
  };
}

function unknownModel(provider: string, id: string, remote: RemoteModel): ModelInfo {
  return {
    provider,
    id,
    displayName: remote.displayName ?? id,
    pricing: {},
    ...(remote.inputTokenLimit === undefined ? {} : { contextWindow: remote.inputTokenLimit + (remote.outputTokenLimit ?? 0) }),
    ...(remote.outputTokenLimit === undefined ? {} : { maxOutputTokens: remote.outputTokenLimit }),
    capabilities: remote.thinking === true ? { ...NO_CAPABILITIES, reasoning: true } : NO_CAPABILITIES,
    tier: 'standard',
    source: 'discovered',
  };
}
