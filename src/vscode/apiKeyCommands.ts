import * as vscode from 'vscode';
import { validateApiKeyInput } from '../core/keys/secretNames';
import type { ProviderCheck } from '../core/providers/providerCheck';
import { displayBaseUrl, type ProviderDescriptor } from '../core/providers/providerDescriptor';
import type { KeyState, ProviderService } from '../core/providers/providerService';
import { signalFromToken } from './cancellation';
import { commandIds } from './commands/commandIds';

/** Arguments for automation and for the Providers view's buttons; every field is optional. */
export interface SetApiKeyArgs {
  readonly provider?: string;
  readonly key?: string;
  /** true: test right away; false: never; undefined: offer a "Test Key" button. */
  readonly test?: boolean;
}

export interface RemoveApiKeyArgs {
  readonly provider?: string;
  /** false skips the confirmation (automation only). */
  readonly confirm?: boolean;
}

export interface SetApiKeyResult {
  readonly provider: string;
  readonly check?: ProviderCheck;
}

const KEY_STATE_LABEL: Record<KeyState, string> = { set: 'key set', missing: 'no key', notRequired: 'no key needed' };

const KEY_PLACEHOLDER: Record<ProviderDescriptor['kind'], string> = {
  openai: 'sk-…',
  anthropic: 'sk-ant-…',
  gemini: 'AIza…',
  openaiCompatible: 'the key your endpoint or gateway issued',
};

/** Quorum: Set API Key — pick provider → password input → stored in SecretStorage → optional test. */
export async function setApiKey(providers: ProviderService, args: SetApiKeyArgs = {}): Promise<SetApiKeyResult | undefined> {
  const descriptor = args.provider !== undefined
    ? knownProvider(providers, args.provider)
    : await pickProvider(providers, providers.descriptors(), 'Set the API key for…');
  if (descriptor === undefined) return undefined;

  const key = args.key ?? await vscode.window.showInputBox({
    title: `${descriptor.displayName} API key`,
    // The key is bound to this origin: sending it anywhere else later asks first.
    prompt: `For ${displayBaseUrl(descriptor) || 'this endpoint'} only. Stored in VS Code secret storage (your OS keychain on desktop) — never in settings or logs.`,
    placeHolder: KEY_PLACEHOLDER[descriptor.kind],
    password: true,
    ignoreFocusOut: true,
    validateInput: validateApiKeyInput,
  });
  if (key === undefined) return undefined;
  const problem = validateApiKeyInput(key);
  if (problem !== undefined) {
    void vscode.window.showErrorMessage(`${descriptor.displayName} key not saved: ${problem}`);
    return undefined;
  }
  await providers.setKey(descriptor.id, key);

  let test = args.test;
  if (test === undefined && args.key === undefined) {
    const choice = await vscode.window.showInformationMessage(`${descriptor.displayName} API key saved.`, 'Test Key');
    test = choice === 'Test Key';
  }
  if (!test) return { provider: descriptor.id };
  return { provider: descriptor.id, check: await testKey(providers, descriptor) };
}

/** Quorum: Remove API Key. Returns whether a key was removed. */
export async function removeApiKey(providers: ProviderService, args: RemoveApiKeyArgs = {}): Promise<boolean> {
  let descriptor: ProviderDescriptor | undefined;
  if (args.provider !== undefined) {
    descriptor = knownProvider(providers, args.provider);
  } else {
    const withKeys: ProviderDescriptor[] = [];
    for (const d of providers.descriptors()) if (await providers.keyState(d) === 'set') withKeys.push(d);
    if (withKeys.length === 0) {
      void vscode.window.showInformationMessage('No API keys are stored for Quorum.');
      return false;
    }
    descriptor = await pickProvider(providers, withKeys, 'Remove the API key of…');
  }
  if (descriptor === undefined) return false;
  if (args.confirm !== false) {
    const answer = await vscode.window.showWarningMessage(
      `Remove the ${descriptor.displayName} API key from VS Code's secret storage?`,
      { modal: true, detail: 'Quorum will stop using this provider until a key is set again.' },
      'Remove',
    );
    if (answer !== 'Remove') return false;
  }
  const removed = await providers.removeKey(descriptor.id);
  void vscode.window.showInformationMessage(removed
    ? `${descriptor.displayName} API key removed.`
    : `No ${descriptor.displayName} API key was stored.`);
  return removed;
}

async function testKey(providers: ProviderService, descriptor: ProviderDescriptor): Promise<ProviderCheck> {
  const check = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Testing the ${descriptor.displayName} key…`, cancellable: true },
    async (_progress, token) => {
      const bridge = signalFromToken(token);
      try {
        return await providers.check(descriptor.id, bridge.signal);
      } finally {
        bridge.dispose();
      }
    },
  );
  if (check.status === 'ready') {
    void vscode.window.showInformationMessage(`${descriptor.displayName} key works: ${check.models.length} models available.`);
  } else if (check.status === 'keyRejected') {
    void vscode.window.showErrorMessage(check.message ?? `${descriptor.displayName} rejected the key.`, 'Set API Key')
      .then((choice) => choice && vscode.commands.executeCommand(commandIds.setApiKey, { provider: descriptor.id }));
  } else {
    void vscode.window.showWarningMessage(check.message ?? `${descriptor.displayName} could not be checked.`, 'Show Providers')
      .then((choice) => choice && vscode.commands.executeCommand(commandIds.showProviders));
  }
  return check;
}

function knownProvider(providers: ProviderService, id: string): ProviderDescriptor | undefined {
  const descriptor = providers.descriptor(id);
  if (descriptor === undefined) {
    const known = providers.descriptors().map((d) => d.id).join(', ');
    void vscode.window.showErrorMessage(`Unknown provider '${id}'. Known providers: ${known}.`);
  }
  return descriptor;
}

async function pickProvider(
  providers: ProviderService,
  candidates: readonly ProviderDescriptor[],
  title: string,
): Promise<ProviderDescriptor | undefined> {
  const items = await Promise.all(candidates.map(async (d) => ({
    label: d.displayName,
    description: KEY_STATE_LABEL[await providers.keyState(d)],
    detail: d.id,
    descriptor: d,
  })));
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Choose a provider', matchOnDetail: true });
  return picked?.descriptor;
}
