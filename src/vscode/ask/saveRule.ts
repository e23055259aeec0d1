import * as vscode from 'vscode';
import { appendRoutingRule, routingRuleFor } from '../../core/ask/routingRule';
import { modelRefText } from '../../core/ask/modelRefText';
import type { Logger } from '../../core/ports';
import type { TaskType } from '../../core/routing/taskProfile';
import type { ModelRef } from '../../core/types';

/** true: save without asking (automation); false: do not offer; undefined: ask the user. */
export type SaveRuleChoice = boolean | undefined;

/**
 * After "Ask Again With…" answered: offer to route this kind of task to that model from now on. The
 * rule is appended to `quorum.routing.rules` in the user settings, after the rules already there.
 */
export async function offerToSaveRule(task: TaskType, ref: ModelRef, choice: SaveRuleChoice, logger: Logger): Promise<void> {
  if (choice === false) return;
  if (choice === undefined) {
    // Not awaited: the answer is complete; the offer may sit in the notification centre.
    void vscode.window.showInformationMessage(`Always use ${modelRefText(ref)} for ${task} prompts?`, 'Save as Routing Rule')
      .then((picked) => picked === 'Save as Routing Rule' ? saveRule(task, ref, logger) : undefined);
    return;
  }
  await saveRule(task, ref, logger);
}

async function saveRule(task: TaskType, ref: ModelRef, logger: Logger): Promise<void> {
  const config = vscode.workspace.getConfiguration();
  const rule = routingRuleFor(task, ref);
  const rules = appendRoutingRule(config.inspect<unknown[]>('quorum.routing.rules')?.globalValue, rule);
  if (rules === undefined) {
    void vscode.window.showInformationMessage(`A rule already routes ${task} prompts to ${rule.use.model}.`);
    return;
  }
  await config.update('quorum.routing.rules', rules, vscode.ConfigurationTarget.Global);
  logger.info(`Routing rule saved: ${rule.name}`);
  void vscode.window.showInformationMessage(`Saved: ${task} prompts now go to ${rule.use.model} (quorum.routing.rules).`, 'Open Settings')
    .then((picked) => picked && vscode.commands.executeCommand('workbench.action.openSettingsJson'));
}
