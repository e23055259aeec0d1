import * as vscode from 'vscode';
import type { ProviderService } from '../core/providers/providerService';
import { commandIds } from './commands/commandIds';

/** The walkthrough package.json contributes (`contributes.walkthroughs`). */
export const WALKTHROUGH_ID = 'quorum.gettingStarted';

/** What the demo stores for a hosted provider pointed at a fake: the fakes take any key of 8+ characters. */
const DEMO_KEY = 'sk-quorum-demo-fake-key';
const HOSTED = ['openai', 'anthropic', 'gemini'];
const SHOWN_KEY = 'quorum.demo.walkthroughShown';

/**
 * `npm start` (test/harness/start.mjs) sets QUORUM_DEMO=1 for the extension host, in a throwaway profile
 * whose provider URLs point at the loopback fakes. Then, on the first activation: each hosted provider whose
 * endpoint is loopback and has no key gets a demo key (through Set API Key, as a user would), so Ask, Compare
 * and Vote use all four providers at once; and the walkthrough opens beside the sample files. Never in
 * Production mode (an installed Quorum does not read the variable), never for a non-loopback endpoint.
 */
export async function startDemo(context: vscode.ExtensionContext, providers: ProviderService): Promise<void> {
  if (context.extensionMode === vscode.ExtensionMode.Production || process.env.QUORUM_DEMO !== '1') return;
  for (const id of HOSTED) {
    const descriptor = providers.descriptor(id);
    if (descriptor === undefined || !isLoopback(descriptor.baseUrl) || await providers.keyState(descriptor) !== 'missing') continue;
    await vscode.commands.executeCommand(commandIds.setApiKey, { provider: id, key: DEMO_KEY, test: false });
  }
  if (context.workspaceState.get<boolean>(SHOWN_KEY) === true) return;
  await context.workspaceState.update(SHOWN_KEY, true);
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#${WALKTHROUGH_ID}`, false);
}

function isLoopback(baseUrl: string | undefined): boolean {
  if (baseUrl === undefined) return false;
  try {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(baseUrl).hostname);
  } catch {
    return false;
  }
}
