import type { ModelTier } from '../catalog/modelInfo';
import type { RoutingRule, RoutingSettings, UserFeature } from '../config/routingSchema';
import type { ChatMessage } from '../types';
import { tierRank } from './estimate';
import type { Complexity, RouteRequest, RoutingFeature, TaskProfile, TaskType } from './taskProfile';

/**
 * The routing policy: which quality tier a task needs, the minimum tier of each feature, and the user's rules.
 * Pure tables and lookups; the router applies them to the catalog.
 */

/**
 * Default tier per task type × complexity. The reasoning, row by row:
 * - classification, extraction, summarisation, chat: short or checkable answers that budget models get right;
 *   only the complex variants (subtle labels, nested schemas, technical synthesis, long multi-part questions)
 *   need a standard model.
 * - codeGeneration: a one-liner or regex is budget work; real functions need standard; complex designs
 *   (concurrency, multi-file changes) go premium because a wrong answer costs more than the price difference.
 * - codeReview (fix/review): never budget — missing a bug is the expensive failure, so even simple fixes get a
 *   standard model and complex reviews a premium one.
 * - reasoning/math: simple arithmetic is budget; multi-step derivations degrade sharply below premium.
 * - creativeWriting: tops out at standard; premium prose is rarely worth its 4–5× price for editor use.
 * - longDocument, multimodal: a budget model can look something up in a long file or describe an image;
 *   analysis across the whole document or image grows with complexity. (The context window and vision
 *   themselves are capability filters, not tiers.)
 */
export const DEFAULT_TIER_TABLE: Readonly<Record<TaskType, Readonly<Record<Complexity, ModelTier>>>> = {
  classification: { simple: 'budget', standard: 'budget', complex: 'standard' },
  extraction: { simple: 'budget', standard: 'budget', complex: 'standard' },
  summarisation: { simple: 'budget', standard: 'budget', complex: 'standard' },
  codeGeneration: { simple: 'budget', standard: 'standard', complex: 'premium' },
  codeReview: { simple: 'standard', standard: 'standard', complex: 'premium' },
  reasoning: { simple: 'budget', standard: 'standard', complex: 'premium' },
  creativeWriting: { simple: 'budget', standard: 'standard', complex: 'standard' },
  chat: { simple: 'budget', standard: 'budget', complex: 'standard' },
  longDocument: { simple: 'budget', standard: 'standard', complex: 'premium' },
  multimodal: { simple: 'budget', standard: 'standard', complex: 'premium' },
};

/**
 * Minimum tier per feature, applied on top of the table (the higher of the two wins):
 * - judge ≥ standard: a judge weaker than the answers it grades adds noise, not a verdict;
 * - ask, codeAction, compare, vote: no floor — the task decides (compare and vote pick their own models);
 * - classifier, healthCheck: Quorum's own housekeeping calls, *fixed* at budget (see `FIXED_TIER_FEATURES`).
 */
export const DEFAULT_FEATURE_TIERS: Readonly<Record<RoutingFeature, ModelTier>> = {
  ask: 'budget',
  codeAction: 'budget',
  judge: 'standard',
  compare: 'budget',
  vote: 'budget',
  classifier: 'budget',
  healthCheck: 'budget',
};

/**
 * Features whose tier is fixed rather than a minimum, and to which user rules do not apply: their cost must
 * stay negligible whatever the prompt they inspect looks like.
 */
export const FIXED_TIER_FEATURES: ReadonlySet<RoutingFeature> = new Set<RoutingFeature>(['classifier', 'healthCheck']);

/** Human names of task types, for explanations. */
export const TASK_LABELS: Readonly<Record<TaskType, string>> = {
  classification: 'classification',
  extraction: 'extraction',
  summarisation: 'summarisation',
  codeGeneration: 'code generation',
  codeReview: 'code fix/review',
  reasoning: 'reasoning/math',
  creativeWriting: 'creative writing',
  chat: 'chat/Q&A',
  longDocument: 'long-document analysis',
  multimodal: 'multimodal',
};

/** The tier the policy asks for, with one sentence saying why. */
export interface TierDecision {
  readonly tier: ModelTier;
  readonly reason: string;
}

/**
 * max(task tier, feature minimum); the feature minimum comes from `featureTiers` when set there. The task tier
 * is `learned` when the learned router decided one (`learnedTier.ts`), else the table's.
 */
