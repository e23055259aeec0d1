import { PROMPT_CACHE_MISSES, type PromptCacheMiss } from '../conversation/promptCacheMiss';
import type { LedgerRecord } from './ledgerRecord';

/** Prompt-cache figures of one group (a model, or a conversation): follow-ups only, since a first turn can only write. */
export interface PromptCacheGroup {
  readonly key: string;
  /** Conversation requests after the first turn. */
  readonly followUps: number;
  /** Follow-ups that read the cache. */
  readonly hits: number;
  /** Why the other follow-ups missed, by reason (reasons with no miss are left out). */
  readonly misses: Partial<Record<PromptCacheMiss, number>>;
  /** When the group's last request ended (ms since the epoch): conversations are listed newest first. */
  readonly lastTs: number;
}

export interface PromptCacheStats {
  readonly byModel: readonly PromptCacheGroup[];
  readonly byConversation: readonly PromptCacheGroup[];
}

/**
 * Cache hit rate per model and per conversation over the records since `fromTs` that carry a prompt-cache outcome
 * (records from before the field existed simply do not count). Models by most follow-ups; conversations newest first.
 */
export function promptCacheStats(records: readonly LedgerRecord[], fromTs: number, maxConversations: number): PromptCacheStats {
  const byModel = new Map<string, Mutable>();
  const byConversation = new Map<string, Mutable>();
  for (const record of records) {
    const outcome = record.promptCache;
    if (outcome === undefined || record.ts < fromTs || outcome.turn === 0) continue;
    for (const [groups, key] of [[byModel, `${record.provider}/${record.model}`], [byConversation, outcome.conversation]] as const) {
      const group = groups.get(key) ?? { key, followUps: 0, hits: 0, misses: {}, lastTs: 0 };
      group.followUps++;
      if (outcome.hit) group.hits++;
      else if (outcome.miss !== undefined) group.misses[outcome.miss] = (group.misses[outcome.miss] ?? 0) + 1;
      group.lastTs = Math.max(group.lastTs, record.ts);
      groups.set(key, group);
    }
  }
  return {
    byModel: [...byModel.values()].sort((a, b) => b.followUps - a.followUps || (a.key < b.key ? -1 : 1)),
    byConversation: [...byConversation.values()].sort((a, b) => b.lastTs - a.lastTs).slice(0, maxConversations),
  };
}

interface Mutable {
  key: string;
  followUps: number;
  hits: number;
  misses: Partial<Record<PromptCacheMiss, number>>;
  lastTs: number;
}

/** Words for a miss reason, as the Spend tab shows them. */
export const PROMPT_CACHE_MISS_TEXT: Readonly<Record<PromptCacheMiss, string>> = {
  firstTurn: 'first turn',
  modelSwitched: 'model switched',
  expired: 'expired',
  belowMinimum: 'below minimum size',
  notSupported: 'no prompt cache',
  prefixChanged: 'prefix changed',
};

/** "2 model switched, 1 expired": the misses of a group, in the fixed reason order. */
export function missesText(misses: Partial<Record<PromptCacheMiss, number>>): string {
  return PROMPT_CACHE_MISSES.flatMap((reason) => {
    const n = misses[reason];
    return n === undefined || n === 0 ? [] : [`${n} ${PROMPT_CACHE_MISS_TEXT[reason]}`];
  }).join(', ');
}
