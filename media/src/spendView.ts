import { formatCount } from '../../src/shared/format';
import {
  amountText, capPercent, capText, formatErrorRate, formatMs, formatPercent, rowCostText, savingsText, type CapPeriod,
} from '../../src/shared/spendFormat';
import type {
  SpendAmount, SpendCapView, SpendFailover, SpendModelRow, SpendRow, SpendSnapshot, SpendWebviewToHost,
} from '../../src/shared/spendProtocol';
import { button, el } from './dom';
import { promptCacheSection } from './spendCache';
import { dailyChart } from './spendChart';

type Post = (message: SpendWebviewToHost) => void;

/** Renders the whole spend view from one snapshot (full re-render: a few dozen rows at most). */
export function renderSpend(root: HTMLElement, snapshot: SpendSnapshot | undefined, post: Post): void {
  if (snapshot === undefined) {
    root.replaceChildren(toolbar(undefined, post), el('p', { className: 'muted', text: 'Loading spend…' }));
    return;
  }
  const empty = snapshot.all.calls === 0;
  const parts: (HTMLElement | null)[] = [
    toolbar(snapshot, post),
    el('p', { className: 'muted', attrs: { id: 'spend-updated' }, text: `Updated ${new Date(snapshot.generatedAt).toLocaleString()}` }),
    invalidLinesNotice(snapshot.invalidLines),
    empty ? el('p', { className: 'spend-empty', attrs: { id: 'spend-empty' }, text: 'No calls recorded yet in this workspace.' }) : totals(snapshot),
    budget(snapshot.budget, post),
    empty ? null : dailyChart(snapshot.daily),
    empty ? null : modelTable(snapshot.byModel),
    empty ? null : rowTable('spend-by-provider', 'By provider — this month', 'Provider', snapshot.byProvider),
    empty ? null : rowTable('spend-by-feature', 'By feature — this month', 'Feature', snapshot.byFeature),
    empty ? null : promptCacheSection(snapshot.promptCache),
    empty ? null : failovers(snapshot.recentFailovers),
  ];
  root.replaceChildren(...parts.filter((part) => part !== null));
}

function toolbar(snapshot: SpendSnapshot | undefined, post: Post): HTMLElement {
  return el('header', { className: 'toolbar spend-toolbar' }, [
    el('div', { className: 'spend-title' }, [
      el('h1', { text: 'Spend' }),
      snapshot === undefined ? null : el('span', { className: 'muted', attrs: { id: 'spend-workspace' }, text: snapshot.workspace }),
    ]),
    el('div', { className: 'spend-actions' }, [
      button('Refresh', () => post({ type: 'spend/refresh' }), { id: 'spend-refresh', title: 'Read the spend ledger again' }),
      button('Export usage…', () => post({ type: 'spend/export' }), { id: 'spend-export', class: 'secondary', title: 'Save every call of this workspace as CSV or JSON' }),
      button('Reset workspace spend…', () => post({ type: 'spend/reset' }), { id: 'spend-reset', class: 'secondary', title: 'Archive this workspace’s spend and start from zero (asks first)' }),
    ]),
  ]);
}

function invalidLinesNotice(invalidLines: number): HTMLElement | null {
  if (invalidLines === 0) return null;
  const lines = invalidLines === 1 ? 'One ledger line' : `${formatCount(invalidLines)} ledger lines`;
  return el('p', { className: 'issues', attrs: { id: 'spend-invalid-lines', role: 'note' },
    text: `${lines} could not be read and ${invalidLines === 1 ? 'was' : 'were'} skipped; the totals leave ${invalidLines === 1 ? 'it' : 'them'} out.` });
}

function totals(snapshot: SpendSnapshot): HTMLElement {
  const savings = savingsText(snapshot.savings);
  return el('section', { className: 'spend-totals', attrs: { 'aria-labelledby': 'spend-totals-heading' } }, [
    el('h2', { className: 'visually-hidden', attrs: { id: 'spend-totals-heading' }, text: 'Totals' }),
    el('div', { className: 'spend-cards' }, [
      card('spend-today', 'Today', snapshot.today),
      card('spend-month', 'This month', snapshot.month),
      card('spend-all', 'All time', snapshot.all),
    ]),
    savings === undefined ? null : el('p', { className: 'spend-savings', attrs: { id: 'spend-savings' }, text: savings }),
  ]);
}

function card(id: string, title: string, amount: SpendAmount): HTMLElement {
  const text = amountText(amount);
  return el('div', { className: 'spend-card', attrs: { id } }, [
    el('h3', { text: title }),
    el('p', { className: 'spend-cost', text: text.cost }),
    el('p', { className: 'muted', text: text.calls }),
    text.unknown === undefined ? null : el('p', { className: 'spend-unknown', text: text.unknown }),
  ]);
}

