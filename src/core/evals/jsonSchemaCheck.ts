import { parseJsonReply } from '../ensemble/vote/jsonReply';

/**
 * The `json-schema` check: the answer parses as JSON (whole, its first fenced block, or its `{…}` span: the vote's reader) and validates against a
 * small, documented subset of JSON Schema — `type`, `properties`, `required`, `additionalProperties`, `items`,
 * `enum`, `const`, `minimum`, `maximum`, `minLength`, `maxLength`, `minItems`, `maxItems`, `anyOf`, `allOf`.
 * Any other keyword fails the check with its name (a silently ignored keyword would pass bad answers).
 */

type Schema = Readonly<Record<string, unknown>>;

const KEYWORDS = new Set(['type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const', 'minimum', 'maximum',
  'minLength', 'maxLength', 'minItems', 'maxItems', 'anyOf', 'allOf', 'description', 'title', '$schema']);

/** The first problem with the answer, or `undefined` when it parses (and validates, given a schema). */
export function jsonSchemaProblem(answer: string, schema: Schema | undefined): string | undefined {
  const parsed = parseJsonReply(answer);
  if (!parsed.ok) return `not JSON: ${parsed.problem}`;
  return schema === undefined ? undefined : validate(parsed.value, schema, '$');
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(value: unknown, type: unknown): boolean {
  const types = Array.isArray(type) ? type : [type];
  const actual = typeOf(value);
  return types.some((t) => t === actual || (t === 'number' && actual === 'integer'));
}

function validate(value: unknown, schema: Schema, at: string): string | undefined {
  const unknown = Object.keys(schema).find((k) => !KEYWORDS.has(k));
  if (unknown !== undefined) return `${at}: the schema keyword "${unknown}" is not supported`;
  if (schema['type'] !== undefined && !typeMatches(value, schema['type'])) return `${at}: expected ${String(schema['type'])}, got ${typeOf(value)}`;
  if (Array.isArray(schema['enum']) && !schema['enum'].some((e) => JSON.stringify(e) === JSON.stringify(value))) return `${at}: not one of ${JSON.stringify(schema['enum'])}`;
  if ('const' in schema && JSON.stringify(schema['const']) !== JSON.stringify(value)) return `${at}: expected ${JSON.stringify(schema['const'])}`;
  return boundsProblem(value, schema, at) ?? combinedProblem(value, schema, at) ?? structureProblem(value, schema, at);
}

function boundsProblem(value: unknown, schema: Schema, at: string): string | undefined {
  const num = (key: string): number | undefined => (typeof schema[key] === 'number' ? schema[key] : undefined);
  const length = typeof value === 'string' ? [...value].length : Array.isArray(value) ? value.length : undefined;
  const rules: ReadonlyArray<readonly [boolean, string]> = [
    [typeof value === 'number' && num('minimum') !== undefined && value < (num('minimum') ?? 0), `below the minimum ${num('minimum')}`],
    [typeof value === 'number' && num('maximum') !== undefined && value > (num('maximum') ?? 0), `above the maximum ${num('maximum')}`],
    [typeof value === 'string' && length !== undefined && length < (num('minLength') ?? 0), `shorter than ${num('minLength')} characters`],
    [typeof value === 'string' && length !== undefined && length > (num('maxLength') ?? Infinity), `longer than ${num('maxLength')} characters`],
    [Array.isArray(value) && length !== undefined && length < (num('minItems') ?? 0), `fewer than ${num('minItems')} items`],
    [Array.isArray(value) && length !== undefined && length > (num('maxItems') ?? Infinity), `more than ${num('maxItems')} items`],
  ];
  const broken = rules.find(([fails]) => fails);
  return broken === undefined ? undefined : `${at}: ${broken[1]}`;
}

function combinedProblem(value: unknown, schema: Schema, at: string): string | undefined {
  const all = Array.isArray(schema['allOf']) ? (schema['allOf'] as Schema[]) : [];
  for (const part of all) {
    const problem = validate(value, part, at);
    if (problem !== undefined) return problem;
  }
  const any = Array.isArray(schema['anyOf']) ? (schema['anyOf'] as Schema[]) : undefined;
  if (any !== undefined && !any.some((part) => validate(value, part, at) === undefined)) return `${at}: matches none of anyOf`;
  return undefined;
}

function structureProblem(value: unknown, schema: Schema, at: string): string | undefined {
  if (Array.isArray(value) && isSchema(schema['items'])) {
    for (const [i, item] of value.entries()) {
      const problem = validate(item, schema['items'], `${at}[${i}]`);
      if (problem !== undefined) return problem;
    }
  }
  if (typeOf(value) !== 'object') return undefined;
  const object = value as Record<string, unknown>;
  const required = Array.isArray(schema['required']) ? (schema['required'] as unknown[]) : [];
  const missing = required.find((key) => typeof key === 'string' && !(key in object));
  if (missing !== undefined) return `${at}: missing the required property "${String(missing)}"`;
  const properties = isSchema(schema['properties']) ? (schema['properties'] as Record<string, Schema>) : {};
  for (const [key, item] of Object.entries(object)) {
    const property = properties[key];
    const extra = schema['additionalProperties'];
    if (property === undefined && extra === false) return `${at}: unexpected property "${key}"`;
    const sub = property ?? (isSchema(extra) ? extra : undefined);
    const problem = sub === undefined ? undefined : validate(item, sub, `${at}.${key}`);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
