/**
 * Labelled prompts for training and evaluation: the project's editor-style batches (data/router) and the
 * shared public corpus (read in place from ../shared/router-corpus, never copied into the project).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TEXT_TASKS, TIERS, type TextTask } from '../../src/core/routing/learnedModel';

export type Tier = (typeof TIERS)[number];
export interface LabelledPrompt {
  readonly id: string;
  readonly prompt: string;
  readonly task: TextTask;
  readonly tier: Tier;
  /** Where it comes from: the editor-style set or the public corpus. */
  readonly origin: 'editor' | 'corpus';
}

/** The corpus's snake_case labels onto the product's task types (docs/routing-labels.md). */
export const CORPUS_TASKS: Readonly<Record<string, TextTask>> = {
  classification: 'classification',
  extraction: 'extraction',
  summarisation: 'summarisation',
  code_generation: 'codeGeneration',
  code_fix_review: 'codeReview',
  reasoning_math: 'reasoning',
  creative_writing: 'creativeWriting',
  chat_qa: 'chat',
};

export const EDITOR_DIR = join(process.cwd(), 'data', 'router');
export const CORPUS_DIR = process.env.QUORUM_ROUTER_CORPUS ?? resolve(process.cwd(), '..', 'shared', 'router-corpus');

function parseLine(line: string, origin: LabelledPrompt['origin'], where: string): LabelledPrompt {
  const raw = JSON.parse(line) as { id?: unknown; prompt?: unknown; task?: unknown; tier?: unknown };
  const task = origin === 'corpus' ? CORPUS_TASKS[String(raw.task)] : (raw.task as TextTask);
  if (typeof raw.prompt !== 'string' || task === undefined || !TEXT_TASKS.includes(task) || !TIERS.includes(raw.tier as Tier)) {
    throw new Error(`${where}: bad record ${line.slice(0, 120)}`);
  }
  return { id: String(raw.id), prompt: raw.prompt, task, tier: raw.tier as Tier, origin };
}

/** Reads one JSONL file of labelled prompts. */
export function readJsonl(file: string, origin: LabelledPrompt['origin']): LabelledPrompt[] {
  return readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line, i) => parseLine(line, origin, `${file}:${i + 1}`));
}

/** The editor-style batches whose file name starts with `prefix` ("train-" or "heldout-"), in name order. */
export function readEditorBatches(prefix: string, dir = EDITOR_DIR): LabelledPrompt[] {
  return readdirSync(dir).filter((f) => f.startsWith(prefix) && f.endsWith('.jsonl')).sort().flatMap((f) => readJsonl(join(dir, f), 'editor'));
}

/** `train.jsonl` or `validation.jsonl` of the shared corpus; throws with the path when it is missing. */
export function readCorpus(split: 'train' | 'validation', dir = CORPUS_DIR): LabelledPrompt[] {
  const file = join(dir, `${split}.jsonl`);
  if (!existsSync(file)) throw new Error(`router corpus not found at ${file} (set QUORUM_ROUTER_CORPUS)`);
  return readJsonl(file, 'corpus');
}
