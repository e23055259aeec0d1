import * as vscode from 'vscode';
import type { ModelCatalog } from '../../core/catalog/modelCatalog';
import type { ModelInfo } from '../../core/catalog/modelInfo';
import { modelRefText, sameModelRef } from '../../core/ask/modelRefText';
import type { ProviderService } from '../../core/providers/providerService';
import type { ModelRef } from '../../core/types';
import { commandIds } from '../commands/commandIds';

interface ModelItem extends vscode.QuickPickItem {
  readonly ref?: ModelRef;
}

/** "Ask Again With…": every enabled catalog model of a provider that can be asked, grouped by provider. */
export async function pickModel(catalog: ModelCatalog, providers: ProviderService, answeredBy: ModelRef | undefined): Promise<ModelRef | undefined> {
  const usable = new Set<string>();
  for (const d of providers.descriptors()) if (await providers.keyState(d) !== 'missing') usable.add(d.id);
  const models = catalog.enabled().filter((m) => usable.has(m.provider));
  if (models.length === 0) {
    void vscode.window.showWarningMessage('No model is available to ask: set an API key or add an endpoint first.', 'Set API Key')
      .then((choice) => choice && vscode.commands.executeCommand(commandIds.setApiKey));
    return undefined;
  }
  const items: ModelItem[] = [];
  let provider = '';
  for (const model of models) {
    if (model.provider !== provider) {
      provider = model.provider;
      items.push({ label: provider, kind: vscode.QuickPickItemKind.Separator });
    }
    const ref = { provider: model.provider, model: model.id };
    items.push({
      label: model.displayName,
      description: `${modelRefText(ref)}${sameModelRef(ref, answeredBy) ? ' · answered last' : ''}`,
      detail: `${model.tier} · ${priceText(model)}`,
      ref,
    });
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'Ask again with…', placeHolder: 'Choose the model to answer', matchOnDescription: true });
  return picked?.ref;
}

function priceText(model: ModelInfo): string {
  const { inputPerMTok, outputPerMTok } = model.pricing;
  if (inputPerMTok === undefined || outputPerMTok === undefined) return 'price unknown';
  return `$${inputPerMTok} in / $${outputPerMTok} out per MTok`;
}