export function policyTier(
  profile: Pick<TaskProfile, 'type' | 'complexity'>,
  feature: RoutingFeature,
  featureTiers: RoutingSettings['featureTiers'],
  minimum?: RouteRequest['minimumTier'],
  learned?: TierDecision,
): TierDecision {
  const base = featurePolicyTier(profile, feature, featureTiers, learned);
  if (minimum === undefined || tierRank(minimum.tier) <= tierRank(base.tier)) return base;
  return { tier: minimum.tier, reason: `Tier ${minimum.tier}: raised from ${base.tier} by ${minimum.source}.` };
}

function featurePolicyTier(
  profile: Pick<TaskProfile, 'type' | 'complexity'>,
  feature: RoutingFeature,
  featureTiers: RoutingSettings['featureTiers'],
  learned: TierDecision | undefined,
): TierDecision {
  if (FIXED_TIER_FEATURES.has(feature)) {
    const tier = DEFAULT_FEATURE_TIERS[feature];
    return { tier, reason: `Tier ${tier}: ${feature} calls always use the ${tier} tier.` };
  }
  const tableTier = learned?.tier ?? DEFAULT_TIER_TABLE[profile.type][profile.complexity];
  const configured = featureTiers[feature as UserFeature];
  const featureTier = configured ?? DEFAULT_FEATURE_TIERS[feature];
  const task = `${profile.complexity} ${TASK_LABELS[profile.type]}`;
  if (tierRank(featureTier) <= tierRank(tableTier)) {
    return learned ?? { tier: tableTier, reason: `Tier ${tableTier}: the default for ${task}.` };
  }
  const source = configured === undefined ? '' : ' (quorum.routing.featureTiers)';
  const asked = learned === undefined ? `the default for ${task} is` : 'the learned router asks for';
  return {
    tier: featureTier,
    reason: `Tier ${featureTier}: ${asked} ${tableTier}, raised to ${featureTier}, the minimum for ${feature}${source}.`,
  };
}

/** What rules are matched against. */
export interface RuleSubject {
  readonly profile: Pick<TaskProfile, 'type' | 'complexity' | 'features'>;
  readonly feature: RoutingFeature;
  /** VS Code language id of the attached code; the profile's detected language is used when absent. */
  readonly languageId?: string;
  readonly messages: readonly ChatMessage[];
}

/** The first rule whose every given condition holds, or `undefined`. Never applies to fixed-tier features. */
export function findRule(rules: readonly RoutingRule[], subject: RuleSubject): RoutingRule | undefined {
  if (rules.length === 0 || FIXED_TIER_FEATURES.has(subject.feature)) return undefined;
  const language = (subject.languageId ?? subject.profile.features.codeLanguage)?.toLowerCase();
  let text: string | undefined; // computed once, and only if some rule has a pattern
  for (const rule of rules) {
    const { task, complexity, language: languages, pattern, feature } = rule.when;
    if (task && !task.includes(subject.profile.type)) continue;
    if (complexity && !complexity.includes(subject.profile.complexity)) continue;
    if (feature && !(feature as readonly RoutingFeature[]).includes(subject.feature)) continue;
    if (languages && (language === undefined || !languages.includes(language))) continue;
    if (pattern) {
      text ??= promptText(subject.messages);
      if (!pattern.test(text)) continue;
    }
    return rule;
  }
  return undefined;
}

/** `rule "SQL to Sonnet" (quorum.routing.rules[0])`: names the rule and where to edit it. */
export function describeRule(rule: RoutingRule): string {
  return `rule "${rule.name}" (quorum.routing.rules[${rule.index}])`;
}

/** The conditions of a rule in words, e.g. `language sql, pattern /^explain/i`; "every request" when none. */
export function describeConditions(rule: RoutingRule): string {
  const { task, complexity, language, pattern, feature } = rule.when;
  const parts: string[] = [];
  if (task) parts.push(`task ${task.join(' or ')}`);
  if (complexity) parts.push(`complexity ${complexity.join(' or ')}`);
  if (language) parts.push(`language ${language.join(' or ')}`);
  if (pattern) parts.push(`pattern ${String(pattern)}`);
  if (feature) parts.push(`feature ${feature.join(' or ')}`);
  return parts.length === 0 ? 'every request' : parts.join(', ');
}

/**
 * The text rule patterns are tested against: the last user message, i.e. what the user asked. Earlier turns and
 * system prompts are left out so a rule about the question is not triggered by the conversation's history.
 */
export function promptText(messages: readonly ChatMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    const message = messages[i];
    if (message?.role !== 'user') continue;
    if (typeof message.content === 'string') return message.content;
    return message.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n');
  }
  return '';
}
