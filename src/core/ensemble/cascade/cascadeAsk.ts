import type { ChatMessage, ModelRef } from '../../types';
import { CascadeAskError, type CascadeAsk } from './cascade';
import type { ColumnSummary } from '../compare/columnSummary';
import { confidenceMessages, needsReask, parseConfidenceReply, reaskMessages } from '../vote/confidence';
import { startFanOut, type ColumnRequest, type FanOutDeps } from '../compare/fanOut';
import { sumCosts } from '../vote/voteCost';

/**
 * The cascade's `ask` over the same engine as the fan-out: one model, one column, the confidence contract
 * (re-asked once when the reply is invalid). Each settled call is reported through `onCall` (the ledger).
 */
export function confidenceAsk(
  deps: FanOutDeps,
  messages: readonly ChatMessage[],
  options: { readonly maxOutputTokens?: number; readonly onCall?: (summary: ColumnSummary) => void } = {},
): CascadeAsk {
  const limit = options.maxOutputTokens === undefined ? {} : { maxOutputTokens: options.maxOutputTokens };
  const call = async (ref: ModelRef, request: ColumnRequest, signal: AbortSignal): Promise<ColumnSummary> => {
    const run = startFanOut([{ id: 'cascade', ref }], request, deps, { signal });
    const [summary] = await run.idle();
    if (summary === undefined) throw new CascadeAskError(`${ref.model} did not run.`);
    options.onCall?.(summary);
    return summary;
  };
  return async (ref, signal) => {
    const costs: (number | undefined)[] = [];
    let request: ColumnRequest = { messages: confidenceMessages(messages), ...limit };
    for (let reasks = 0; ; reasks += 1) {
      const summary = await call(ref, request, signal);
      costs.push(summary.costUsd);
      const spent = sumCosts(costs).totalUsd;
      if (summary.status !== 'done') throw new CascadeAskError(summary.error?.message ?? `${ref.model} was stopped.`, spent);
      const reply = parseConfidenceReply(summary.text);
      if (reply.ok) return { answer: reply.answer, confidence: reply.confidence, ...(spent === undefined ? {} : { costUsd: spent }) };
      if (!needsReask(reply, reasks)) throw new CascadeAskError(`${ref.model} gave no valid {answer, confidence}: ${reply.problem}.`, spent);
      request = { ...request, messages: reaskMessages(messages, summary.text, reply.problem) };
    }
  };
}
