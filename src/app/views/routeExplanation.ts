import type { ModelCatalog } from '../../core/catalog/modelCatalog';
import type { RouteDecision } from '../../core/routing/routeDecision';
import { formatUsd } from '../../shared/format';
import { modelRefText } from '../../core/ask/modelRefText';
import { evalChoiceText, percentText, tierProbabilitiesText } from '../../core/routing/routeReasons';

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
    `**Chosen model:** ${name(decision.chosen)} — quality tier **${decision.tier.needed}**`,
    ...(decision.rule !== undefined ? ['', `**Decided by rule:** ${escapeMarkdown(decision.rule)}`] : []),
    ...(decision.cache !== undefined ? ['', `**Prompt cache:** ${escapeMarkdown(decision.cache.note)}`] : []),
    ...(decision.ruleEval !== undefined ? ['', `**Chosen by eval:** ${escapeMarkdown(evalChoiceText(decision.ruleEval))}`] : []),
    '',
    '## Task',
    '',
    ...taskLines(decision),
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

const SOURCE: Readonly<Record<RouteDecision['profile']['source'], string>> = {
  heuristic: 'heuristics',
  learned: 'the learned router',
  model: 'a model',
};

/** Task type (with its probability), the tier probabilities and dial, and feedback, when the router has them. */
function taskLines(decision: RouteDecision): string[] {
  const { task, tier, profile } = decision;
  const probability = task.probability === undefined ? '' : ` (${percentText(task.probability)})`;
  const lines = [`- Type: **${task.type}**${probability}, complexity: **${task.complexity}** (classified by ${SOURCE[profile.source]})`];
  if (tier.probabilities !== undefined) {
    const dial = tier.dial === undefined ? '' : `; dial **${tier.dial}** (quorum.routing.quality)`;
    lines.push(`- Tier needed: ${tierProbabilitiesText(tier.probabilities)}${dial}`);
  }
  if (decision.feedback !== undefined) lines.push(`- Feedback: ${escapeMarkdown(decision.feedback.note)}`);
  return lines;
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
