import { formatUsd } from '../cost/formatUsd';
import type { RuleEvalSource } from '../config/routingSchema';
import { MODEL_TIERS } from '../catalog/modelInfo';
import type { ModelRef } from '../types';
import type { CandidateSet, Exclusion, ExclusionKind } from './candidates';
import { formatCount } from './estimate';
import { TASK_LABELS } from './policy';
import type { TaskProfile } from './taskProfile';

/**
 * The sentences of "why this model?" that describe the task and the filters. Short, one fact each, with the
 * setting to change where there is one.
 */

/** `provider/model`, the form rules and settings use. */
export function refText(ref: ModelRef): string {
  return `${ref.provider}/${ref.model}`;
}

/** "52 %": a probability as the decision card shows it. */
export function percentText(probability: number): string {
  return `${Math.round(probability * 100)} %`;
}

/** `chosen by eval suite invoices, 96 % pass, $0.0004/case`: why an eval-written rule routes where it does. */
export function evalChoiceText(source: RuleEvalSource): string {
  const cost = source.costPerCaseUsd === undefined ? 'cost per case unknown' : `${formatUsd(source.costPerCaseUsd)}/case`;
  return `chosen by eval suite ${source.suite}, ${percentText(source.passRate)} pass, ${cost}`;
}

/** "budget 10 % · standard 75 % · premium 15 %". */
export function tierProbabilitiesText(probabilities: readonly [number, number, number]): string {
  return probabilities.map((p, i) => `${MODEL_TIERS[i]} ${percentText(p)}`).join(' · ');
}

/**
 * "Task: code fix/review, complex — code fence (ts), asks to fix a bug, ~12,400 tokens." For the learned
 * router: "Task: code generation (92 %); tier needed: budget 5 % · standard 80 % · premium 15 % — …".
 */
export function taskReason(profile: TaskProfile): string {
  const evidence = profile.evidence.length > 0 ? ` — ${profile.evidence.join(', ')}` : '';
  if (profile.source === 'learned' && profile.probability !== undefined && profile.tierProbabilities !== undefined) {
    return `Task: ${TASK_LABELS[profile.type]} (${percentText(profile.probability)}); tier needed: ${tierProbabilitiesText(profile.tierProbabilities)}${evidence}.`;
  }
  const source = profile.source === 'model' ? ' (classified by a model)' : '';
  return `Task: ${TASK_LABELS[profile.type]}, ${profile.complexity}${source}${evidence}.`;
}

/** Provider-wide exclusions are grouped per provider; capability and health exclusions are listed per model. */
const PROVIDER_KINDS: readonly ExclusionKind[] = ['notAllowed', 'noKey', 'privacy', 'policy'];

/** What the filters removed, for a decision that found a model. */
export function exclusionReasons(set: CandidateSet): string[] {
  const reasons: string[] = [];
  const grouped = (kind: ExclusionKind) => groupByProvider(set.exclusions.filter((exclusion) => exclusion.kind === kind));
  const notAllowed = grouped('notAllowed');
  if (notAllowed !== '') reasons.push(`Not in quorum.privacy.allowedProviders: ${notAllowed}.`);
  const noKey = grouped('noKey');
  if (noKey !== '') reasons.push(`Not configured (no API key): ${noKey}.`);
  if (set.privateFile !== undefined) {
    const privateOnes = grouped('privacy');
    const leftOut = privateOnes === '' ? '' : `; left out: ${privateOnes}`;
    reasons.push(`Privacy: ${privateFileText(set)}, so only local endpoints may receive it${leftOut}.`);
  }
  const policy = policyText(set);
  if (policy !== '') reasons.push(`Privacy: excluded by quorum.privacy.require: ${policy}.`);
  for (const exclusion of set.exclusions) {
    if (!PROVIDER_KINDS.includes(exclusion.kind)) reasons.push(modelLine(exclusion));
  }
  if (set.allDemoted) {
    const count = set.candidates.length;
    reasons.push(`All ${count} capable model${count === 1 ? ' is' : 's are'} demoted (circuit open or failing health checks); trying them anyway rather than failing.`);
  }
  return reasons;
}

/** Every excluded model with its reason, then what the user can do about it. */
export function noRouteReasons(set: CandidateSet, profile: TaskProfile): string[] {
  if (set.exclusions.length === 0) {
    return ['No model is enabled in the catalog. Add one with quorum.models, or re-enable a built-in model there.'];
  }
  const reasons = set.exclusions.map(modelLine);
  const kinds = new Set(set.exclusions.map((exclusion) => exclusion.kind));
  if (kinds.has('noKey')) {
    reasons.push("Run 'Quorum: Set API Key' for a provider, or add a local endpoint in quorum.providers.openaiCompatible.");
  }
  if (kinds.has('notAllowed')) reasons.push('Allow a configured provider in quorum.privacy.allowedProviders.');
  if (kinds.has('privacy')) {
    reasons.push(`${capitalise(privateFileText(set))}: add a local endpoint (e.g. Ollama) in quorum.providers.openaiCompatible, or leave that file out.`);
  }
  if (kinds.has('policy')) {
    reasons.push('No allowed provider meets quorum.privacy.require: relax it, add a local endpoint, or record an agreement in quorum.privacy.providerPolicies.');
  }
  if (kinds.has('context')) {
    reasons.push(`The request needs ${formatCount(profile.needs.contextTokens)} tokens of context: attach less, or lower the output budget.`);
  }
  if (kinds.has('vision')) reasons.push('No available model accepts images: remove them, or mark a model with "capabilities": { "vision": true } in quorum.models.');
  if (kinds.has('json')) reasons.push('No available model has a JSON mode: mark one with "capabilities": { "json": true } in quorum.models.');
  return reasons;
}

function modelLine(exclusion: Exclusion): string {
  return `${refText({ provider: exclusion.model.provider, model: exclusion.model.id })}: ${exclusion.reason}.`;
}

function privateFileText(set: CandidateSet): string {
  const match = set.privateFile;
  if (match === undefined) return 'the context includes a private file';
  return `the context includes ${match.file}, which matches "${match.glob}" in quorum.privacy.localOnlyGlobs`;
}

/** "openai (3 models: no zero data retention), gemini (1 model: may train on the data)"; empty when none. */
function policyText(set: CandidateSet): string {
  const byProvider = new Map<string, { count: number; reason: string }>();
  for (const exclusion of set.exclusions) {
    if (exclusion.kind !== 'policy') continue;
    const entry = byProvider.get(exclusion.model.provider);
    byProvider.set(exclusion.model.provider, { count: (entry?.count ?? 0) + 1, reason: exclusion.policyGap ?? exclusion.reason });
  }
  return [...byProvider].map(([provider, { count, reason }]) => `${provider} (${count} model${count === 1 ? '' : 's'}: ${reason})`).join(', ');
}

/** "anthropic (4 models), gemini (1 model)" in first-seen order; empty when there is nothing to group. */
function groupByProvider(exclusions: readonly Exclusion[]): string {
  const counts = new Map<string, number>();
  for (const exclusion of exclusions) counts.set(exclusion.model.provider, (counts.get(exclusion.model.provider) ?? 0) + 1);
  return [...counts].map(([provider, count]) => `${provider} (${count} model${count === 1 ? '' : 's'})`).join(', ');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
