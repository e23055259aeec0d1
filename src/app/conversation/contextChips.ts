import type { ContextChip } from '../../core/conversation/conversation';
import { findGlobMatch } from '../../core/routing/glob';
import type { ImagePart } from '../../core/types';

/** Text one chip carries at most, in characters (~25k tokens); the rest is cut with a note saying so. */
export const MAX_CHIP_CHARS = 100_000;

export interface ChipRules {
  readonly estimate: (text: string) => number;
  /** `quorum.privacy.localOnlyGlobs`: a chip from a matching file says only local models may see it. */
  readonly localOnlyGlobs: readonly string[];
  readonly newId: () => string;
}

export interface TextSource {
  readonly kind: 'selection' | 'file' | 'reference';
  readonly label: string;
  readonly text: string;
  readonly path?: string;
  readonly languageId?: string;
}

/** A text chip: its content (cut, visibly, at `MAX_CHIP_CHARS`), its token size and the privacy glob it matches. */
export function textChip(source: TextSource, rules: ChipRules): ContextChip {
  const text = source.text.length <= MAX_CHIP_CHARS ? source.text
    : `${source.text.slice(0, MAX_CHIP_CHARS)}\n[… ${(source.text.length - MAX_CHIP_CHARS).toLocaleString('en-US')} more characters not attached]`;
  const privateGlob = source.path === undefined ? undefined : findGlobMatch([source.path], rules.localOnlyGlobs)?.glob;
  return {
    id: rules.newId(), kind: source.kind, label: source.label, text, tokens: rules.estimate(text),
    ...(source.path !== undefined ? { path: source.path } : {}),
    ...(source.languageId !== undefined ? { languageId: source.languageId } : {}),
    ...(privateGlob !== undefined ? { privateGlob } : {}),
  };
}

/**
 * Tokens an image costs, roughly: providers bill by size after scaling (Anthropic ~ width×height/750), which a
 * chip cannot know without decoding it, so it takes the common upper figure for an image up to ~1.15 MP.
 */
export const IMAGE_TOKENS = 1_600;

export function imageChip(name: string, path: string, part: ImagePart, rules: ChipRules): ContextChip {
  const privateGlob = findGlobMatch([path], rules.localOnlyGlobs)?.glob;
  return { id: rules.newId(), kind: 'image', label: name, path, image: part, tokens: IMAGE_TOKENS, ...(privateGlob !== undefined ? { privateGlob } : {}) };
}
