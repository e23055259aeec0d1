import { modelRefText } from '../ask/modelRefText';
import { USER_FEATURES, type UserFeature } from '../config/routingSchema';
import { TASK_TYPES, type TaskType } from '../routing/taskProfile';
import type { ModelRef } from '../types';

/**
 * `quorum.routing.rules` entries written from an eval suite ("Route <feature> to <model>"): they carry the suite
 * id and the figures that chose the model, so the route explanation can say why, and a later run can suspend
 * them. Pure: these functions take the raw settings list and return a new one; writing it is the caller's.
 */

/** What an eval rule says about where it came from (`quorum.routing.rules[].eval`). */
export interface EvalRuleSource {
  readonly suite: string;
  /** 0–1, in the run that chose the model. */
  readonly passRate: number;
  /** Mean USD per case in that run; absent when unknown. */
  readonly costPerCaseUsd?: number;
  /** The demotion that added this rule, so Undo can take it away again. */
  readonly change?: string;
}

/** A suspended rule (`quorum.routing.rules[].suspended`): kept in the list, ignored by the router. */
export interface RuleSuspension {
  readonly reason: string;
  /** ISO time of the suspension. */
  readonly at: string;
  /** The demotion that suspended it. */
  readonly change: string;
}

export interface EvalRoutingRule {
  readonly name: string;
  readonly when: { readonly feature?: UserFeature; readonly task?: TaskType };
  readonly use: { readonly model: string };
  readonly eval: EvalRuleSource;
  readonly suspended?: RuleSuspension;
}

/** The conditions a suite's `feature` (`ask`, `ask:extraction`, `codeAction:codeGeneration`) maps to, or why it cannot. */
export function ruleConditionsFor(feature: string): EvalRoutingRule['when'] | { readonly problem: string } {
  const [name = '', task] = feature.split(':');
  const known = (USER_FEATURES as readonly string[]).includes(name);
  if (!known && !(TASK_TYPES as readonly string[]).includes(name)) {
    return { problem: `routing rules cannot select "${name}" requests (features: ${USER_FEATURES.join(', ')})` };
  }
  if (!known) return { task: name as TaskType };
  if (task === undefined) return { feature: name as UserFeature };
  if (!(TASK_TYPES as readonly string[]).includes(task)) {
    return { problem: `routing rules cannot select "${task}" ${name} requests; name a task type (${TASK_TYPES.join(', ')})` };
  }
  return { feature: name as UserFeature, task: task as TaskType };
}

/** The rule that routes a suite's requests to `ref`, carrying the suite id and its figures. */
export function evalRuleFor(suite: { readonly id: string; readonly feature: string }, ref: ModelRef, figures: Omit<EvalRuleSource, 'suite'>): EvalRoutingRule | { readonly problem: string } {
  const when = ruleConditionsFor(suite.feature);
  if ('problem' in when) return when;
  const model = modelRefText(ref);
  return { name: `eval ${suite.id}: ${suite.feature} → ${model}`, when, use: { model }, eval: { suite: suite.id, ...figures } };
}

/** The raw entry as an eval rule, when it is one (has `eval.suite` and a `use.model`). */
export function asEvalRule(entry: unknown): EvalRoutingRule | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const { eval: source, use } = entry as { eval?: { suite?: unknown }; use?: { model?: unknown } };
  return typeof source?.suite === 'string' && typeof use?.model === 'string' ? (entry as EvalRoutingRule) : undefined;
}

/** The rule routing suite `suiteId` now: its eval rule that is not suspended (the first, as the router reads them). */
export function activeEvalRule(rules: readonly unknown[], suiteId: string): EvalRoutingRule | undefined {
  return rules.map(asEvalRule).find((r) => r !== undefined && r.eval.suite === suiteId && r.suspended === undefined);
}

/**
 * The rules with `next` in force for `suiteId`: the suite's active rule (if any) is suspended, not deleted, and
 * `next` (marked with the change) goes right after it, else after the user's rules. Other entries stay as they
 * are. Every change is tagged with `change.change`, so `undoRuleChange` can reverse exactly it.
 */
export function replaceEvalRule(existing: unknown, suiteId: string, next: EvalRoutingRule | undefined, suspension: RuleSuspension): unknown[] {
  const rules = Array.isArray(existing) ? [...(existing as unknown[])] : [];
  const index = rules.findIndex((r) => {
    const e = asEvalRule(r);
    return e !== undefined && e.eval.suite === suiteId && e.suspended === undefined;
  });
  const tagged = next === undefined ? [] : [{ ...next, eval: { ...next.eval, change: suspension.change } }];
  if (index < 0) return [...rules, ...tagged];
  rules.splice(index, 1, { ...(rules[index] as EvalRoutingRule), suspended: suspension }, ...tagged);
  return rules;
}

/** The rules as they were before change `id`: the rules it added removed, the rules it suspended back in force. */
export function undoRuleChange(existing: unknown, id: string): unknown[] {
  const rules = Array.isArray(existing) ? (existing as unknown[]) : [];
  return rules.flatMap((entry) => {
    const rule = asEvalRule(entry);
    if (rule === undefined) return [entry];
    if (rule.eval.change === id) return [];
    if (rule.suspended?.change !== id) return [entry];
    const { suspended: _suspended, ...restored } = rule;
    return [restored];
  });
}

/** Whether two raw rule lists hold the same entries (a write that changes nothing is skipped). */
export function sameRules(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}
