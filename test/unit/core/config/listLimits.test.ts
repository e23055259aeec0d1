import assert from 'node:assert/strict';
import { LIST_LIMITS, MAX_ENDPOINT_MODELS } from '../../../../src/core/config/settingsIssues';
import { validateSettings } from '../../../../src/core/config/validateSettings';
import { findGlobMatch } from '../../../../src/core/routing/glob';

const N = 100_000;
const many = <T>(make: (i: number) => T): T[] => Array.from({ length: N }, (_, i) => make(i));

describe('size limits on list settings (issue 13, finding 8)', () => {
  const rows: { key: keyof typeof LIST_LIMITS; value: unknown[]; kept: (s: ReturnType<typeof validateSettings>['value']) => number }[] = [
    { key: 'quorum.providers.openaiCompatible', value: many((i) => ({ id: `e${i}`, baseUrl: `http://localhost:${1000 + (i % 5000)}/v1` })), kept: (s) => s.providers.openaiCompatible.length },
    { key: 'quorum.models', value: many((i) => ({ provider: 'openai', id: `m${i}` })), kept: (s) => s.models.length },
    { key: 'quorum.routing.rules', value: many(() => ({ when: { pattern: 'sql' }, use: { tier: 'budget' } })), kept: (s) => s.routing.rules.length },
    { key: 'quorum.privacy.allowedProviders', value: many((i) => `p${i}`), kept: (s) => s.privacy.allowedProviders?.length ?? -1 },
  ];
  for (const row of rows) {
    it(`${row.key}: 100,000 entries → the first ${LIST_LIMITS[row.key]}, a clear error, in well under a second`, () => {
      const started = Date.now();
      const result = validateSettings((key) => (key === row.key ? row.value : undefined));
      assert.ok(Date.now() - started < 1_500, `${Date.now() - started} ms`);
      assert.equal(row.kept(result.value), LIST_LIMITS[row.key]);
      const issue = result.issues.find((i) => i.setting === row.key);
      assert.match(issue?.message ?? '', /has 100,000 entries; at most [\d,]+ are supported/);
    });
  }

  it('too many local-only globs keep every file local instead of dropping some', () => {
    const result = validateSettings((key) => (key === 'quorum.privacy.localOnlyGlobs' ? many((i) => `**/${i}.txt`) : undefined));
    assert.deepEqual(result.value.privacy.localOnlyGlobs, ['**']);
    assert.ok(findGlobMatch(['src/app.ts'], result.value.privacy.localOnlyGlobs) !== undefined);
    assert.match(result.issues[0]?.message ?? '', /every attached file is treated as local-only/);
  });

  it("an endpoint's model list is capped too", () => {
    const endpoint = { id: 'big', baseUrl: 'http://localhost:1/v1', models: many((i) => `m${i}`) };
    const result = validateSettings((key) => (key === 'quorum.providers.openaiCompatible' ? [endpoint] : undefined));
    assert.equal(result.value.providers.openaiCompatible[0]?.models.length, MAX_ENDPOINT_MODELS);
  });
});
