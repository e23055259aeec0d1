import type { ModelTier } from '../catalog/modelInfo';
import type { ConversationRef } from '../conversation/conversationRef';
import type { ChatMessage } from '../types';

/** What a prompt asks for; decides the quality tier the router needs. */
export type TaskType =
  | 'classification'
  | 'extraction'
  | 'summarisation'
  | 'codeGeneration'
  | 'codeReview'
  | 'reasoning'
  | 'creativeWriting'
  | 'chat'
  | 'longDocument'
  | 'multimodal';

export const TASK_TYPES: readonly TaskType[] = [
  'classification', 'extraction', 'summarisation', 'codeGeneration', 'codeReview', 'reasoning',
  'creativeWriting', 'chat', 'longDocument', 'multimodal',
];

export type Complexity = 'simple' | 'standard' | 'complex';
export const COMPLEXITIES: readonly Complexity[] = ['simple', 'standard', 'complex'];

/** The shape of answer the prompt expects. */
export type ExpectedOutput = 'json' | 'label' | 'extraction' | 'freeText';

/** Which Quorum feature is asking; each may have its own quality tier. */
export type RoutingFeature = 'ask' | 'codeAction' | 'judge' | 'compare' | 'vote' | 'classifier' | 'healthCheck';

/** Measurable facts about a prompt, in tokens where it says so. */
export interface TaskFeatures {
  /** Estimated prompt tokens (all messages), from a kept tokenizer. */
  readonly promptTokens: number;
  /**
   * Relative error bound of `promptTokens`: 0 when counted exactly, else the sampling bound (e.g. 0.25 =
   * the true count may be 25 % either side). Absent = exact (profiles from before the field existed).
   */
  readonly promptTokensErrorBound?: number;
  readonly hasCode: boolean;
  /** The code's language when known (the selection's language id, or a fence tag). */
  readonly codeLanguage?: string;
  readonly hasImages: boolean;
  /** Prompt tokens + the output budget: the context window a model needs, in tokens. */
  readonly requiredContextTokens: number;
  readonly expectedOutput: ExpectedOutput;
}

/** The classifier's verdict, with the evidence that decided it (shown in "why this model?"). */
export interface TaskProfile {
  readonly type: TaskType;
  readonly complexity: Complexity;
  readonly features: TaskFeatures;
  readonly needs: {
    readonly vision: boolean;
    readonly json: boolean;
    /** Minimum context window, in tokens. */
    readonly contextTokens: number;
  };
  /** Short human-readable facts, e.g. "code fence (ts)", "asks to fix a bug", "~12,400 tokens". */
  readonly evidence: readonly string[];
  /** heuristic = cue words only; learned = the trained router (`learnedClassify.ts`); model = an LLM asked. */
  readonly source: 'heuristic' | 'learned' | 'model';
  /** Calibrated probability of `type` (1 when attachments decide it); absent from heuristic profiles. */
  readonly probability?: number;
  /** Calibrated probabilities that the prompt needs a budget, standard or premium model (sum 1). */
  readonly tierProbabilities?: readonly [number, number, number];
}

/** What the router is asked to place. */
export interface RouteRequest {
  readonly messages: readonly ChatMessage[];
  readonly feature: RoutingFeature;
  /** VS Code language id of the attached selection/file, when there is one. */
  readonly languageId?: string;
  /** Workspace-relative paths of files whose content is attached (privacy rules match these). */
  readonly contextFiles?: readonly string[];
  /** Output budget in tokens; a default applies when absent. */
  readonly maxOutputTokens?: number;
  /** A floor on the quality tier for this request (e.g. a code action's tier setting), and where it comes from. */
  readonly minimumTier?: { readonly tier: ModelTier; readonly source: string };
  /** The conversation this request continues (a follow-up), for prompt caching and cache-aware routing. */
  readonly conversation?: ConversationRef;
}
