import type { TaskType } from '../routing/taskProfile';
import type { ModelRef } from '../types';
import { modelRefText } from './modelRefText';

/** A `quorum.routing.rules` entry as "Save as routing rule?" writes it. */
export interface SavedRoutingRule {
  readonly name: string;
  readonly when: { readonly task: TaskType };
  readonly use: { readonly model: string };
}

export function routingRuleFor(task: TaskType, ref: ModelRef): SavedRoutingRule {
  const model = modelRefText(ref);
  return { name: `${task} → ${model}`, when: { task }, use: { model } };
}

/**
 * The rules with `rule` appended, or undefined when an equivalent rule (same task, same model) is
 * already there. Existing entries are kept as they are, even ones this version does not understand.
 */
export function appendRoutingRule(existing: unknown, rule: SavedRoutingRule): unknown[] | undefined {
  const rules = Array.isArray(existing) ? existing : [];
  const duplicate = rules.some((r: unknown) => {
    if (typeof r !== 'object' || r === null) return false;
    const { when, use } = r as { when?: { task?: unknown }; use?: { model?: unknown } };
    return when?.task === rule.when.task && use?.model === rule.use.model;
  });
  return duplicate ? undefined : [...rules, rule];
}
