import type { ModelCatalog } from '../../core/catalog/modelCatalog';
import type { ModelRef, Usage } from '../../core/types';
import type { AnswerHop, AnswerPhase, AnswerState } from '../../core/ask/answerState';
import { modelRefText, sameModelRef } from '../../core/ask/modelRefText';
import { answerCostUsd } from '../../core/cost/answerRecord';
import { promptCacheLine } from '../../core/cost/promptCacheSavings';
import { evalChoiceText } from '../../core/routing/routeReasons';
import { formatUsd } from '../../shared/format';

/** The answer view's header, as display text; built in the host so the webview never computes money. */
export interface AnswerHeader {
  readonly status: string;
  /** `provider/model` of the model answering (or about to). */
  readonly model: string;
  /** One line: the router's first reason, or why there is no answer. */
  readonly why: string;
  /** e.g. `openai/gpt-6-luna failed (503) → anthropic/claude-haiku-5-5`; absent without failures. */
  readonly hops?: string;
  readonly tokens: string;
  /** The cost the ledger records for this answer (`answerCostUsd`), `…` until usage arrives. */
  readonly cost: string;
  /** What context was attached, e.g. `selection (lines 3–9) + src/a.ts (whole file)`. */
  readonly context?: string;
  /** When the workspace's feedback moved this route: the decision card's sentence. */
  readonly feedback?: string;
  /** The provider prompt cache: tokens read and written, and what it saved (`promptCacheLine`). */
  readonly cache?: string;
  /** The "cached" badge of an answer from the exact response cache, with what it saved. */
  readonly cached?: string;
}

const STATUS: Record<AnswerPhase, string> = {
  routing: 'Choosing a model…',
  streaming: 'Answering…',
  done: 'Done',
  stopped: 'Stopped',
  failed: 'Failed',
};

export function answerHeader(state: AnswerState, catalog?: ModelCatalog): AnswerHeader {
  const model = state.answeredBy ?? state.current ?? state.decision?.chosen;
  const finished = state.phase !== 'routing' && state.phase !== 'streaming';
  // Priced exactly as the ledger draft is, so the header never shows a price the ledger records as unknown.
  // A cache hit sent nothing: a known $0 whatever the model's price (the ledger records the same).
  const cost = state.cached !== undefined ? formatUsd(0)
    : state.usage === undefined && !finished ? '…' : formatUsd(answerCostUsd(state, (ref) => catalog?.get(ref)?.pricing));
  const cache = model === undefined || state.cached !== undefined ? undefined : promptCacheLine(state.usage, catalog?.get(model)?.pricing);
  return {
    status: STATUS[state.phase],
    model: model === undefined ? '—' : modelRefText(model),
    why: whyLine(state),
    hops: formatHops(state.hops, state.answeredBy ?? (finished ? undefined : state.current)),
    tokens: formatTokens(state.usage, finished),
    cost,
    context: contextLine(state),
    ...(state.pinned === undefined && state.decision?.feedback !== undefined ? { feedback: state.decision.feedback.note } : {}),
    ...(cache === undefined ? {} : { cache }),
    ...(state.cached === undefined ? {} : { cached: cachedBadge(state.cached.savedUsd) }),
  };
}

/** "cached · saved $0.0123"; an original cost nobody knew is not claimed as a saving. */
export function cachedBadge(savedUsd: number | undefined): string {
  return savedUsd === undefined ? 'cached · saved an unknown amount' : `cached · saved ${formatUsd(savedUsd)}`;
}

function whyLine(state: AnswerState): string {
  if (state.phase === 'failed' && state.error !== undefined) return state.error;
  if (state.cached !== undefined) return `Answered from the exact response cache: the same request to ${state.decision === undefined ? 'this model' : modelRefText(state.decision.chosen)} was answered on ${new Date(state.cached.storedAt).toLocaleString('en-US')}; nothing was sent.`;
  if (state.pinned !== undefined) return 'You chose this model with "Ask Again With…".';
  const byEval = state.decision?.ruleEval;
  // Only while the eval's model is the one answering: after a failover, the router's reasons say why.
  if (byEval !== undefined && state.hops.length === 0) {
    const text = evalChoiceText(byEval);
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  }
  return state.decision?.reasons[0] ?? (state.phase === 'routing' ? 'Classifying the prompt…' : '—');
}

/**
 * The fallback path in one line: consecutive failures of one model are folded (`failed 3× (503)`),
 * then an arrow to the next model; ends with the model that answered (or is answering).
 */
export function formatHops(hops: readonly AnswerHop[], last: ModelRef | undefined): string | undefined {
  if (hops.length === 0) return undefined;
  const groups: { ref: ModelRef; count: number; why: string }[] = [];
  for (const hop of hops) {
    const why = hop.status !== undefined ? String(hop.status) : hop.reason;
    const previous = groups.at(-1);
    if (previous !== undefined && sameModelRef(previous.ref, hop.ref)) {
      previous.count++;
      if (!previous.why.split(', ').includes(why)) previous.why += `, ${why}`;
    } else {
      groups.push({ ref: hop.ref, count: 1, why });
    }
  }
  const parts = groups.map((g) => `${modelRefText(g.ref)} failed${g.count > 1 ? ` ${g.count}×` : ''} (${g.why})`);
  const tail = groups.at(-1);
  if (last !== undefined && !(tail !== undefined && sameModelRef(tail.ref, last))) parts.push(modelRefText(last));
  return parts.join(' → ');
}

export function formatTokens(usage: Usage | undefined, finished: boolean): string {
  if (usage === undefined || (usage.inputTokens === undefined && usage.outputTokens === undefined)) return finished ? 'unknown' : '…';
  const n = (value: number | undefined) => (value === undefined ? '?' : value.toLocaleString('en-US'));
  return `${n(usage.inputTokens)} in · ${n(usage.outputTokens)} out`;
}

function contextLine(state: AnswerState): string | undefined {
  const attached = state.attached;
  if (attached === undefined) return undefined;
  const parts: string[] = [];
  if (attached.selection) {
    const s = attached.selection;
    parts.push(`selection (lines ${s.fromLine}–${s.toLine}${s.truncated ? ', truncated' : ''})`);
  }
  if (attached.file) {
    const f = attached.file;
    parts.push(f.whole ? `${f.name} (whole file)` : `${f.name} (lines ${f.fromLine}–${f.toLine})`);
  }
  const text = parts.length === 0 ? undefined : `${parts.join(' + ')}, ~${attached.tokens.toLocaleString('en-US')} tokens`;
  const images = attached.images ?? [];
  if (images.length === 0) return text;
  const imageText = `${images.length === 1 ? 'image' : `${images.length} images`} ${images.join(', ')}`;
  return text === undefined ? imageText : `${text} + ${imageText}`;
}
