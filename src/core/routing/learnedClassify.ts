import { classify } from './classify';
import { TEXT_TASKS, loadRouterModel, type RouterModel } from './learnedModel';
import { ROUTER_WEIGHTS } from './model/routerWeights';
import { TASK_LABELS, promptText } from './policy';
import { featurize } from './routerFeatures';
import { percentText } from './routeReasons';
import type { Complexity, RouteRequest, TaskProfile, TaskType } from './taskProfile';

/**
 * The classifier the router uses: the heuristic's facts (tokens, code, images, JSON) plus the learned model's
 * calibrated task and tier probabilities. `multimodal` and `longDocument` follow from the attachments alone.
 */

/** From this many prompt tokens the request is a long document: beyond what cheap models read well. */
export const LONG_DOCUMENT_CONTEXT_TOKENS = 60_000;

/** The tier most likely needed, as the complexity rules and tables speak of it. */
const COMPLEXITY_OF_TIER: readonly Complexity[] = ['simple', 'standard', 'complex'];

let shared: RouterModel | undefined;
const scratch: number[] = [];

/** The shipped model, decoded on first use (a few ms) rather than at extension start. */
export function routerModel(): RouterModel {
  shared ??= loadRouterModel(ROUTER_WEIGHTS);
  return shared;
}

function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) > (values[best] as number)) best = i;
  return best;
}


/** Type from the attachments when they decide it, else the text's most probable type. */
function decideType(heuristic: TaskProfile, textType: TaskType, textProbability: number): { type: TaskType; probability: number; because?: string } {
  if (heuristic.features.hasImages) return { type: 'multimodal', probability: 1, because: 'image attached: needs vision' };
  if (heuristic.features.promptTokens >= LONG_DOCUMENT_CONTEXT_TOKENS) {
    return { type: 'longDocument', probability: 1, because: `≥ ${LONG_DOCUMENT_CONTEXT_TOKENS.toLocaleString('en-US')} tokens of context` };
  }
  return { type: textType, probability: textProbability };
}

/**
 * Classifies a request with the learned router. Pure and bounded: the heuristic pass, then one sparse dot
 * product over at most `HEAD_CHARS + TAIL_CHARS` chars of the last user message.
 * @param model the predictor; the shipped one by default (tests pass their own).
 */
export function classifyLearned(request: RouteRequest, heuristic: TaskProfile = classify(request), model: RouterModel = routerModel()): TaskProfile {
  const output = model.predict(featurize(promptText(request.messages), heuristic, scratch));
  const best = argmax(output.task);
  const textType = TEXT_TASKS[best] as TaskType;
  const { type, probability, because } = decideType(heuristic, textType, output.task[best] as number);
  const tierProbabilities = [output.tier[0] ?? 0, output.tier[1] ?? 0, output.tier[2] ?? 0] as const;
  const likeliest = argmax(tierProbabilities);
  // The probabilities themselves are shown by the route reasons; evidence keeps the facts that weighed.
  const evidence = [
    ...(because === undefined ? [] : [because, `text reads as ${TASK_LABELS[textType]} ${percentText(output.task[best] as number)}`]),
    ...heuristic.evidence.filter((fact) => !fact.startsWith('no specific task cue') && !fact.startsWith('very long input')),
  ];
  return {
    ...heuristic,
    type,
    complexity: COMPLEXITY_OF_TIER[likeliest] as Complexity,
    evidence,
    source: 'learned',
    probability,
    tierProbabilities,
  };
}
