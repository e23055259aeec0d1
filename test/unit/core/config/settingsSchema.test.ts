import assert from 'node:assert/strict';
import { z } from 'zod';
import { PROVIDER_ID_PATTERN } from '../../../../src/core/config/modelsSchema';
import { MODEL_REF_PATTERN } from '../../../../src/core/config/routingSchema';
import { COMPAT_ENDPOINT_ID_PATTERN, settingsSchema } from '../../../../src/core/config/settingsSchema';
import { readManifest } from '../../packageManifest';

/** The parts of a JSON-schema node in `contributes.configuration` that zod must agree with. */
interface JsonNode {
  readonly type?: string;
  readonly default?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly enum?: readonly unknown[];
  readonly pattern?: string;
  readonly properties?: Readonly<Record<string, JsonNode>>;
  readonly required?: readonly string[];
  readonly items?: JsonNode;
  readonly anyOf?: readonly JsonNode[];
}

interface Manifest {
  readonly name: string;
  readonly contributes: { readonly configuration: { readonly properties: Readonly<Record<string, JsonNode>> } };
}

/** The schema under any `.optional()` / `.default()` wrappers. */
function core(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodOptional || schema instanceof z.ZodDefault ? core(schema.unwrap() as z.ZodType) : schema;
}

function jsonTypeOf(schema: z.ZodType): string {
  if (schema instanceof z.ZodString || schema instanceof z.ZodEnum) return 'string';
  if (schema instanceof z.ZodNumber) return schema.isInt ? 'integer' : 'number';
  if (schema instanceof z.ZodBoolean) return 'boolean';
  if (schema instanceof z.ZodArray) return 'array';
  if (schema instanceof z.ZodObject) return 'object';
  return 'unknown';
}

/** zod reports an absent bound as null, ±Infinity or (for integers) ±MAX_SAFE_INTEGER; the manifest leaves it out. */
function bound(value: number | null): number | undefined {
  return value === null || Math.abs(value) >= Number.MAX_SAFE_INTEGER ? undefined : value;
}

/** Asserts that the zod schema accepts the same shape, bounds and choices as the manifest's JSON schema. */
function assertAgrees(json: JsonNode, schema: z.ZodType, where: string): void {
  const inner = core(schema);
  if (json.anyOf !== undefined || inner instanceof z.ZodUnion) {
    // "One value or a list of them": the same alternatives, in the same order.
    assert.ok(inner instanceof z.ZodUnion, `${where}: the manifest has anyOf, zod has no union`);
    const options = inner.options as readonly z.ZodType[];
    assert.equal(options.length, json.anyOf?.length, `${where}: number of alternatives`);
    options.forEach((option, index) => assertAgrees(json.anyOf?.[index] ?? {}, option, `${where}|${index}`));
    return;
  }
  assert.equal(jsonTypeOf(inner), json.type, `${where}: type`);
  if (inner instanceof z.ZodNumber) {
    assert.equal(bound(inner.minValue), json.minimum, `${where}: minimum`);
    assert.equal(bound(inner.maxValue), json.maximum, `${where}: maximum`);
  }
  if (inner instanceof z.ZodEnum) assert.deepEqual(inner.options, json.enum, `${where}: enum`);
  else assert.equal(json.enum, undefined, `${where}: the manifest has an enum zod lacks`);
  if (json.minLength !== undefined && inner instanceof z.ZodString) {
    assert.equal(inner.safeParse('x'.repeat(json.minLength - 1)).success, false, `${where}: minLength`);
  }
  if (inner instanceof z.ZodArray && json.items) assertAgrees(json.items, inner.element as z.ZodType, `${where}[]`);
  if (inner instanceof z.ZodObject) {
    const shape = inner.shape as Record<string, z.ZodType>;
    assert.deepEqual(Object.keys(shape).sort(), Object.keys(json.properties ?? {}).sort(), `${where}: property names`);
    const required = Object.keys(shape).filter((key) => !shape[key]?.safeParse(undefined).success);
    assert.deepEqual(required.sort(), [...(json.required ?? [])].sort(), `${where}: required properties`);
    for (const [key, child] of Object.entries(json.properties ?? {})) {
      const childSchema = shape[key];
      if (!childSchema) continue;
      assertAgrees(child, childSchema, `${where}.${key}`);
      if (child.default !== undefined) assert.deepEqual(childSchema.parse(undefined), child.default, `${where}.${key}: default`);
    }
  }
}

