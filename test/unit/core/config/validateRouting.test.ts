import assert from 'node:assert/strict';
import type { QuorumSettings } from '../../../../src/core/config/settingsSchema';
import { itValidates, run, type IssueRow, type Raw } from './settingsRows';


const OLLAMA = { id: 'ollama', baseUrl: 'http://localhost:11434/v1' };
const BUDGET = { tier: 'budget' };
const rules = (...entries: readonly unknown[]): Raw => ({ 'quorum.routing.rules': entries });
const ruleNames = (s: QuorumSettings) => s.routing.rules.map((rule) => `${rule.index}:${rule.name}`);

const ROWS: readonly IssueRow[] = [
  // quorum.routing.rules: valid entries become typed rules.
  {
    name: 'a model rule, split at the first slash',
    raw: rules({ name: 'SQL to Sonnet', when: { language: 'sql' }, use: { model: 'anthropic/claude-sonnet-5-5' } }),
    issues: [],
    pick: (s) => s.routing.rules,
    expected: [{ name: 'SQL to Sonnet', index: 0, when: { language: ['sql'] }, use: { model: { provider: 'anthropic', model: 'claude-sonnet-5-5' } } }],
  },
  {
    name: 'a compat model whose id contains slashes',
    raw: rules({ when: {}, use: { model: 'compat:openrouter/meta-llama/llama-4' } }),
    issues: [],
    pick: (s) => s.routing.rules[0]?.use,
    expected: { model: { provider: 'compat:openrouter', model: 'meta-llama/llama-4' } },
  },
  {
    name: 'a tier rule with every condition, normalised to lists, lower-case languages and a case-insensitive pattern',
    raw: rules({ when: { task: 'chat', complexity: ['simple', 'standard'], language: [' SQL ', 'python'], pattern: '^explain', feature: 'ask' }, use: BUDGET }),
    issues: [],
    // The pattern is a LinearPattern (issue 13, finding 5), compared by how it reads.
    pick: (s) => {
      const when = s.routing.rules[0]?.when;
      return when === undefined ? undefined : { ...when, pattern: String(when.pattern) };
    },
    expected: { task: ['chat'], complexity: ['simple', 'standard'], language: ['sql', 'python'], pattern: String(/^explain/i), feature: ['ask'] },
  },
  {
    name: 'skips a rule whose pattern needs backtracking (a backreference), saying why',
    raw: rules({ when: { pattern: '(a)\\1' }, use: BUDGET }),
    issues: ['error quorum.routing.rules[0].when.pattern'],
    says: /backreferences are not supported/,
    pick: ruleNames,
    expected: [],
  },
  { name: 'a default name for an unnamed or blank-named rule', raw: rules({ when: {}, use: BUDGET }, { name: ' ', when: {}, use: BUDGET }), issues: [], pick: ruleNames, expected: ['0:rule 1', '1:rule 2'] },
  // quorum.routing.rules: an invalid entry is skipped, the rest kept.
  {
    name: 'skips a rule with an invalid regular expression and keeps the others',
    raw: rules({ name: 'a', when: {}, use: BUDGET }, { name: 'b', when: { pattern: '(unclosed' }, use: BUDGET }, { name: 'c', when: {}, use: BUDGET }),
    issues: ['error quorum.routing.rules[1].when.pattern'],
    says: /pattern is not a valid regular expression \(.*\); got "\(unclosed"\. This rule is skipped\./,
    pick: ruleNames,
    expected: ['0:a', '2:c'],
  },
  {
    name: 'skips a rule whose model has no provider',
    raw: rules({ when: {}, use: { model: 'claude-sonnet-5-5' } }),
    issues: ['error quorum.routing.rules[0].use.model'],
    says: /"provider\/model"/,
    pick: ruleNames,
    expected: [],
  },
  { name: 'skips a rule whose model names an unknown provider', raw: rules({ when: {}, use: { model: 'mistral/large' } }), issues: ['error quorum.routing.rules[0].use.model'], pick: ruleNames, expected: [] },
  { name: 'skips a rule whose model id is empty', raw: rules({ when: {}, use: { model: 'openai/' } }), issues: ['error quorum.routing.rules[0].use.model'], pick: ruleNames, expected: [] },
  { name: 'skips a rule with an empty "use"', raw: rules({ when: {}, use: {} }), issues: ['error quorum.routing.rules[0].use'], says: /use must name exactly one of "model".*or "tier"/, pick: ruleNames, expected: [] },
  { name: 'skips a rule naming a model and a tier', raw: rules({ when: {}, use: { model: 'openai/gpt-6-luna', tier: 'budget' } }), issues: ['error quorum.routing.rules[0].use'], pick: ruleNames, expected: [] },
  { name: 'skips a rule without "use"', raw: rules({ when: {} }), issues: ['error quorum.routing.rules[0].use'], says: /use is required/, pick: ruleNames, expected: [] },
  { name: 'skips a rule without "when"', raw: rules({ use: BUDGET }), issues: ['error quorum.routing.rules[0].when'], says: /when is required \(use \{\} to match every request\)/, pick: ruleNames, expected: [] },
  { name: 'skips a rule with an unknown tier', raw: rules({ when: {}, use: { tier: 'cheap' } }), issues: ['error quorum.routing.rules[0].use.tier'], says: /'budget', 'standard', 'premium'/, pick: ruleNames, expected: [] },
  { name: 'skips a rule with an unknown task', raw: rules({ when: { task: 'poetry' }, use: BUDGET }), issues: ['error quorum.routing.rules[0].when.task'], says: /one of 'classification'.*or a list of them/, pick: ruleNames, expected: [] },
  { name: 'skips a rule with an unknown task in a list', raw: rules({ when: { task: ['chat', 'poetry'] }, use: BUDGET }), issues: ['error quorum.routing.rules[0].when.task'], pick: ruleNames, expected: [] },
  { name: 'skips a rule with an empty task list (it could never match)', raw: rules({ when: { task: [] }, use: BUDGET }), issues: ['error quorum.routing.rules[0].when.task'], pick: ruleNames, expected: [] },
  { name: 'skips a rule with an unknown complexity', raw: rules({ when: { complexity: 'hard' }, use: BUDGET }), issues: ['error quorum.routing.rules[0].when.complexity'], pick: ruleNames, expected: [] },
  { name: 'skips a rule addressing an internal feature', raw: rules({ when: { feature: 'classifier' }, use: BUDGET }), issues: ['error quorum.routing.rules[0].when.feature'], says: /'ask', 'codeAction', 'judge', 'compare', 'vote'/, pick: ruleNames, expected: [] },
  { name: 'skips a rule with a blank language', raw: rules({ when: { language: ' ' }, use: BUDGET }), issues: ['error quorum.routing.rules[0].when.language'], pick: ruleNames, expected: [] },
  { name: 'skips a rule with an empty pattern', raw: rules({ when: { pattern: '' }, use: BUDGET }), issues: ['error quorum.routing.rules[0].when.pattern'], pick: ruleNames, expected: [] },
  {
    name: 'skips a rule with an unknown condition rather than match more than intended',
    raw: rules({ when: { langauge: 'sql' }, use: { model: 'anthropic/claude-opus-5-5' } }),
    issues: ['error quorum.routing.rules[0].when.langauge'],
    says: /"langauge" is not a property of "when".*rule is skipped\./,
    pick: ruleNames,
    expected: [],
  },
  {
    name: 'keeps a rule with an unknown top-level or "use" property, with warnings',
    raw: rules({ name: 'x', note: 'why', when: {}, use: { tier: 'premium', temperature: 0 } }),
    issues: ['warning quorum.routing.rules[0].note', 'warning quorum.routing.rules[0].use.temperature'],
    says: /"note" is not a property of a routing rule.*ignored\./,
    pick: ruleNames,
    expected: ['0:x'],
  },
  { name: 'skips a rule that is not an object', raw: rules('sql -> sonnet'), issues: ['error quorum.routing.rules[0]'], pick: ruleNames, expected: [] },
  { name: 'skips a rule whose name is not text', raw: rules({ name: 7, when: {}, use: BUDGET }), issues: ['error quorum.routing.rules[0].name'], pick: ruleNames, expected: [] },
  { name: 'uses no rules when the setting is not a list', raw: { 'quorum.routing.rules': { when: {} } }, issues: ['error quorum.routing.rules'], says: /must be a list.*No routing rule is used\./, pick: ruleNames, expected: [] },
  // quorum.routing.featureTiers
  { name: 'feature tiers as given', raw: { 'quorum.routing.featureTiers': { judge: 'premium', ask: 'standard' } }, issues: [], pick: (s) => s.routing.featureTiers, expected: { ask: 'standard', judge: 'premium' } },
  {
    name: 'drops only the bad feature tier',
    raw: { 'quorum.routing.featureTiers': { judge: 'best', vote: 'budget' } },
    issues: ['error quorum.routing.featureTiers.judge'],
    says: /judge must be one of 'budget', 'standard', 'premium'; got "best"\. The built-in minimum for judge is used\./,
    pick: (s) => s.routing.featureTiers,
    expected: { vote: 'budget' },
  },
  {
    name: 'ignores a tier for an internal feature, with a warning',
    raw: { 'quorum.routing.featureTiers': { classifier: 'premium', compare: 'standard' } },
    issues: ['warning quorum.routing.featureTiers.classifier'],
    says: /always routed to the budget tier\./,
    pick: (s) => s.routing.featureTiers,
    expected: { compare: 'standard' },
  },
  { name: 'uses the built-in feature tiers when the setting is not an object', raw: { 'quorum.routing.featureTiers': ['judge'] }, issues: ['error quorum.routing.featureTiers'], pick: (s) => s.routing.featureTiers, expected: {} },
  // quorum.privacy.localOnlyGlobs
  { name: 'globs, trimmed, with backslashes as slashes', raw: { 'quorum.privacy.localOnlyGlobs': [' **/secrets/** ', 'config\\*.env'] }, issues: [], pick: (s) => s.privacy.localOnlyGlobs, expected: ['**/secrets/**', 'config/*.env'] },
  {
    name: 'drops only the unusable globs',
    raw: { 'quorum.privacy.localOnlyGlobs': ['**/*.pem', 42, '  ', '**/.env'] },
    issues: ['error quorum.privacy.localOnlyGlobs[1]', 'error quorum.privacy.localOnlyGlobs[2]'],
    says: /\[1\] must be a non-empty glob.*got 42\. This glob is ignored\./,
    pick: (s) => s.privacy.localOnlyGlobs,
    expected: ['**/*.pem', '**/.env'],
  },
  {
    name: 'uses a lone glob string as a list rather than leak the files it names',
    raw: { 'quorum.privacy.localOnlyGlobs': '**/secrets/**' },
    issues: ['warning quorum.privacy.localOnlyGlobs'],
    pick: (s) => s.privacy.localOnlyGlobs,
    expected: ['**/secrets/**'],
  },
  { name: 'uses no globs when the setting is an object', raw: { 'quorum.privacy.localOnlyGlobs': { glob: '*' } }, issues: ['error quorum.privacy.localOnlyGlobs'], pick: (s) => s.privacy.localOnlyGlobs, expected: [] },
  // quorum.privacy.allowedProviders
  {
    name: 'allowed providers, a configured endpoint included',
    raw: { 'quorum.providers.openaiCompatible': [OLLAMA], 'quorum.privacy.allowedProviders': ['openai', ' compat:ollama '] },
    issues: [],
    pick: (s) => s.privacy,
    expected: { localOnlyGlobs: [], allowedProviders: ['openai', 'compat:ollama'] },
  },
  { name: 'an empty allowlist as "every provider"', raw: { 'quorum.privacy.allowedProviders': [] }, issues: [], pick: (s) => 'allowedProviders' in s.privacy, expected: false },
  {
    name: 'keeps an unknown provider with a warning, so the list stays restrictive',
    raw: { 'quorum.privacy.allowedProviders': ['mistral'] },
    issues: ['warning quorum.privacy.allowedProviders[0]'],
    says: /"mistral" is not a provider id; expected openai.*kept but matches no provider\./,
    pick: (s) => s.privacy.allowedProviders,
    expected: ['mistral'],
  },
  { name: 'hints at lower case for a capitalised provider', raw: { 'quorum.privacy.allowedProviders': ['OpenAI'] }, issues: ['warning quorum.privacy.allowedProviders[0]'], says: /ids are lower-case: "openai"/, pick: (s) => s.privacy.allowedProviders, expected: ['OpenAI'] },
  {
    name: 'warns about an endpoint that is not configured',
    raw: { 'quorum.privacy.allowedProviders': ['compat:lmstudio'] },
    issues: ['warning quorum.privacy.allowedProviders[0]'],
    says: /"compat:lmstudio" names no configured OpenAI-compatible endpoint/,
    pick: (s) => s.privacy.allowedProviders,
    expected: ['compat:lmstudio'],
  },
  { name: 'uses a lone provider string as a list of one', raw: { 'quorum.privacy.allowedProviders': 'anthropic' }, issues: ['warning quorum.privacy.allowedProviders'], pick: (s) => s.privacy.allowedProviders, expected: ['anthropic'] },
  {
    name: 'allows nothing when the allowlist cannot be read',
    raw: { 'quorum.privacy.allowedProviders': { openai: true } },
    issues: ['error quorum.privacy.allowedProviders'],
    says: /must be a list of provider ids.*No provider receives requests until this is fixed\./,
    pick: (s) => s.privacy.allowedProviders,
    expected: [],
  },
  {
    name: 'allows nothing when no entry is usable',
    raw: { 'quorum.privacy.allowedProviders': [42, ''] },
    issues: ['error quorum.privacy.allowedProviders[0]', 'error quorum.privacy.allowedProviders[1]', 'error quorum.privacy.allowedProviders'],
    pick: (s) => s.privacy.allowedProviders,
    expected: [],
  },
  { name: 'drops only the unusable allowlist entry', raw: { 'quorum.privacy.allowedProviders': ['gemini', null] }, issues: ['error quorum.privacy.allowedProviders[1]'], pick: (s) => s.privacy.allowedProviders, expected: ['gemini'] },
];

describe('validateSettings: routing and privacy', () => {
  itValidates(ROWS);

  it('reads the eval suite of a rule, and skips a suspended rule without an issue', () => {
    const evalRule = { when: { feature: 'ask' }, use: { model: 'openai/gpt-6-luna' }, eval: { suite: 'invoices', passRate: 0.96, costPerCaseUsd: 0.0004, change: 'c1' } };
    const suspended = { ...evalRule, suspended: { reason: 'fell below', at: '2026-12-06T00:00:00Z', change: 'c2' } };
    const result = run(rules(suspended, evalRule));
    assert.deepEqual(result.issues, []);
    assert.equal(result.value.routing.rules.length, 1);
    assert.deepEqual(result.value.routing.rules[0]?.eval, { suite: 'invoices', passRate: 0.96, costPerCaseUsd: 0.0004 });
    assert.equal(result.value.routing.rules[0]?.index, 1);
  });

  it('compiles a rule pattern that ignores case', () => {
    const pattern = run(rules({ when: { pattern: 'sql' }, use: BUDGET })).value.routing.rules[0]?.when.pattern;
    assert.equal(pattern?.test('Write a SQL query'), true);
    assert.equal(pattern?.test('Write a query'), false);
  });
});
