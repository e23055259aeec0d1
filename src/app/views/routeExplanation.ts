import type { ModelCatalog } from '../../core/catalog/modelCatalog';
import type { RouteDecision } from '../../core/routing/routeDecision';
import { formatUsd } from '../../shared/format';
import { modelRefText } from '../../core/ask/modelRefText';

/** The last routed request, as "Explain Last Route" shows it. */
export interface LastRoute {
  readonly decision: RouteDecision;
  readonly prompt: string;
  /** ms since the epoch. */
  readonly at: number;
}

/** A readable markdown account of one RouteDecision: model, chain, task, every reason, estimates. */
export function routeExplanationMarkdown(last: LastRoute, catalog?: ModelCatalog): string {
  const { decision } = last;
  const name = (ref: RouteDecision['chosen']) => {
    const info = catalog?.get(ref);
    return info === undefined ? `\`${modelRefText(ref)}\`` : `\`${modelRefText(ref)}\` (${info.displayName}, ${info.tier})`;
  };
  const yesNo = (value: boolean) => (value ? 'yes' : 'no');
  const profile = decision.profile;
  const lines = [
    '# Quorum: last route',
    '',
    `Routed ${new Date(last.at).toLocaleString()}.`,
    '',
    '## Prompt',
    '',
    fenced(last.prompt.length > 600 ? `${last.prompt.slice(0, 600)}…` : last.prompt),
    '',
    `**Chosen model:** ${name(decision.chosen)} — quality tier **${decision.tier}**`,
    ...(decision.rule !== undefined ? ['', `**Decided by rule:** ${escapeMarkdown(decision.rule)}`] : []),
    '',
    '## Task',
    '',
    `- Type: **${decision.task.type}**, complexity: **${decision.task.complexity}** (classified by ${profile.source === 'model' ? 'a model' : 'heuristics'})`,
    `- Needs: vision ${yesNo(decision.task.needs.vision)}, JSON ${yesNo(decision.task.needs.json)}, context window ≥ ${decision.task.needs.contextTokens.toLocaleString('en-US')} tokens`,
    ...(profile.evidence.length > 0 ? [`- Evidence: ${profile.evidence.map(escapeMarkdown).join('; ')}`] : []),
    '',
    '## Why',
    '',
    ...(decision.reasons.length > 0 ? decision.reasons.map((r, i) => `${i + 1}. ${escapeMarkdown(r)}`) : ['(no reasons recorded)']),
    '',
    '## Fallback chain and estimates',
    '',
    '| # | Model | Input tokens | Output tokens | Estimated cost |',
    '|---|---|---|---|---|',
    ...decision.chain.map((ref, i) => {
      const estimate = decision.estimates[i];
      const tokens = (value: number | undefined) => (value === undefined ? 'unknown' : value.toLocaleString('en-US'));
      return `| ${i + 1} | ${name(ref)} | ${tokens(estimate?.inputTokens)} | ${tokens(estimate?.outputTokens)} | ${formatUsd(estimate?.costUsd, { estimate: true })} |`;
    }),
    '',
  ];
  return lines.join('\n');
}

function fenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

/** Reasons quote user rule names and prompt facts; keep them from turning into markup or table cells. */
function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>|#])/g, '\\$1');
}
