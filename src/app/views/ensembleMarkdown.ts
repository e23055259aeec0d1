import type { ColumnSummary } from '../../core/ensemble/compare/columnSummary';
import type { LabelOf } from './panelState';
import type { VoteResult } from '../../core/ensemble/vote/voting';
import { formatUsd, plural } from '../../shared/format';
import { durationText, fractionText, tokensText } from '../../shared/panelFormat';
import { chatCost, escapeMarkdown, modelCode } from './chatMarkdown';

/** Longest answer text shown per model in a chat summary, in characters; the panel shows the rest. */
export const CHAT_ANSWER_CHARS = 1_200;

/** `text` cut at a line end near `max` characters, with an ellipsis when cut; fences left open are closed. */
export function clip(text: string, max: number = CHAT_ANSWER_CHARS): string {
  const trimmed = text.trim();
  if (trimmed.length <= max) return trimmed;
  const cut = trimmed.lastIndexOf('\n', max);
  let head = trimmed.slice(0, cut > max / 2 ? cut : max).trimEnd();
  // An odd number of fence lines means a code block was cut open: close it so the rest renders as text.
  if ((head.match(/^\s*```/gm) ?? []).length % 2 === 1) head += '\n```';
  return `${head}\n\n…`;
}

function statusLine(summary: ColumnSummary): string {
  const cost = chatCost(summary.ref, formatUsd(summary.costUsd));
  const stats = `${durationText(summary.totalMs)} · ${tokensText(summary.usage?.inputTokens, summary.usage?.outputTokens)} · ${cost}`;
  switch (summary.status) {
    case 'done': return stats;
    case 'failed': return `**failed** — ${escapeMarkdown(summary.error?.message ?? 'no answer')} · ${cost}`;
    case 'stopped': return `stopped · ${stats}`;
    case 'streaming': return 'answering…';
  }
}

/** One section per model: its name, time, tokens and cost, then its answer (clipped). */
export function compareMarkdown(summaries: readonly ColumnSummary[], label: LabelOf): string {
  const sections = summaries.map((s) => {
    const head = `### ${escapeMarkdown(label(s.ref))} ${modelCode(s.ref)}\n_${statusLine(s)}_`;
    const body = s.text.trim() === '' ? '' : `\n\n${clip(s.text)}`;
    return `${head}${body}`;
  });
  const done = summaries.filter((s) => s.status === 'done').length;
  const total = totalCost(summaries.map((s) => ({ ref: s.ref, costUsd: s.costUsd })));
  return `${sections.join('\n\n')}\n\n---\n${done} of ${plural(summaries.length, 'model')} answered · Total: ${total}\n`;
}

/** `$0.0123`, `$0.0123 + 2 calls of unknown cost`, or "unknown (subscription)" when every unknown is one. */
function totalCost(calls: readonly { ref: ColumnSummary['ref']; costUsd?: number }[]): string {
  const unknown = calls.filter((c) => c.costUsd === undefined);
  const known = calls.reduce((sum, c) => sum + (c.costUsd ?? 0), 0);
  if (unknown.length === 0) return formatUsd(known);
  const subscriptionOnly = unknown.every((c) => chatCost(c.ref, 'unknown') !== 'unknown');
  const what = subscriptionOnly ? `${plural(unknown.length, 'subscription call')} of unknown cost` : `${plural(unknown.length, 'call')} of unknown cost`;
  return known > 0 || unknown.length < calls.length ? `${formatUsd(known)} + ${what}` : what;
}

/** The vote in chat: the winner and why, each answer with its cluster, then agreement, time and cost. */
export function voteMarkdown(result: VoteResult, label: LabelOf): string {
  const lines: string[] = [];
  const winner = result.winner;
  if (winner === undefined) {
    lines.push(`**No winner.** ${escapeMarkdown(result.why)}`);
  } else {
    const first = result.answers.find((a) => a.cluster === winner.index && a.answer !== undefined);
    lines.push(`**Winner** (${winner.members.length} of ${plural(result.validVotes, 'vote')}): ${escapeMarkdown(result.why)}`);
    if (first?.answer !== undefined) lines.push('', clip(first.answer));
  }
  if (result.winnerRationale !== undefined) {
    lines.push('', `_Judge ${modelCode(result.winnerRationale.ref)}:_ ${escapeMarkdown(result.winnerRationale.rationale)}`);
  }
  lines.push('', '| Model | Answer | Cluster | Cost |', '|---|---|---|---|');
  for (const a of result.answers) {
    const answer = a.outcome === 'valid' || a.outcome === 'invalid'
      ? escapeMarkdown(oneLine(a.answer ?? a.problem ?? ''))
      : `_${a.outcome}_${a.problem === undefined ? '' : ` — ${escapeMarkdown(oneLine(a.problem))}`}`;
    const cluster = a.cluster === undefined ? '—' : `${a.cluster + 1}${a.cluster === 0 ? ' ✓' : ''}`;
    lines.push(`| ${escapeMarkdown(label(a.ref))} | ${answer} | ${cluster} | ${chatCost(a.ref, formatUsd(a.costUsd))} |`);
  }
  const cost = result.cost.totalUsd !== undefined
    ? formatUsd(result.cost.totalUsd)
    : `${formatUsd(result.cost.knownUsd)} + ${plural(result.cost.unknownCount, 'call')} of unknown cost`;
  lines.push('', `---`, `Agreement: ${fractionText(result.agreement)} · ${durationText(result.totalMs)} · Cost: ${cost}`);
  return `${lines.join('\n')}\n`;
}

/** First line of `text`, at most 80 characters: enough to see what a member voted for in a table cell. */
function oneLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