function budget(caps: SpendSnapshot['budget'], post: Post): HTMLElement {
  const settings = (label: string) => button(label, () => post({ type: 'spend/openSettings' }), { id: 'spend-settings', class: 'link' });
  const heading = el('h2', { attrs: { id: 'spend-budget-heading' }, text: 'Budget' });
  const section = (children: (Node | null)[]) =>
    el('section', { className: 'spend-budget', attrs: { id: 'spend-budget', 'aria-labelledby': 'spend-budget-heading' } }, [heading, ...children]);
  if (caps.daily === undefined && caps.monthly === undefined) {
    return section([el('p', {}, [document.createTextNode('No budget set. '), settings('Set a budget…')])]);
  }
  return section([capRow(caps.daily, 'daily'), capRow(caps.monthly, 'monthly'), el('p', {}, [settings('Budget settings…')])]);
}

function capRow(cap: SpendCapView | undefined, period: CapPeriod): HTMLElement {
  if (cap === undefined) return el('p', { className: 'muted', attrs: { id: `spend-cap-${period}` }, text: `No ${period} budget set.` });
  const percent = capPercent(cap);
  const labelId = `spend-cap-${period}-label`;
  const fill = el('div', { className: 'spend-bar-fill' });
  // CSSOM, not a style attribute: the CSP allows no inline styles.
  fill.style.width = `${percent}%`;
  return el('div', { className: `spend-cap level-${cap.level}`, attrs: { id: `spend-cap-${period}` } }, [
    el('div', { attrs: { id: labelId }, text: capText(cap, period) }),
    el('div', {
      className: 'spend-bar',
      attrs: {
        role: 'progressbar', 'aria-labelledby': labelId, 'aria-valuemin': '0', 'aria-valuemax': '100',
        'aria-valuenow': String(percent), 'aria-valuetext': `${formatPercent(cap.usedFraction)} of the ${period} budget used`,
      },
    }, [fill]),
  ]);
}

interface Column<T> {
  readonly header: string;
  readonly cell: (row: T) => string;
}

const COST_COLUMNS: readonly Column<SpendRow>[] = [
  { header: 'Cost', cell: (row) => rowCostText(row) },
  { header: 'Calls', cell: (row) => formatCount(row.calls) },
];

const MODEL_COLUMNS: readonly Column<SpendModelRow>[] = [
  ...COST_COLUMNS,
  { header: 'p50', cell: (row) => formatMs(row.p50Ms) },
  { header: 'p95', cell: (row) => formatMs(row.p95Ms) },
  { header: 'p99', cell: (row) => formatMs(row.p99Ms) },
  { header: 'Errors', cell: (row) => formatErrorRate(row.errorRate) },
  { header: 'Failovers', cell: (row) => formatCount(row.failovers) },
];

function modelTable(rows: readonly SpendModelRow[]): HTMLElement {
  return table('spend-by-model', 'By model — this month', 'Model', rows, MODEL_COLUMNS);
}

function rowTable(id: string, caption: string, nameHeader: string, rows: readonly SpendRow[]): HTMLElement {
  return table(id, caption, nameHeader, rows, COST_COLUMNS);
}

/** A breakdown table: the row's label is its header cell, every figure a right-aligned number. */
function table<T extends SpendRow>(id: string, caption: string, nameHeader: string, rows: readonly T[], columns: readonly Column<T>[]): HTMLElement {
  if (rows.length === 0) {
    return el('section', { className: 'spend-table', attrs: { id } }, [
      el('h2', { text: caption }),
      el('p', { className: 'muted', text: 'No calls this month.' }),
    ]);
  }
  const head = el('thead', {}, [el('tr', {}, [
    el('th', { text: nameHeader, attrs: { scope: 'col' } }),
    ...columns.map((c) => el('th', { className: 'num', text: c.header, attrs: { scope: 'col' } })),
  ])]);
  const body = el('tbody', {}, rows.map((row) => el('tr', { attrs: { 'data-key': row.key } }, [
    el('th', { text: row.label, attrs: { scope: 'row' } }),
    ...columns.map((c) => el('td', { className: 'num', text: c.cell(row) })),
  ])));
  return el('section', { className: 'spend-table', attrs: { id } }, [
    el('table', {}, [el('caption', { text: caption }), head, body]),
  ]);
}

function failovers(list: readonly SpendFailover[]): HTMLElement {
  const items = list.map((f) => el('li', {}, [
    el('time', { attrs: { datetime: new Date(f.ts).toISOString() }, text: new Date(f.ts).toLocaleString() }),
    document.createTextNode(' '),
    el('code', { text: f.from }),
    document.createTextNode(' → '),
    el('code', { text: f.to }),
    f.reason === undefined ? null : el('span', { className: 'muted', text: ` — ${f.reason}` }),
  ]));
  return el('section', { className: 'spend-failovers', attrs: { id: 'spend-failovers', 'aria-labelledby': 'spend-failovers-heading' } }, [
    el('h2', { attrs: { id: 'spend-failovers-heading' }, text: 'Recent failovers' }),
    items.length === 0 ? el('p', { className: 'muted', text: 'No recent failovers.' }) : el('ol', {}, items),
  ]);
}
