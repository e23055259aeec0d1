import type { ProviderRow, ProvidersSnapshot, WebviewToHost } from '../../src/shared/providersProtocol';
import { button, el } from './dom';

const STATUS_TEXT: Record<ProviderRow['status'], string> = {
  checking: 'Checking…',
  ready: 'Ready',
  noKey: 'No key',
  unreachable: 'Unreachable',
  keyRejected: 'Key rejected',
  error: 'Error',
};

const KEY_TEXT: Record<ProviderRow['keyState'], string> = { set: 'Set', missing: 'Missing', notRequired: 'Not needed' };

const FAILURES = new Set<ProviderRow['status']>(['unreachable', 'keyRejected', 'error']);

type Post = (message: WebviewToHost) => void;

/** Renders the whole Providers view from one snapshot (full re-render: a handful of rows). */
export function renderProviders(root: HTMLElement, snapshot: ProvidersSnapshot | undefined, post: Post): void {
  const header = el('header', { className: 'toolbar' }, [
    el('h1', { text: 'Providers' }),
    button('Refresh', () => post({ type: 'providers/refresh' }), { id: 'refresh', title: 'Check every provider again' }),
  ]);
  const body = snapshot === undefined
    ? el('p', { className: 'muted', text: 'Loading providers…' })
    : el('div', {}, [issuesSection(snapshot, post), providersTable(snapshot.providers, post), footer(snapshot)]);
  root.replaceChildren(header, body);
}

function issuesSection(snapshot: ProvidersSnapshot, post: Post): HTMLElement | null {
  if (snapshot.settingsIssues.length === 0) return null;
  return el('section', { className: 'issues', attrs: { id: 'settings-issues', role: 'alert' } }, [
    el('h2', { text: 'Settings need attention' }),
    el('ul', {}, snapshot.settingsIssues.map((issue) => el('li', {}, [
      el('code', { text: issue.setting }),
      document.createTextNode(` — ${issue.message} `),
      button('Open setting', () => post({ type: 'settings/open', setting: issue.setting }), { class: 'link' }),
    ]))),
  ]);
}

function providersTable(rows: readonly ProviderRow[], post: Post): HTMLElement {
  const head = el('thead', {}, [el('tr', {}, ['Provider', 'Endpoint', 'Key', 'Status', 'Models', 'Actions']
    .map((label) => el('th', { text: label, attrs: { scope: 'col' } })))]);
  return el('table', { attrs: { id: 'providers-table' } }, [
    el('caption', { className: 'visually-hidden', text: 'Configured model providers' }),
    head,
    el('tbody', {}, rows.flatMap((row) => [providerRowElement(row, post), offerRow(row)].filter((r): r is HTMLElement => r !== null))),
  ]);
}

function providerRowElement(row: ProviderRow, post: Post): HTMLElement {
  const status = el('td', { className: `provider-status status-${row.status}` }, [
    el('span', { className: 'status-text', text: STATUS_TEXT[row.status] }),
    // "No key" needs no prose: the Key column and the Set key button already say it.
    row.detail !== undefined && FAILURES.has(row.status) ? el('div', { className: 'detail', text: row.detail }) : null,
    availabilityList(row),
  ]);
  const actions = el('td', { className: 'provider-actions' }, [
    button(row.keyState === 'set' ? 'Replace key' : 'Set key', () => post({ type: 'providers/setKey', providerId: row.id }),
      { 'aria-label': `Set the ${row.name} API key` }),
    row.keyState === 'set'
      ? button('Remove key', () => post({ type: 'providers/removeKey', providerId: row.id }), { 'aria-label': `Remove the ${row.name} API key` })
      : null,
  ]);
  return el('tr', { attrs: { 'data-provider-id': row.id } }, [
    el('th', { className: 'provider-name', attrs: { scope: 'row' } }, [
      document.createTextNode(row.name),
      row.local ? el('span', { className: 'badge', text: 'local' }) : null,
    ]),
    el('td', { className: 'provider-endpoint' }, [el('code', { text: row.baseUrl || '—' })]),
    el('td', { className: 'provider-key', text: KEY_TEXT[row.keyState] }),
    status,
    modelsCell(row),
    actions,
  ]);
}

/** What of the provider cannot take calls now: "cooling down until 14:05 — …", "gpt-x: suspended until …". */
function availabilityList(row: ProviderRow): HTMLElement | null {
  const notes = row.unavailable ?? [];
  if (notes.length === 0) return null;
  return el('ul', { className: 'availability', attrs: { 'aria-label': 'Unavailable now' } }, notes.map((note) =>
    el('li', { className: `availability-${note.reason}`, text: note.model === undefined ? note.text : `${note.model}: ${note.text}` })));
}

function modelsCell(row: ProviderRow): HTMLElement {
  const note = row.offerNote === undefined ? null : el('div', { className: 'offer-note', text: row.offerNote });
  if (row.status !== 'ready') return el('td', { className: 'provider-models' }, note === null ? [document.createTextNode('—')] : [note]);
  const label = `${row.modelCount} model${row.modelCount === 1 ? '' : 's'}`;
  const more = row.modelCount > row.models.length ? [el('li', { className: 'muted', text: `…and ${row.modelCount - row.models.length} more` })] : [];
  const listed = row.models.length === 0 ? document.createTextNode(label) : el('details', {}, [
    el('summary', { text: label }),
    el('ul', {}, [...row.models.map((id) => el('li', {}, [el('code', { text: id })])), ...more]),
  ]);
  return el('td', { className: 'provider-models' }, [listed, note]);
}

/**
 * What the catalog does not offer of a provider, on a full-width line under its row (the Models cell is too
 * narrow for a list): built-ins it does not serve, listed models that are not chat models.
 */
function offerRow(row: ProviderRow): HTMLElement | null {
  const notServed = notServedList(row);
  const nonChat = nonChatList(row);
  if (notServed === null && nonChat === null) return null;
  return el('tr', { className: 'provider-offer', attrs: { 'data-offer-of': row.id } }, [
    el('td', { attrs: { colspan: '6' } }, [notServed, nonChat]),
  ]);
}

/** Built-in models the account does not serve: never offered or routed to, and said so plainly. */
function notServedList(row: ProviderRow): HTMLElement | null {
  const ids = row.notServed ?? [];
  if (ids.length === 0) return null;
  return el('div', { className: 'not-served' }, [
    el('span', { className: 'muted', text: 'Not served by your account (not offered): ' }),
    ...ids.flatMap((id, i) => [i === 0 ? null : document.createTextNode(', '), el('code', { text: id })]),
  ]);
}

/** Listed models that are not chat models (embeddings, speech…), collapsed: they are never offered. */
function nonChatList(row: ProviderRow): HTMLElement | null {
  const entries = row.nonChat ?? [];
  if (entries.length === 0) return null;
  return el('details', { className: 'non-chat' }, [
    el('summary', { className: 'muted', text: `${entries.length} not for chat (never offered)` }),
    el('ul', {}, entries.map((text) => el('li', { text }))),
  ]);
}

function footer(snapshot: ProvidersSnapshot): HTMLElement {
  const when = snapshot.checkedAt === undefined ? 'Checking…' : `Last checked ${new Date(snapshot.checkedAt).toLocaleTimeString()}.`;
  return el('p', { className: 'muted footer', text: `${when} Keys are stored in VS Code secret storage, never in settings.` });
}
