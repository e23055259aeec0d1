import * as vscode from 'vscode';
import type { SpendScope } from '../../core/config/settingsSchema';
import { meterText, meterTooltip } from '../../app/views/spendMeter';
import type { BreakerSnapshot } from '../../core/resilience/breaker';
import { amountText } from '../../shared/spendFormat';
import type { SpendService } from './spendService';
import { commandIds } from '../commands/commandIds';

export interface SpendStatusBarDeps {
  readonly spend: SpendService;
  readonly scope: () => SpendScope;
  readonly breakers: () => readonly BreakerSnapshot[];
  /** Fires when a breaker opens or closes, so the tooltip's list stays true. */
  readonly onBreakerChange: (listener: () => void) => { dispose(): void };
}

/**
 * The status-bar cost meter: `$(pulse) $0.42 today` (scope by setting), a tooltip with the detail, warning
 * background from 80 % of a cap and error background at 100 %. Updates after every recorded call, on
 * other windows' records (refresh), on settings changes and when a breaker changes state. Click → spend view.
 */
export class SpendStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('quorum.spend', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(private readonly deps: SpendStatusBarDeps) {
    this.item.name = 'Quorum Spend';
    this.item.command = commandIds.showSpend;
    this.disposables.push(deps.spend.onDidChange(() => this.update()));
    const breakerListener = deps.onBreakerChange(() => this.update());
    this.disposables.push({ dispose: () => breakerListener.dispose() });
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
    const tooltip = new vscode.MarkdownString(meterTooltip(snapshot, this.deps.breakers()));
    tooltip.isTrusted = { enabledCommands: [commandIds.showSpend] };
    this.item.tooltip = tooltip;
    this.item.backgroundColor = budget.level === 'error'
      ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : budget.level === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
