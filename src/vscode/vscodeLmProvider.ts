import * as vscode from 'vscode';
import type { ModelInfo } from '../core/catalog/modelInfo';
import { ProviderError } from '../core/errors';
import type { Provider, StreamTimeouts } from '../core/providers/provider';
import { driveStream } from '../core/providers/streamDriver';
import { classifyVscodeLmError } from '../core/providers/vscodeLm/errors';
import {
  toLmMessages, VSCODE_LM_DISPLAY_NAME, VSCODE_LM_JUSTIFICATION, VSCODE_LM_PROVIDER_ID, vscodeLmModelInfo,
} from '../core/providers/vscodeLm/models';
import type { RemoteModel, StreamEvent } from '../core/types';

/** `vscode.lm` as far as Quorum uses it; injectable so tests can pass a fake. */
export interface LmApi {
  selectChatModels(selector?: vscode.LanguageModelChatSelector): Thenable<vscode.LanguageModelChat[]>;
  /** Absent on some hosts even where `selectChatModels` exists. */
  readonly onDidChangeChatModels?: vscode.Event<void>;
}

/** `vscode.lm`, or undefined where the host has no language-model API (older hosts, some code-server builds). */
export function hostLmApi(): LmApi | undefined {
  // Property reads on the namespace, guarded: `vscode.lm` is absent on hosts without the API.
  const lm = (vscode as { lm?: Partial<LmApi> }).lm;
  return typeof lm?.selectChatModels === 'function' ? (lm as LmApi) : undefined;
}

/** The models VS Code offers now, as catalog entries; `[]` when the API is missing or listing fails. */
export async function discoverVscodeLmModels(lm: LmApi | undefined = hostLmApi()): Promise<ModelInfo[]> {
  if (lm === undefined) return [];
  try {
    return (await lm.selectChatModels()).map(vscodeLmModelInfo);
  } catch {
    return [];
  }
}

export interface VscodeLmProviderOptions {
  readonly lm?: LmApi;
  readonly timeouts?: Partial<StreamTimeouts>;
  /** Shown in VS Code's consent dialog; defaults to `VSCODE_LM_JUSTIFICATION`. */
  readonly justification?: string;
}

/**
 * VS Code's language models (`vscode.lm`, e.g. GitHub Copilot's) as a Quorum provider `vscodeLm`.
 *
 * Consent: the first `sendRequest` of an extension shows VS Code's consent dialog, so it must follow a user
 * action. Quorum only sends from commands and chat handlers (Ask, Compare, Vote, code actions, @quorum); the
 * VS Code layer keeps this provider out of background work (active health checks), and `listModels` only
 * lists (no request). A refusal is `LanguageModelError.NoPermissions` → reason `permission` → the chain fails over.
 *
 * Usage: the API reports no token counts, so the stream yields no `usage` event; the cost stays unknown and is
 * shown as "unknown (subscription)".
 */
export function createVscodeLmProvider(options: VscodeLmProviderOptions = {}): Provider {
  const providerName = VSCODE_LM_DISPLAY_NAME;
  const provider = VSCODE_LM_PROVIDER_ID;
  const lmOf = (model: string | undefined): LmApi => {
    const lm = options.lm ?? hostLmApi();
    if (lm !== undefined) return lm;
    throw new ProviderError({ reason: 'notFound', provider, model, providerCode: 'NoLmApi', message: 'This editor has no language-model API (vscode.lm), so VS Code language models cannot be used here.' });
  };

  return {
    id: provider,
    kind: 'vscodeLm',
    displayName: providerName,

    stream(request, streamOptions) {
      let afterHeaders = false;
      return driveStream<unknown>({
        provider,
        providerName,
        model: request.model,
        open: async (signal) => {
          const [chat] = await lmOf(request.model).selectChatModels({ id: request.model });
          if (chat === undefined) {
            throw new ProviderError({ reason: 'notFound', provider, model: request.model, providerCode: 'NotFound', message: `${providerName}: ${request.model} is no longer available (extension disabled or signed out). Pick another model.` });
          }
          const messages = toLmMessages(request.messages).map((m) => (m.role === 'user'
            ? vscode.LanguageModelChatMessage.User(m.text)
            : vscode.LanguageModelChatMessage.Assistant(m.text)));
          const source = new vscode.CancellationTokenSource();
          const cancel = (): void => source.cancel();
          if (signal.aborted) cancel();
          else signal.addEventListener('abort', cancel, { once: true });
          try {
            const response = await chat.sendRequest(messages, { justification: options.justification ?? VSCODE_LM_JUSTIFICATION }, source.token);
            afterHeaders = true;
            return withCleanup(response.stream, () => {
              signal.removeEventListener('abort', cancel);
              source.dispose();
            });
          } catch (error) {
            signal.removeEventListener('abort', cancel);
            source.dispose();
            throw error;
          }
        },
        translate: (chunk): readonly StreamEvent[] => (chunk instanceof vscode.LanguageModelTextPart ? [{ type: 'text-delta', text: chunk.value }] : []),
        // The lm stream has no terminal signal of its own: ending without an error is a complete answer.
        flush: () => [{ type: 'finish', reason: 'stop' }],
        classify: (error) => classifyVscodeLmError(error, { provider, providerName, model: request.model, afterHeaders }),
      }, { signal: streamOptions.signal, timeouts: { ...options.timeouts, ...streamOptions.timeouts } });
    },

    async listModels(listOptions): Promise<RemoteModel[]> {
      if (listOptions.signal.aborted) throw new ProviderError({ reason: 'aborted', provider, message: `Listing ${providerName} was cancelled.` });
      const models = await lmOf(undefined).selectChatModels();
      return models.map((m) => ({ id: m.id, displayName: m.name }));
    },
  };
}

/** Iterates `source`, running `cleanup` once however the iteration ends (done, error, or `return()`). */
async function* withCleanup<T>(source: AsyncIterable<T>, cleanup: () => void): AsyncGenerator<T, void, undefined> {
  try {
    yield* source;
  } finally {
    cleanup();
  }
}
