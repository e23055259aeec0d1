import type * as vscode from 'vscode';
import { registerQuorumParticipant, type QuorumParticipantDeps } from '../chat/quorumParticipant';
import type { ExtensionServices } from '../extensionServices';
import type { RequestParts } from '../requestParts';

/** @quorum's deps (ask, /compare, /vote, /stronger), from the services record and the request path. */
export function chatDeps(
  services: Pick<ExtensionServices, 'catalog' | 'providers' | 'logger'>,
  request: RequestParts,
): QuorumParticipantDeps {
  return {
    requests: request.requests,
    catalog: services.catalog,
    availableProviders: () => services.providers.availableIds(),
    candidates: () => request.eligibility.models('compare'),
    logger: services.logger,
  };
}

/** Registers @quorum where the editor has a chat API; nothing (and no failure) where it has none. */
export function registerChat(deps: QuorumParticipantDeps): vscode.Disposable[] {
  const participant = registerQuorumParticipant(deps);
  return participant !== undefined ? [participant] : [];
}
