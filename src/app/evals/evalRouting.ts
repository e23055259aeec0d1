import { parseModelRefText } from '../../core/ask/modelRefText';
import type { EvalMatrix, ModelRow } from '../../core/evals/evalMatrix';
import { activeEvalRule, evalRuleFor, undoRuleChange } from '../../core/evals/evalRule';
import { changeText, demoteFromRun, routeSuite, type RoutingChange, type RuleEdit } from '../../core/evals/routingChange';
import type { Clock } from '../../core/ports';
import type { EvalRun } from './evalResults';
import type { SuiteReport } from '../views/evalReport';

/**
 * Evals back into routing: "Route <feature> to <model>" writes a rule carrying the suite id; a run that finds a
 * routed model below its suite's threshold suspends its rule and routes to the next cheapest passing model; every
 * change is logged, announced (with Undo) and kept in the change log, and can be undone. Nothing changes silently.
 */
export interface EvalRoutingPorts {
  /** `quorum.routing.rules` as set (raw), and a way to replace it. */
  readonly rules: { read(): unknown; write(rules: unknown[]): Promise<void> };
  /** The persisted change log, newest last. */
  readonly changeLog: { list(): readonly RoutingChange[]; add(change: RoutingChange): Promise<void> };
  /** Tells the user (Output channel line + a notification offering Undo). */
  readonly announce: (change: RoutingChange, text: string) => void;
  readonly clock: Clock;
  readonly newId: () => string;
}

export interface EvalRouting {
  /** Routes suite `report.suite` to `model` (a row of the report). Returns the change, or why it cannot. */
  route(report: SuiteReport, model: string): Promise<RoutingChange | { readonly problem: string }>;
  /** Demotes every routed model the run finds below its suite's threshold. Returns the changes made. */
  applyRun(run: EvalRun): Promise<readonly RoutingChange[]>;
  /** Reverses change `id` (a route or a demotion); `undefined` when it is unknown or already undone. */
  undo(id: string): Promise<RoutingChange | undefined>;
  /** The model suite `suiteId` routes to now. */
  routedModel(suiteId: string): string | undefined;
}

export function createEvalRouting(ports: EvalRoutingPorts): EvalRouting {
  const stamp = () => ({ id: ports.newId(), at: new Date(ports.clock.now()).toISOString() });
  const commit = async (edit: RuleEdit): Promise<RoutingChange> => {
    await ports.rules.write(edit.rules);
    await ports.changeLog.add(edit.change);
    ports.announce(edit.change, changeText(edit.change));
    return edit.change;
  };
  return {
    async route(report, model) {
      const row = report.models.find((m) => m.model === model);
      const ref = parseModelRefText(model);
      if (row === undefined || ref === undefined) return { problem: `${model} was not in the run of ${report.suite}` };
      const rule = evalRuleFor({ id: report.suite, feature: report.feature }, ref, {
        passRate: row.passRate, ...(row.costPerCaseUsd !== null ? { costPerCaseUsd: row.costPerCaseUsd } : {}),
      });
      if ('problem' in rule) return rule;
      return commit(routeSuite(ports.rules.read(), rule, stamp()));
    },
    async applyRun(run) {
      const changes: RoutingChange[] = [];
      for (const report of run.suites) {
        if (report.stopped !== undefined) continue; // a partial run is no evidence against a model
        const edit = demoteFromRun(ports.rules.read(), matrixOfReport(report), { ...stamp(), by: run.by });
        if (edit !== undefined) changes.push(await commit(edit));
      }
      return changes;
    },
    async undo(id) {
      const log = ports.changeLog.list();
      const change = log.find((c) => c.id === id);
      if (change === undefined || change.kind === 'undone' || log.some((c) => c.undoes === id)) return undefined;
      const reason = change.kind === 'demoted' ? `${change.from ?? 'the demoted model'} routes ${change.suite} again` : `the route to ${change.to ?? '?'} is removed`;
      return commit({
        rules: undoRuleChange(ports.rules.read(), id),
        change: { ...stamp(), kind: 'undone', suite: change.suite, reason, by: 'you', undoes: id },
      });
    },
    routedModel: (suiteId) => activeEvalRule(asList(ports.rules.read()), suiteId)?.use.model,
  };
}

/** A kept report as the matrix the demotion rule reads (rows only; the answers are not needed). */
export function matrixOfReport(report: SuiteReport): EvalMatrix {
  const rows = report.models.flatMap((m): ModelRow[] => {
    const ref = parseModelRefText(m.model);
    if (ref === undefined) return [];
    return [{
      ref, cases: m.cases, passed: m.passed, passRate: m.passRate,
      ...(m.costPerCaseUsd !== null ? { costPerCaseUsd: m.costPerCaseUsd } : {}),
      ...(m.p50Ms !== null ? { p50Ms: m.p50Ms } : {}), ...(m.p95Ms !== null ? { p95Ms: m.p95Ms } : {}),
    }];
  });
  return { suiteId: report.suite, threshold: report.threshold, rows, results: [] };
}

function asList(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}
