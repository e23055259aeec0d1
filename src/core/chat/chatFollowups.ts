import type { ModelCatalog } from '../catalog/modelCatalog';
import { compareByCost, priceModel, tierRank } from '../routing/estimate';
import type { ModelRef } from '../types';

/** The `@quorum` slash commands (`contributes.chatParticipants[].commands`); no command means `ask`. */
export type ChatCommand = 'ask' | 'compare' | 'vote' | 'stronger';

export const CHAT_COMMANDS: readonly ChatCommand[] = ['ask', 'compare', 'vote', 'stronger'];

/** The chat command of a request: its slash command when Quorum knows it, else `ask`. */
export function chatCommandOf(command: string | undefined): ChatCommand {
  return CHAT_COMMANDS.find((c) => c === command) ?? 'ask';
}

/**
 * What a chat turn leaves in `ChatResult.metadata` (JSON) for the followup provider. `model` is the
 * `provider/model` that answered an ask.
 */
export interface ChatTurnMeta {
  readonly command: ChatCommand;
  readonly outcome: 'done' | 'failed' | 'stopped' | 'noRoute';
  readonly model?: string;
}

/** A followup as `vscode.ChatFollowup` takes it. */
export interface ChatFollowupSpec {
  readonly prompt: string;
  readonly label: string;
  readonly command: ChatCommand;
}

/**
 * Suggestions after a turn. The followup re-sends the same question (`prompt`) under another command: VS Code
 * shows `label`. After a stop or a request no model could take, nothing is suggested.
 */
export function chatFollowups(meta: ChatTurnMeta, prompt: string): ChatFollowupSpec[] {
  if (prompt.trim() === '' || meta.outcome === 'stopped' || meta.outcome === 'noRoute') return [];
  const out: ChatFollowupSpec[] = [];
  if (meta.command !== 'compare') out.push({ prompt, label: 'Compare with other models', command: 'compare' });
  if (meta.command !== 'vote') out.push({ prompt, label: 'Let the models vote', command: 'vote' });
  if (meta.command === 'ask' || (meta.command === 'stronger' && meta.outcome === 'failed')) {
    out.push({ prompt, label: 'Ask again with a stronger model', command: 'stronger' });
  }
  if (meta.command !== 'ask') out.push({ prompt, label: 'Ask the best model', command: 'ask' });
  return out;
}

/**
 * The model `/stronger` asks: the cheapest enabled model of an available provider in a tier above `after`'s
 * (premium when `after` is unknown), other than `after`; with none above, the cheapest other model of the top
 * tier present. `undefined` when the catalog has nothing else to offer.
 */
export function strongerModel(catalog: ModelCatalog, available: ReadonlySet<string>, after: ModelRef | undefined, promptTokens = 500, outputTokens = 1_000): ModelRef | undefined {
  const current = after === undefined ? undefined : catalog.get(after);
  const floor = current === undefined ? tierRank('premium') : tierRank(current.tier) + 1;
  const usable = catalog.enabled().filter((m) => available.has(m.provider) && !(after !== undefined && m.provider === after.provider && m.id === after.model));
  const top = Math.max(-1, ...usable.map((m) => tierRank(m.tier)));
  const pool = usable.filter((m) => tierRank(m.tier) >= Math.min(floor, top));
  const best = pool.map((m) => priceModel(m, promptTokens, outputTokens)).sort(compareByCost)[0];
  return best === undefined ? undefined : { provider: best.model.provider, model: best.model.id };
}
