import * as vscode from 'vscode';
import type { SpendScope } from '../../core/config/settingsSchema';
import { meterText, meterTooltip } from '../../app/views/spendMeter';
import type { ModelAvailability } from '../../core/resilience/availability';
import { amountText } from '../../shared/spendFormat';
import type { SpendService } from './spendService';
import { commandIds } from '../commands/commandIds';

export interface SpendStatusBarDeps {
  readonly spend: SpendService;
  readonly scope: () => SpendScope;
  /** Which models cannot take calls until when; its changes (breakers, suspensions, checks) update the tooltip. */
  readonly availability: Pick<ModelAvailability, 'unavailable' | 'onChange'>;
}

/** setTimeout's longest delay; a longer one would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The status-bar cost meter: `$(pulse) $0.42 today` (scope by setting), a tooltip with the detail, warning
 * background from 80 % of a cap and error background at 100 %. Updates after every recorded call, on
 * other windows' records (refresh), on settings changes, when a model's availability changes, and when the
 * earliest "until" in the tooltip passes (expiries fire no event). Click → spend view.
 */
export class SpendStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('quorum.spend', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private expiry: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: SpendStatusBarDeps) {
    this.item.name = 'Quorum Spend';
    this.item.command = commandIds.showSpend;
    this.disposables.push(deps.spend.onDidChange(() => this.update()));
    const availabilityListener = deps.availability.onChange(() => this.update());
    this.disposables.push({ dispose: () => availabilityListener.dispose() });
    this.update();
    this.item.show();
  }

  /** What the meter shows now (integration tests read it). */
  get text(): string {
    return this.item.text;
  }

  get tooltip(): string {
    const tooltip = this.item.tooltip;
    return tooltip instanceof vscode.MarkdownString ? tooltip.value : (tooltip ?? '');
  }

  update(): void {
    const { snapshot, budget } = this.deps.spend.report();
    const meter = meterText(snapshot, this.deps.scope());
    this.item.text = `$(pulse) ${meter.text}`;
    this.item.accessibilityInformation = { label: `Quorum spend ${meter.scopeLabel}: ${amountText(meter.amount).cost}`, role: 'button' };
    const now = Date.now();
    const unavailable = this.deps.availability.unavailable();
    this.refreshAtExpiry(unavailable.map((target) => target.availability.until), now);
    const tooltip = new vscode.MarkdownString(meterTooltip(snapshot, unavailable, now));
    tooltip.isTrusted = { enabledCommands: [commandIds.showSpend] };
    this.item.tooltip = tooltip;
    this.item.backgroundColor = budget.level === 'error'
      ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : budget.level === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  /** Updates again when the earliest known "until" passes, so the tooltip never lists an expired cooldown for long. */
  private refreshAtExpiry(untils: readonly (number | undefined)[], now: number): void {
    clearTimeout(this.expiry);
    const next = Math.min(...untils.filter((until): until is number => until !== undefined));
    this.expiry = Number.isFinite(next) ? setTimeout(() => this.update(), Math.min(Math.max(0, next - now) + 50, MAX_TIMER_MS)) : undefined;
  }

  dispose(): void {
    clearTimeout(this.expiry);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
