import * as vscode from 'vscode';
import type { KeyOriginConsent, KeyOriginQuestion, SettingSource } from '../core/keys/keyOrigins';

const SCOPE_NAMES: Readonly<Record<SettingSource, string>> = {
  default: 'the default',
  user: 'your user settings',
  workspace: "this workspace's settings (.vscode/settings.json)",
  workspaceFolder: "a workspace folder's settings",
};

/** The setting that holds a provider's URL. */
function urlSetting(providerId: string): string {
  return providerId.startsWith('compat:') ? 'quorum.providers.openaiCompatible' : `quorum.providers.${providerId}.baseUrl`;
}

/** The most specific scope that sets `key` (VS Code uses that value; lists are not merged). */
export function settingSource(key: string): SettingSource {
  const inspected = vscode.workspace.getConfiguration().inspect(key);
  if (inspected?.workspaceFolderValue !== undefined) return 'workspaceFolder';
  if (inspected?.workspaceValue !== undefined) return 'workspace';
  if (inspected?.globalValue !== undefined) return 'user';
  return 'default';
}

/**
 * Asks, in a modal dialog, whether a stored key may go to a new origin, naming the origin and where its setting
 * comes from. Tests script the answer with `answerWith` (and see every question in `asked`).
 */
export class VscodeKeyOriginConsent implements KeyOriginConsent {
  readonly asked: KeyOriginQuestion[] = [];
  private scripted: ((question: KeyOriginQuestion) => boolean) | undefined;

  answerWith(answer: ((question: KeyOriginQuestion) => boolean) | undefined): void {
    this.scripted = answer;
  }

  source(providerId: string): SettingSource {
    return settingSource(urlSetting(providerId));
  }

  async confirm(question: KeyOriginQuestion): Promise<boolean> {
    if (this.scripted !== undefined) {
      this.asked.push(question);
      return this.scripted(question);
    }
    const stored = question.knownOrigins.length === 0 ? '' : ` The key was stored for ${question.knownOrigins.join(', ')}.`;
    const detail = `${urlSetting(question.providerId)} comes from ${SCOPE_NAMES[question.source]}.${stored} ` +
      'Allow only an endpoint you trust: it will receive your key. Quorum remembers your answer.';
    const choice = await vscode.window.showWarningMessage(
      `Send your ${question.displayName} API key to ${question.origin}?`, { modal: true, detail }, 'Send Key', "Don't Send");
    return choice === 'Send Key';
  }
}
