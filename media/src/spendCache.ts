import { formatCount } from '../../src/shared/format';
import type { SpendCacheRow, SpendSnapshot } from '../../src/shared/spendProtocol';
import { el } from './dom';

/**
 * The Spend tab's prompt-cache section: hit rate per model and per recent conversation (follow-ups only, as a
 * first turn can only write the cache), and why the other follow-ups missed. Absent until a follow-up is recorded.
 */
export function promptCacheSection(cache: SpendSnapshot['promptCache']): HTMLElement | null {
  if (cache === undefined) return null;
  return el('section', { className: 'spend-cache', attrs: { id: 'spend-prompt-cache', 'aria-labelledby': 'spend-prompt-cache-heading' } }, [
    el('h2', { attrs: { id: 'spend-prompt-cache-heading' }, text: 'Prompt cache — this month' }),
    el('p', { className: 'muted', text: 'Follow-ups in a conversation that read the provider’s prompt cache (billed at its cache-read rate), and why the others missed.' }),
    cacheTable('spend-cache-by-model', 'By model', 'Model', cache.byModel),
    cacheTable('spend-cache-by-conversation', 'By conversation (most recent)', 'Conversation', cache.byConversation),
  ]);
}

function cacheTable(id: string, caption: string, nameHeader: string, rows: readonly SpendCacheRow[]): HTMLElement {
  const head = el('thead', {}, [el('tr', {}, [
    el('th', { text: nameHeader, attrs: { scope: 'col' } }),
    el('th', { className: 'num', text: 'Follow-ups', attrs: { scope: 'col' } }),
    el('th', { className: 'num', text: 'Hit rate', attrs: { scope: 'col' } }),
    el('th', { text: 'Missed because', attrs: { scope: 'col' } }),
  ])]);
  const body = el('tbody', {}, rows.map((row) => el('tr', { attrs: { 'data-key': row.key } }, [
    el('th', { text: row.key, attrs: { scope: 'row' } }),
    el('td', { className: 'num', text: formatCount(row.followUps) }),
    el('td', { className: 'num', text: `${Math.round((row.hits / Math.max(1, row.followUps)) * 100)}% (${formatCount(row.hits)})` }),
    el('td', { text: row.misses === '' ? '—' : row.misses }),
  ])));
  return el('div', { className: 'spend-table', attrs: { id } }, [el('table', {}, [el('caption', { text: caption }), head, body])]);
}