describe('settingsSchema matches package.json contributes.configuration', () => {
  const properties = readManifest<Manifest>().contributes.configuration.properties;
  const schemas: Readonly<Record<string, z.ZodType>> = settingsSchema;

  it('has a schema for every quorum.* setting of the manifest, and no other', () => {
    const manifestKeys = Object.keys(properties).filter((key) => key.startsWith('quorum.'));
    assert.ok(manifestKeys.length > 0);
    assert.deepEqual(Object.keys(schemas).sort(), manifestKeys.sort());
  });

  for (const [key, json] of Object.entries(properties)) {
    describe(key, () => {
      const schema = schemas[key];

      it('has the same default', () => {
        assert.ok(schema, `no schema for ${key}`);
        assert.deepEqual(schema.parse(undefined), json.default);
      });

      it('has the same type, bounds, choices and properties', () => {
        assert.ok(schema, `no schema for ${key}`);
        assertAgrees(json, schema, key);
      });

      it('accepts its own default', () => {
        assert.ok(schema?.safeParse(json.default).success);
      });
    });
  }

  it('uses the manifest pattern for model providers', () => {
    const items = properties['quorum.models']?.items;
    assert.equal(PROVIDER_ID_PATTERN.source, items?.properties?.provider?.pattern);
  });

  it('uses the manifest pattern for rule model references', () => {
    const use = properties['quorum.routing.rules']?.items?.properties?.use;
    assert.equal(MODEL_REF_PATTERN.source, new RegExp(use?.properties?.model?.pattern ?? '(missing)').source);
  });

  it('checks every setting of the manifest with a schema that accepts its default and rejects junk', () => {
    // Guards the loop above: a setting whose schema accepted anything would agree with any manifest node.
    for (const key of Object.keys(properties)) {
      assert.equal(schemas[key]?.safeParse(Symbol('junk')).success, false, key);
    }
  });

  it('uses the manifest pattern for endpoint ids', () => {
    const items = properties['quorum.providers.openaiCompatible']?.items;
    assert.equal(COMPAT_ENDPOINT_ID_PATTERN.source, items?.properties?.id?.pattern);
  });

  for (const [provider, valid] of [
    ['openai', true],
    ['compat:ollama', true],
    [`compat:${'a'.repeat(32)}`, true],
    [`compat:${'a'.repeat(33)}`, false],
    ['compat:', false],
    ['compat:-x', false],
    ['compat:Ollama', false],
    ['OpenAI', false],
    ['azure', false],
  ] as const) {
    it(`${valid ? 'accepts' : 'rejects'} the model provider "${provider}" as the manifest pattern does`, () => {
      const pattern = properties['quorum.models']?.items?.properties?.provider?.pattern ?? '(missing)';
      assert.equal(new RegExp(pattern).test(provider), valid, 'manifest pattern');
      const entry = settingsSchema['quorum.models'].safeParse([{ provider, id: 'm' }]);
      assert.equal(entry.success, valid, 'zod schema');
    });
  }
});

describe('routing rule schema agrees with the manifest on examples', () => {
  const rules = settingsSchema['quorum.routing.rules'];
  for (const [label, rule, valid] of [
    ['a rule from the manifest description', { name: 'SQL to Sonnet', when: { language: 'sql' }, use: { model: 'anthropic/claude-sonnet-5-5' } }, true],
    ['a tier rule with every condition', { when: { task: ['chat'], complexity: 'simple', language: ['sql'], pattern: '^fix', feature: 'ask' }, use: { tier: 'budget' } }, true],
    ['a compat model with slashes in its id', { when: {}, use: { model: 'compat:openrouter/meta-llama/llama-4' } }, true],
    ['a rule without "when"', { use: { tier: 'budget' } }, false],
    ['a rule without "use"', { when: {} }, false],
    ['an empty "use"', { when: {}, use: {} }, false],
    ['a model and a tier at once', { when: {}, use: { model: 'openai/gpt-6-luna', tier: 'budget' } }, false],
    ['a model without a provider', { when: {}, use: { model: 'gpt-6-luna' } }, false],
    ['an unknown task', { when: { task: 'poetry' }, use: { tier: 'budget' } }, false],
    ['an internal feature', { when: { feature: 'classifier' }, use: { tier: 'budget' } }, false],
    ['an invalid regular expression', { when: { pattern: '(' }, use: { tier: 'budget' } }, false],
  ] as const) {
    it(`${valid ? 'accepts' : 'rejects'} ${label}`, () => {
      assert.equal(rules.safeParse([rule]).success, valid);
    });
  }
});
