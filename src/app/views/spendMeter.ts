import type { SpendScope } from '../../core/config/settingsSchema';
import type { UnavailableTarget } from '../../core/resilience/availability';
import { availabilityLines } from './availabilityText';
import { formatUsd } from '../../shared/format';
import { amountText, capText, rowCostText, savingsText } from '../../shared/spendFormat';
import type { SpendAmount, SpendSnapshot } from '../../shared/spendProtocol';

// What the status-bar cost meter says, apart from VS Code so it is unit-tested.
const SCOPE_LABEL: Record<SpendScope, string> = { today: 'today', month: 'this month', workspace: 'workspace' };
const TOP_MODELS = 3;

/** `$0.42`, `$0.42+` when some calls have no known cost, `unknown` when none has one. */
export function meterAmount(amount: SpendAmount): string {
  if (amount.calls > 0 && amount.unpricedCalls >= amount.calls) return 'unknown';
  return `${formatUsd(amount.costUsd)}${amount.unpricedCalls > 0 ? '+' : ''}`;
}

/** The meter's text for a scope, e.g. `$0.42 today`, with the amount it shows. */
export function meterText(snapshot: SpendSnapshot, scope: SpendScope): { readonly text: string; readonly scopeLabel: string; readonly amount: SpendAmount } {
  const amount = scope === 'today' ? snapshot.today : scope === 'month' ? snapshot.month : snapshot.all;
  return { text: `${meterAmount(amount)} ${SCOPE_LABEL[scope]}`, scopeLabel: SCOPE_LABEL[scope], amount };
}

function totalLine(label: string, amount: SpendAmount): string {
  const text = amountText(amount);
  return `| ${label} | ${text.cost}${text.unknown !== undefined ? ` (${text.unknown})` : ''} | ${text.calls} |`;
}

/**
 * The tooltip: totals, top models, savings, budget use and which models are unavailable until when (`now`,
 * ms since the epoch, dates those), with a link to the spend view.
 */
export function meterTooltip(snapshot: SpendSnapshot, unavailable: readonly UnavailableTarget[], now: number): string {
  const lines = [
    `**Quorum spend — ${escape(snapshot.workspace)}**`,
    '',
    '| | Cost | Calls |',
    '|---|---:|---:|',
    totalLine('Today', snapshot.today),
    totalLine('This month', snapshot.month),
    totalLine('Workspace', snapshot.all),
    '',
  ];
  const top = snapshot.byModel.slice(0, TOP_MODELS).map((row) => `${escape(row.label)} ${rowCostText(row)}`);
  lines.push(top.length > 0 ? `Top models this month: ${top.join(' · ')}` : 'No calls this month yet.', '');
  const savings = savingsText(snapshot.savings);
  if (savings !== undefined) lines.push(`${escape(savings)}`, '');
  const caps = [snapshot.budget.daily && capText(snapshot.budget.daily, 'daily'), snapshot.budget.monthly && capText(snapshot.budget.monthly, 'monthly')]
    .filter((text): text is string => text !== undefined);
  lines.push(caps.length > 0 ? caps.map(escape).join('  \n') : 'No budget set.', '');
  lines.push(availabilityLines(unavailable, now).map(escape).join('  \n'));
  lines.push('', '[Show spend](command:quorum.showSpend)');
  return lines.join('\n');
}

/** Characters that would start markdown emphasis, code, links, HTML or table cells, shown literally. */
function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, '\\$&');
}

