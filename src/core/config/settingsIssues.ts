import type { z } from 'zod';
import { safeUrlText, urlCredentialProblem } from './endpointUrl';

/**
 * How settings problems are described. Shared by every validator so that all messages read alike:
 * "<field> <problem>; got <value>. <what Quorum does instead>."
 */

/** `error`: a value (or one entry of a list) was not used; `warning`: it was used but looks wrong. */
export type IssueSeverity = 'error' | 'warning';

/** One problem found in the settings, ready to show to the user. */
export interface SettingsIssue {
  /** The setting and the path inside its value, e.g. `quorum.models[2].inputPerMTok`. */
  readonly setting: string;
  /** Plain words: what is wrong, what is expected, and what Quorum does instead. */
  readonly message: string;
  readonly severity: IssueSeverity;
}

type Path = readonly PropertyKey[];

/** The entries of a list setting, or none (with an issue) when the value is not a list. */
export function listOrNothing(key: string, input: unknown, consequence: string, issues: SettingsIssue[]): readonly unknown[] {
  if (input === undefined) return [];
  if (Array.isArray(input)) return input;
  issues.push({ setting: key, severity: 'error', message: sentence(key, 'must be a list', input, consequence) });
  return [];
}

/**
 * Most entries read from each list setting: far above any real setup, and low enough that validating the settings
 * and routing each request stay fast (100,000 endpoints took validation 7.3 s and every route 17.8 s).
 */
export const LIST_LIMITS = {
  'quorum.providers.openaiCompatible': 100,
  'quorum.models': 2_000,
  'quorum.routing.rules': 200,
  'quorum.privacy.localOnlyGlobs': 500,
  'quorum.privacy.allowedProviders': 200,
} as const;
/** Most model ids listed for one OpenAI-compatible endpoint. */
export const MAX_ENDPOINT_MODELS = 2_000;

/** The first `max` entries, with an error when there were more (saying what happens to the rest). */
export function capList(setting: string, entries: readonly unknown[], max: number, consequence: string, issues: SettingsIssue[]): readonly unknown[] {
  if (entries.length <= max) return entries;
  const message = `has ${entries.length.toLocaleString('en-US')} entries; at most ${max.toLocaleString('en-US')} are supported. ${consequence}`;
  issues.push({ setting, severity: 'error', message });
  return entries.slice(0, max);
}

/** Reports each property of `entry` not in `known`, with the given severity (a warning unless told). */
export function reportUnknownKeys(
  entry: unknown,
  known: readonly string[],
  path: string,
  what: string,
  issues: SettingsIssue[],
  consequence = 'It is ignored.',
  severity: IssueSeverity = 'warning',
): number {
  if (!isRecord(entry)) return 0;
  let count = 0;
  for (const key of Object.keys(entry)) {
    if (known.includes(key)) continue;
    const message = `"${key}" is not a property of ${what} (expected ${known.join(', ')}). ${consequence}`;
    issues.push({ setting: `${path}.${key}`, severity, message });
    count += 1;
  }
  return count;
}

/** One error per zod issue, each naming the full path inside the setting. */
export function reportIssues(error: z.ZodError, root: unknown, path: string, consequence: string, issues: SettingsIssue[]): void {
  for (const issue of error.issues) {
    const last = issue.path[issue.path.length - 1];
    const label = last === undefined ? 'This entry' : typeof last === 'number' ? `[${last}]` : String(last);
    const message = sentence(label, issue.message, valueAt(root, issue.path), consequence);
    issues.push({ setting: path + formatPath(issue.path), severity: 'error', message });
  }
}

export function sentence(label: string, problem: string, got: unknown, consequence: string): string {
  const received = got === undefined ? '' : `; got ${describe(got)}`;
  return `${label} ${problem}${received}. ${consequence}`;
}

function formatPath(path: Path): string {
  return path.map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${String(segment)}`)).join('');
}

function valueAt(root: unknown, path: Path): unknown {
  let current: unknown = root;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isRecord(current) && typeof segment === 'string') current = current[segment];
    else return undefined;
  }
  return current;
}

/** A short, readable rendering of a received value for messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'string') {
    // A URL with a key in it is reported without the key.
    const text = JSON.stringify(urlCredentialProblem(value) === undefined ? value : safeUrlText(value));
    return text.length > 60 ? `${text.slice(0, 57)}…"` : text;
  }
  return String(value);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
