import * as vscode from 'vscode';
import type { RequestService } from '../../app/requestService';
import type { AnswerState } from '../../core/ask/answerState';
import { modelRefText, parseModelRefText } from '../../core/ask/modelRefText';
import { chatCommandOf, chatFollowups, strongerModel, type ChatCommand, type ChatTurnMeta } from '../../core/chat/chatFollowups';
import { AskChatRenderer, escapeMarkdown } from '../../app/views/chatMarkdown';
import { compareMarkdown, voteMarkdown } from '../../app/views/ensembleMarkdown';
import type { ModelCatalog } from '../../core/catalog/modelCatalog';
import type { ModelInfo } from '../../core/catalog/modelInfo';
import type { LabelOf } from '../../app/views/panelState';
import { defaultVoteModels } from '../../core/ensemble/vote/voteModels';
import type { Logger } from '../../core/ports';
import { DEFAULT_OUTPUT_BUDGET_TOKENS } from '../../core/routing/classify';
import type { RouteRequest } from '../../core/routing/taskProfile';
import type { ModelRef } from '../../core/types';
import { signalFromToken } from '../cancellation';
import { commandIds } from '../commands/commandIds';
import { chatRouteRequest } from './chatContext';

/** The participant id; must equal `contributes.chatParticipants[].id` in package.json. */
export const QUORUM_PARTICIPANT_ID = 'quorum.quorum';
/** Models a chat /compare runs (the panel allows more; chat stays compact). */
export const CHAT_COMPARE_MODELS = 3;
/** Models a chat /vote asks. */
export const CHAT_VOTE_MODELS = 3;

export interface QuorumParticipantDeps {
  /** The one request path (the same one Ask Best Model, Compare and Vote use). */
  readonly requests: Pick<RequestService, 'ask' | 'compare' | 'vote'>;
  readonly catalog: () => ModelCatalog;
  /** Provider ids that can take requests now (a key, none needed, or hosted such as `vscodeLm`). */
  readonly availableProviders: () => Promise<ReadonlySet<string>>;
  /** Enabled models of usable, allowed providers (the panel's model list). */
  readonly candidates: () => Promise<readonly ModelInfo[]>;
  readonly logger: Logger;
  readonly iconPath?: vscode.Uri;
  /** Chat API to use; defaults to `vscode.chat` (tests pass a fake). */
  readonly chatApi?: Pick<typeof vscode.chat, 'createChatParticipant'>;
}

/**
 * Registers `@quorum` in VS Code chat, or returns undefined where the host has no chat API (code-server
 * builds without chat, older hosts): activation must never fail because of chat. Model calls happen only
 * here, in the handler of a chat request the user sent — which is also what VS Code's language-model consent
 * requires of `vscodeLm` requests.
 */
