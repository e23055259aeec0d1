import type { ModelInfo } from './modelInfo';

/** A listed id resolved to a built-in model: the same model, or a snapshot/alias of its family. */
export interface BuiltinMatch {
  readonly model: ModelInfo;
  /** True when the listed id is the built-in id itself. */
  readonly exact: boolean;
  /** The part after the family id (`2026-11-17`, `latest`), when not exact. */
  readonly suffix?: string;
}

/**
 * Suffixes the vendors add to a family id for a pinned version or a moving alias: dated snapshots
 * (`-2026-11-17`, `-20261117`, Gemini's `-11-17` and `-001`, Vertex's `@20261117`) and `-latest`.
 */
const VERSION_SUFFIX = /^(.+?)[-@](latest|\d{4}-\d{2}-\d{2}|\d{8}|\d{2}-\d{2}|\d{3})$/;

/**
 * Finds the built-in model a listed id names: the exact id, else (after Gemini's `models/` prefix is
 * dropped) the family id before a version suffix. `builtins` are one provider's models; match is by id only,
 * so a listed `gpt-6.2-sol-2026-11-17` gets `gpt-6.2-sol`'s prices and tier.
 */
export function matchBuiltin(listedId: string, builtins: readonly ModelInfo[]): BuiltinMatch | undefined {
  const id = listedId.replace(/^models\//, '');
  const exact = builtins.find((m) => m.id === id);
  if (exact !== undefined) return { model: exact, exact: true };
  const versioned = versionedFamily(id);
  const model = versioned === undefined ? undefined : builtins.find((m) => m.id === versioned.family);
  return model === undefined || versioned === undefined ? undefined : { model, exact: false, suffix: versioned.suffix };
}

/** The family id and version suffix of a dated snapshot or `-latest` alias (`gpt-4o-2024-08-06` → `gpt-4o`), else `undefined`. */
export function versionedFamily(id: string): { readonly family: string; readonly suffix: string } | undefined {
  const parts = VERSION_SUFFIX.exec(id.replace(/^models\//, ''));
  return parts?.[1] === undefined || parts[2] === undefined ? undefined : { family: parts[1], suffix: parts[2] };
}
