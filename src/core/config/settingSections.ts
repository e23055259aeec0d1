import type { z } from 'zod';
import { settingsSchema, type QuorumSettings, type SettingKey } from './settingsSchema';

/**
 * The groups of scalar settings (`quorum.timeouts.*`, `quorum.budget.*`, …) as `validateSettings` reads them: each
 * value through `scalar`, which falls back to the default and reports why when a value is not valid.
 */

export const ENDPOINTS_KEY = 'quorum.providers.openaiCompatible';
export const MODELS_KEY = 'quorum.models';
/** Settings whose entries are validated one by one (by the functions below or `validateRouting`), not as scalars. */
type StructuredKey =
  | typeof ENDPOINTS_KEY
  | typeof MODELS_KEY
  | 'quorum.routing.rules'
  | 'quorum.routing.featureTiers'
  | 'quorum.privacy.localOnlyGlobs'
  | 'quorum.privacy.allowedProviders'
  | 'quorum.privacy.require'
  | 'quorum.privacy.providerPolicies';
type ScalarKey = Exclude<SettingKey, StructuredKey>;

/** Reads one scalar setting, falling back to its default (and reporting why) when it is not valid. */
export type ReadScalar = <S extends z.ZodType>(key: ScalarKey, schema: S) => z.output<S>;

/** `quorum.ask.*`. */
export function readAsk(scalar: ReadScalar): QuorumSettings['ask'] {
  return {
    contextTokenBudget: scalar('quorum.ask.contextTokenBudget', settingsSchema['quorum.ask.contextTokenBudget']),
    confirmAboveUsd: scalar('quorum.ask.confirmAboveUsd', settingsSchema['quorum.ask.confirmAboveUsd']),
  };
}

/** `quorum.timeouts.*`, in ms. */
export function readTimeouts(scalar: ReadScalar): QuorumSettings['timeouts'] {
  const firstTokenSeconds = scalar('quorum.timeouts.firstTokenSeconds', settingsSchema['quorum.timeouts.firstTokenSeconds']);
  const idleSeconds = scalar('quorum.timeouts.idleSeconds', settingsSchema['quorum.timeouts.idleSeconds']);
  return { firstTokenMs: toMs(firstTokenSeconds), idleMs: toMs(idleSeconds) };
}

/** `quorum.evals.*`. */
export function readEvals(scalar: ReadScalar): QuorumSettings['evals'] {
  return {
    batch: scalar('quorum.evals.batch', settingsSchema['quorum.evals.batch']),
    resultsLocation: scalar('quorum.evals.resultsLocation', settingsSchema['quorum.evals.resultsLocation']),
    schedule: scalar('quorum.evals.schedule', settingsSchema['quorum.evals.schedule']),
  };
}

/** `quorum.health.*`. */
export function readHealth(scalar: ReadScalar): QuorumSettings['health'] {
  const activeChecks = scalar('quorum.health.activeChecks', settingsSchema['quorum.health.activeChecks']);
  const intervalSeconds = scalar('quorum.health.intervalSeconds', settingsSchema['quorum.health.intervalSeconds']);
  return { activeChecks, intervalMs: toMs(intervalSeconds) };
}

/** `quorum.budget.*`; a cap of 0 is "no cap", so it is left out. */
export function readBudget(scalar: ReadScalar): QuorumSettings['budget'] {
  const dailyUsd = scalar('quorum.budget.dailyUsd', settingsSchema['quorum.budget.dailyUsd']);
  const monthlyUsd = scalar('quorum.budget.monthlyUsd', settingsSchema['quorum.budget.monthlyUsd']);
  const perRequestUsd = scalar('quorum.budget.perRequestUsd', settingsSchema['quorum.budget.perRequestUsd']);
  const onExceed = scalar('quorum.budget.onExceed', settingsSchema['quorum.budget.onExceed']);
  const stopStreamingAtCap = scalar('quorum.budget.stopStreamingAtCap', settingsSchema['quorum.budget.stopStreamingAtCap']);
  return {
    ...(dailyUsd > 0 ? { dailyUsd } : {}),
    ...(monthlyUsd > 0 ? { monthlyUsd } : {}),
    ...(perRequestUsd > 0 ? { perRequestUsd } : {}),
    onExceed,
    stopStreamingAtCap,
  };
}

/** `quorum.fallback.*`. */
export function readFallback(scalar: ReadScalar): QuorumSettings['fallback'] {
  const maxRetriesPerModel = scalar('quorum.fallback.maxRetriesPerModel', settingsSchema['quorum.fallback.maxRetriesPerModel']);
  const deadlineSeconds = scalar('quorum.fallback.totalDeadlineSeconds', settingsSchema['quorum.fallback.totalDeadlineSeconds']);
  const tryAnother = scalar('quorum.fallback.tryAnotherOnContentFilter', settingsSchema['quorum.fallback.tryAnotherOnContentFilter']);
  return { maxRetriesPerModel, totalDeadlineMs: toMs(deadlineSeconds), tryAnotherOnContentFilter: tryAnother };
}

export function toMs(seconds: number): number {
  return Math.round(seconds * 1000);
}
