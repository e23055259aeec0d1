import type { ModelInfo } from '../catalog/modelInfo';
import type { RouteRequest, TaskProfile } from './taskProfile';
import { countMessageTokens } from './tokenEstimate';

/**
 * The classifier counts long prompts coarsely (a fixed sampling budget, `QUICK_ERROR_BOUND`), which is
 * plenty for size bands but not for "does this fit a 128K window?" when the prompt is near 128K. So when a
 * model's context window falls inside the error band of the need, the fit depends on the estimate, and
 * the request is re-counted with the finer estimator (`countMessageTokens`: exact up to
 * `EXACT_CAP_CHARS` per text, else within `SAMPLED_ERROR_BOUND`). Rare by construction — only prompts
 * within a quarter of some window — so routing stays in microseconds for everything else.
 */
export function refineContextNeed(request: RouteRequest, profile: TaskProfile, models: readonly ModelInfo[]): TaskProfile {
  const { promptTokens, promptTokensErrorBound: bound = 0 } = profile.features;
  if (bound === 0) return profile;
  const output = profile.features.requiredContextTokens - promptTokens;
  const low = promptTokens * (1 - bound) + output;
  const high = promptTokens * (1 + bound) + output;
  const decidesFit = models.some((m) => m.contextWindow !== undefined && m.contextWindow >= low && m.contextWindow < high);
  if (!decidesFit) return profile;

  const { tokens: refined, errorBound } = countMessageTokens(request.messages);
  const required = refined + output;
  const [first, ...rest] = profile.evidence;
  const evidence = first?.startsWith('~') === true ? [`~${refined.toLocaleString('en-US')} tokens (re-counted)`, ...rest] : profile.evidence;
  return {
    ...profile,
    features: {
      ...profile.features,
      promptTokens: refined,
      promptTokensErrorBound: errorBound,
      requiredContextTokens: required,
    },
    needs: { ...profile.needs, contextTokens: required },
    evidence,
  };
}
