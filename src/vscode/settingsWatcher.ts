import * as vscode from 'vscode';
import type { Logger } from '../core/ports';
import { fromWorkspace, trustedValue } from '../core/config/restrictedSettings';
import type { QuorumSettings } from '../core/config/settingsSchema';
import { validateSettings, type SettingsIssue } from '../core/config/validateSettings';
import { commandIds } from './commands/commandIds';

export interface SettingsState {
  readonly value: QuorumSettings;
  readonly issues: readonly SettingsIssue[];
}

/**
 * Reads and validates `quorum.*` settings now and after every change. Invalid values never stop the
 * extension: they fall back or are skipped (see core/config), and the user is told once per distinct
 * set of problems, with a button to the setting.
 */
export class SettingsWatcher implements vscode.Disposable {
  private state: SettingsState;
  private lastReported = '';
  private readonly changed = new vscode.EventEmitter<SettingsState>();
  private readonly subscriptions: vscode.Disposable[];
  readonly onDidChange = this.changed.event;

  constructor(private readonly logger: Logger) {
    this.state = this.read();
    const reread = (): void => {
      this.state = this.read();
      this.changed.fire(this.state);
    };
    this.subscriptions = [
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('quorum')) reread();
      }),
      // Trust granted: the workspace's values of restricted settings apply from now on.
      vscode.workspace.onDidGrantWorkspaceTrust(reread),
    ];
  }

  get current(): SettingsState {
    return this.state;
  }

  private read(): SettingsState {
    const config = vscode.workspace.getConfiguration();
    const trusted = vscode.workspace.isTrusted;
    // An untrusted workspace's values of restricted settings are ignored here too, not only by VS Code.
    const result = validateSettings((key) => trustedValue(key, trusted, config.get(key), config.inspect(key)), {
      fromWorkspace: (key) => fromWorkspace(key, trusted, config.inspect(key)),
    });
    this.report(result.issues);
    return result;
  }

  private report(issues: readonly SettingsIssue[]): void {
    const signature = JSON.stringify(issues);
    if (signature === this.lastReported) return;
    this.lastReported = signature;
    for (const issue of issues) this.logger.warn(`Setting ${issue.setting}: ${issue.message}`);
    const first = issues[0];
    if (first === undefined) return;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
    void vscode.window
      .showWarningMessage(`Quorum setting ${first.setting}: ${first.message}${more}. The rest of Quorum keeps working.`, 'Open Settings', 'Show Log')
      .then((choice) => {
        if (choice === 'Open Settings') {
          void vscode.commands.executeCommand('workbench.action.openSettings', first.setting.replace(/\[\d+\].*$/, ''));
        } else if (choice === 'Show Log') {
          void vscode.commands.executeCommand(commandIds.showLog);
        }
      });
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}