export function registerQuorumParticipant(deps: QuorumParticipantDeps): vscode.Disposable | undefined {
  const api = deps.chatApi ?? (vscode as { chat?: Partial<typeof vscode.chat> }).chat;
  if (typeof api?.createChatParticipant !== 'function') {
    deps.logger.info('Chat: this editor has no chat API; @quorum is not registered.');
    return undefined;
  }
  try {
    const participant = api.createChatParticipant(QUORUM_PARTICIPANT_ID, (request, context, response, token) => handle(deps, request, context, response, token));
    if (deps.iconPath !== undefined) participant.iconPath = deps.iconPath;
    participant.followupProvider = {
      provideFollowups: (result) => {
        const meta = result.metadata as (ChatTurnMeta & { prompt?: string }) | undefined;
        if (meta?.command === undefined) return [];
        return chatFollowups(meta, meta.prompt ?? '').map((f) => ({ prompt: f.prompt, label: f.label, command: f.command }));
      },
    };
    return participant;
  } catch (error) {
    deps.logger.warn(`Chat: @quorum could not be registered: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

type Result = vscode.ChatResult & { readonly metadata: ChatTurnMeta & { readonly prompt: string } };

async function handle(
  deps: QuorumParticipantDeps, request: vscode.ChatRequest, context: vscode.ChatContext, response: vscode.ChatResponseStream, token: vscode.CancellationToken,
): Promise<Result> {
  const command = chatCommandOf(request.command);
  const prompt = request.prompt.trim();
  const meta = (outcome: ChatTurnMeta['outcome'], model?: ModelRef): Result['metadata'] => ({
    command, outcome, prompt, ...(model === undefined ? {} : { model: modelRefText(model) }),
  });
  if (prompt === '') {
    response.markdown('Ask a question after `@quorum`, e.g. `@quorum /compare What does this regex match?`');
    return { metadata: meta('noRoute') };
  }
  const bridge = signalFromToken(token);
  try {
    switch (command) {
      case 'ask':
      case 'stronger':
        return await ask(deps, command, prompt, await chatRouteRequest(prompt, request.references, context.history, QUORUM_PARTICIPANT_ID), lastAnswerModel(context), response, bridge.signal, meta);
      case 'compare':
        return await compare(deps, prompt, response, bridge.signal, meta);
      case 'vote':
        return await vote(deps, prompt, response, bridge.signal, meta);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    deps.logger.error(`Chat /${command} failed: ${message}`);
    return { errorDetails: { message }, metadata: meta('failed') };
  } finally {
    bridge.dispose();
  }
}

/** The model that answered the latest `@quorum` ask in this chat, from its result metadata. */
function lastAnswerModel(context: vscode.ChatContext): ModelRef | undefined {
  for (let i = context.history.length - 1; i >= 0; i--) {
    const turn = context.history[i];
    if (!(turn instanceof vscode.ChatResponseTurn)) continue;
    const model = (turn.result.metadata as Partial<ChatTurnMeta> | undefined)?.model;
    const ref = typeof model === 'string' ? parseModelRefText(model) : undefined;
    if (ref !== undefined) return ref;
  }
  return undefined;
}

async function ask(
  deps: QuorumParticipantDeps, command: ChatCommand, prompt: string, routed: RouteRequest, previous: ModelRef | undefined, response: vscode.ChatResponseStream, signal: AbortSignal,
  meta: (outcome: ChatTurnMeta['outcome'], model?: ModelRef) => Result['metadata'],
): Promise<Result> {
  let pinned: ModelRef | undefined;
  if (command === 'stronger') {
    pinned = strongerModel(deps.catalog(), await deps.availableProviders(), previous);
    if (pinned === undefined) {
      response.markdown('No stronger model is available: add an API key (`Quorum: Set API Key`) for a premium model.');
      return { metadata: meta('noRoute') };
    }
  }
  response.progress(pinned === undefined ? 'Choosing a model…' : `Asking ${modelRefText(pinned)}…`);
  const renderer = new AskChatRenderer(deps.catalog());
  let final: AnswerState | undefined;
  const input = { prompt, request: routed, ledgerFeature: 'chat', ...(pinned === undefined ? {} : { pinned }) };
  for await (const state of deps.requests.ask(input, signal)) {
    final = state;
    if (state.phase === 'routing' || state.phase === 'streaming') {
      const chunk = renderer.next(state);
      if (chunk !== '') response.markdown(chunk);
    }
  }
  if (final === undefined) return { metadata: meta('failed') };
  response.markdown(renderer.end(final));
  if (final.noRoute === true) {
    response.button({ command: commandIds.setApiKey, title: 'Set API Key' });
    return { metadata: meta('noRoute') };
  }
  const by = final.answeredBy ?? final.decision?.chosen;
  return { metadata: meta(final.phase === 'done' ? 'done' : final.phase === 'stopped' ? 'stopped' : 'failed', by) };
}

async function ensembleModels(deps: QuorumParticipantDeps, count: number): Promise<{ refs: ModelRef[]; label: LabelOf }> {
  const candidates = await deps.candidates();
  const refs = defaultVoteModels(candidates, 200, DEFAULT_OUTPUT_BUDGET_TOKENS, count);
  const label: LabelOf = (ref) => deps.catalog().get(ref)?.displayName ?? modelRefText(ref);
  return { refs, label };
}

function tooFew(response: vscode.ChatResponseStream, what: string, found: number): void {
  response.markdown(`${what} needs at least two usable models from different providers; ${found === 0 ? 'none is' : 'only one is'} set up. Run \`Quorum: Set API Key\` or add a local endpoint.`);
  response.button({ command: commandIds.setApiKey, title: 'Set API Key' });
}

async function compare(
  deps: QuorumParticipantDeps, prompt: string, response: vscode.ChatResponseStream, signal: AbortSignal,
  meta: (outcome: ChatTurnMeta['outcome']) => Result['metadata'],
): Promise<Result> {
  const { refs, label } = await ensembleModels(deps, CHAT_COMPARE_MODELS);
  if (refs.length < 2) {
    tooFew(response, 'Compare', refs.length);
    return { metadata: meta('noRoute') };
  }
  response.progress(`Asking ${refs.map(label).join(', ')}…`);
  const started = await deps.requests.compare({
    columns: refs.map((ref, i) => ({ id: `chat-${i}`, ref })), request: { messages: [{ role: 'user', content: prompt }] },
    feature: 'chat', routeReason: 'chat /compare', signal,
    onEvent: (event) => {
      if (event.type === 'start') response.progress(`${label(event.ref)} is answering…`);
    },
  });
  if ('refused' in started) return notSent(response, started.reason, meta);
  const summaries = await started.run.idle();
  response.markdown(compareMarkdown(summaries, label));
  response.button({ command: commandIds.compareModels, title: 'Open in the Quorum panel' });
  const stopped = signal.aborted;
  const anyDone = summaries.some((s) => s.status === 'done');
  return { metadata: meta(stopped ? 'stopped' : anyDone ? 'done' : 'failed') };
}

async function vote(
  deps: QuorumParticipantDeps, prompt: string, response: vscode.ChatResponseStream, signal: AbortSignal,
  meta: (outcome: ChatTurnMeta['outcome']) => Result['metadata'],
): Promise<Result> {
  const { refs, label } = await ensembleModels(deps, CHAT_VOTE_MODELS);
  if (refs.length < 2) {
    tooFew(response, 'A vote', refs.length);
    return { metadata: meta('noRoute') };
  }
  response.progress(`${refs.map(label).join(', ')} are voting…`);
  const started = await deps.requests.vote({
    messages: [{ role: 'user', content: prompt }], models: refs, strategy: 'majority', feature: 'chat', signal,
    describe: (summary) => `chat /vote (majority): ${summary.id.startsWith('judge-') ? 'judge' : 'member'}`,
    onEvent: (event) => {
      if (event.type === 'early-exit') response.progress(`${event.count} answers agree; stopping the rest.`);
    },
  });
  if ('refused' in started) return notSent(response, started.reason, meta);
  const result = await started.run.result;
  response.markdown(voteMarkdown(result, label));
  response.button({ command: commandIds.ensembleVote, title: 'Open in the Quorum panel' });
  if (signal.aborted) return { metadata: meta('stopped') };
  if (result.winner === undefined) response.markdown(`\n_${escapeMarkdown('No valid answers to tally.')}_\n`);
  return { metadata: meta(result.winner === undefined ? 'failed' : 'done') };
}

/** The budget did not admit the request: say why (or nothing, when the user declined), send nothing. */
function notSent(response: vscode.ChatResponseStream, reason: string | undefined, meta: (outcome: ChatTurnMeta['outcome']) => Result['metadata']): Result {
  response.markdown(escapeMarkdown(reason ?? 'Not sent.'));
  return { metadata: meta(reason === undefined ? 'stopped' : 'failed') };
}
