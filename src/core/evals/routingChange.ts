import { modelRefText, parseModelRefText } from '../ask/modelRefText';
import type { EvalMatrix } from './evalMatrix';
import { activeEvalRule, replaceEvalRule, type EvalRoutingRule } from './evalRule';
import { demotion } from './modelChoice';

/**
 * One change evals made to `quorum.routing.rules`: a suite routed to a model by the user, or a routed model
 * demoted by a later run. Each is logged and kept in the change log, and can be undone. Pure.
 */
export interface RoutingChange {
  /** Unique; rules the change added or suspended carry it. */
  readonly id: string;
  /** ISO time. */
  readonly at: string;
  readonly kind: 'routed' | 'demoted' | 'undone';
  readonly suite: string;
  /** The model whose rule was suspended, when one was. */
  readonly from?: string;
  /** The model now routed to, when one is. */
  readonly to?: string;
  readonly reason: string;
  /** What caused it: `you`, `run`, `scheduled run`, `CLI results <file>`. */
  readonly by: string;
  /** For an `undone` change: the change it reversed. */
  readonly undoes?: string;
}

export interface RuleEdit {
  readonly rules: unknown[];
  readonly change: RoutingChange;
}

/** The user routes `suite` to `next` (built by `evalRuleFor`); the suite's previous rule, if any, is suspended. */
export function routeSuite(rules: unknown, next: EvalRoutingRule, stamp: { readonly id: string; readonly at: string }): RuleEdit {
  const previous = activeEvalRule(Array.isArray(rules) ? rules : [], next.eval.suite);
  const reason = `you routed ${next.eval.suite} to ${next.use.model}`;
  const change: RoutingChange = {
    id: stamp.id, at: stamp.at, kind: 'routed', suite: next.eval.suite, to: next.use.model, reason, by: 'you',
    ...(previous !== undefined && previous.use.model !== next.use.model ? { from: previous.use.model } : {}),
  };
  return { rules: replaceEvalRule(rules, next.eval.suite, next, { reason, at: stamp.at, change: stamp.id }), change };
}

/**
 * What a run means for the suite's routed model: `undefined` when its rule stays (no rule, or it still passes,
 * or the run did not include it); else its rule suspended and the next cheapest passing model's rule after it.
 */
export function demoteFromRun(rules: unknown, matrix: EvalMatrix, stamp: { readonly id: string; readonly at: string; readonly by: string }): RuleEdit | undefined {
  const active = activeEvalRule(Array.isArray(rules) ? rules : [], matrix.suiteId);
  const routed = active === undefined ? undefined : parseModelRefText(active.use.model);
  if (active === undefined || routed === undefined) return undefined;
  const verdict = demotion(routed, matrix);
  if (verdict.action === 'keep') return undefined;
  const next = verdict.next;
  const model = next === undefined ? undefined : modelRefText(next.ref);
  const takeover: EvalRoutingRule | undefined = next === undefined || model === undefined ? undefined : {
    name: active.name.replace(active.use.model, model), when: active.when, use: { model },
    eval: { suite: matrix.suiteId, passRate: next.passRate, ...(next.costPerCaseUsd !== undefined ? { costPerCaseUsd: next.costPerCaseUsd } : {}) },
  };
  const change: RoutingChange = {
    id: stamp.id, at: stamp.at, kind: 'demoted', suite: matrix.suiteId, from: active.use.model, reason: verdict.reason, by: stamp.by,
    ...(verdict.next !== undefined ? { to: modelRefText(verdict.next.ref) } : {}),
  };
  return { rules: replaceEvalRule(rules, matrix.suiteId, takeover, { reason: verdict.reason, at: stamp.at, change: stamp.id }), change };
}

/** One line for the log and the notification: what changed and why. */
export function changeText(change: RoutingChange): string {
  switch (change.kind) {
    case 'routed':
      return `Eval suite ${change.suite} now routes to ${change.to ?? '?'}${change.from !== undefined ? ` (was ${change.from}, kept suspended)` : ''}.`;
    case 'demoted':
      return `Demoted ${change.from ?? '?'} for eval suite ${change.suite} (${change.by}): ${change.reason}. Its rule is suspended, not deleted.`;
    case 'undone':
      return `Undid change ${change.undoes ?? '?'} for eval suite ${change.suite}: ${change.reason}.`;
  }
}
