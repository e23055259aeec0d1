import { admitRequest, requestCapCheck, stopStreamingCheck, type BudgetStatus, type OnExceed } from '../core/cost/budget';

/**
 * The workspace budget's say over every request, whatever way it came in (Ask, code actions, Compare, Vote,
 * cascade, chat): admits it on its upper-bound estimate before any money is spent, then watches its live cost
 * while it streams. The rules are `core/cost/budget.ts`; the host supplies the spend, the settings and the
 * dialogs through `BudgetPorts`.
 */

/** The budget settings a request is checked against (`quorum.budget.*`). */
export interface BudgetSettings {
  readonly onExceed: OnExceed;
  readonly stopStreamingAtCap: boolean;
  /** Cap on one request in USD; `undefined` = none. */
  readonly perRequestUsd?: number;
}

/** What the budget needs from the host. */
export interface BudgetPorts {
  /** Resolves once the spend ledger has loaded. */
  ready(): Promise<void>;
  /** The daily and monthly caps and the spend so far. */
  status(): BudgetStatus;
  settings(): BudgetSettings;
  /** Asks the user (a modal with "Send Anyway"); true to send. */
  confirm(reason: string): Promise<boolean>;
  /** Tells the user a request was refused (with a way to the spend view and the settings). */
  blocked(reason: string): void;
  /** Tells the user a streaming request was stopped at a cap. */
  stopped(reason: string): void;
}

/** Whether a request may be sent. */
export interface BudgetAdmission {
  readonly go: boolean;
  /** Why it was not sent (shown as the answer's error); absent when the user declined. */
  readonly reason?: string;
  /** The user chose to go over a cap: the request is then never stopped at a cap. */
  readonly confirmedOverCap?: boolean;
}

export interface BudgetGate {
  /**
   * Admits a request on its upper-bound estimate (USD; `undefined` = unknown: unpriced models are not
   * checked, asking before every local call would make budgets unusable). May ask the user first.
   */
  admit(estimateUsd: number | undefined): Promise<BudgetAdmission>;
  /**
   * While the admitted request streams: a reason to stop it now, else `undefined`. Once it said stop it keeps
   * saying so (and tells the user once).
   * @param liveCostUsd what the whole request has cost so far (USD, `undefined` when unknown); called only
   *   when a live check is on (`stopStreamingAtCap` or `perRequestUsd`), as counting streamed text costs time
   */
  liveCheck(liveCostUsd: () => number | undefined, admission: BudgetAdmission): string | undefined;
}

interface Admitted {
  readonly status: BudgetStatus;
  stopped?: string;
}

export function createBudgetGate(ports: BudgetPorts): BudgetGate {
  const admitted = new WeakMap<BudgetAdmission, Admitted>();
  return {
    async admit(estimateUsd) {
      await ports.ready();
      const status = ports.status();
      const settings = ports.settings();
      const verdict = admitRequest(estimateUsd, status, settings.onExceed, settings.perRequestUsd);
      let admission: BudgetAdmission;
      switch (verdict.decision) {
        case 'allow':
          admission = { go: true };
          break;
        case 'confirm':
          admission = (await ports.confirm(verdict.reason)) ? { go: true, confirmedOverCap: true } : { go: false };
          break;
        case 'block':
          ports.blocked(verdict.reason);
          admission = { go: false, reason: `Not sent: ${verdict.reason}` };
          break;
      }
      admitted.set(admission, { status });
      return admission;
    },

    liveCheck(liveCostUsd, admission) {
      const entry = admitted.get(admission);
      if (entry === undefined) return undefined;
      if (entry.stopped !== undefined) return entry.stopped;
      const settings = ports.settings();
      if (!settings.stopStreamingAtCap && settings.perRequestUsd === undefined) return undefined;
      const cost = liveCostUsd();
      const request = requestCapCheck(cost, settings.perRequestUsd, admission);
      const caps = settings.stopStreamingAtCap ? stopStreamingCheck(cost, entry.status, admission) : { stop: false };
      const reason = request.stop ? request.reason : caps.stop ? caps.reason : undefined;
      if (reason === undefined) return undefined;
      entry.stopped = reason;
      ports.stopped(reason);
      return reason;
    },
  };
}
